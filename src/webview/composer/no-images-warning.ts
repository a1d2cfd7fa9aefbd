// Said before sending, not after: images are attached but the model in use does not read them. Sending anyway
// leaves them out (the model is told so); one click switches to the nearest model that reads them.
import type { ComposerState, WebviewToHost } from '../../protocol/messages';
import { codicon, el, textButton } from '../dom';

export class NoImagesWarning {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly useButton: HTMLButtonElement;
  private visionModel: string | undefined;
  private shown = false;

  constructor(post: (message: WebviewToHost) => void, private readonly announce: (text: string) => void) {
    this.text = el('span');
    this.useButton = textButton('', () => {
      if (this.visionModel) post({ type: 'model/pick', model: this.visionModel });
    });
    this.element = el('div', { className: 'no-images-warning' }, [codicon('warning'), this.text, this.useButton]);
    this.element.hidden = true;
  }

  update(noImages: ComposerState['noImages']): void {
    this.element.hidden = !noImages;
    this.visionModel = noImages?.visionModel;
    if (!noImages) {
      this.shown = false;
      return;
    }
    const text = `${noImages.model} does not read images: sending leaves them out.`;
    this.text.textContent = text;
    this.useButton.hidden = !noImages.visionModel;
    this.useButton.textContent = noImages.visionModel ? `Use ${noImages.visionModel}` : '';
    // Said once as it appears, not on every keystroke after.
    if (!this.shown) this.announce(text);
    this.shown = true;
  }
}

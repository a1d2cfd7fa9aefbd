// The three ways an image or a PDF gets into the composer: paste, drag and drop, and the attach button. Files from
// the OS are read here (media-reader.ts); files dragged from VS Code's explorer arrive as a URI list, which the host
// reads and hands back (`composer/fileRead`). A refused file leaves the prompt and the other chips as they are, and
// the composer says why in one line.
import type { ComposerNotice } from './composer-notice';
import { base64Bytes } from '../../core/chat/media';
import type { WebviewToHost } from '../../protocol/messages';
import { el, iconButton } from '../dom';
import { readMedia } from './media-reader';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,.pdf,.png,.jpg,.jpeg,.gif,.webp';
/** What VS Code's explorer puts on a drag: its own list and the standard one. */
const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

export class MediaIntake {
  readonly attachButton: HTMLButtonElement;
  private readonly picker: HTMLInputElement;

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    /** Where a refusal is told, in one line under the composer (composer-notice.ts). */
    private readonly notice: ComposerNotice,
    dropTarget: HTMLElement,
    textarea: HTMLTextAreaElement,
  ) {
    this.picker = el('input', { className: 'media-picker', attrs: { type: 'file', accept: ACCEPT, multiple: '', tabindex: '-1', 'aria-hidden': 'true' } });
    this.picker.hidden = true;
    this.picker.addEventListener('change', () => {
      void this.readAll([...(this.picker.files ?? [])]);
      this.picker.value = '';
    });
    this.attachButton = iconButton('file-media', 'Attach Image or PDF', () => this.picker.click());
    textarea.addEventListener('paste', (event) => this.onPaste(event));
    dropTarget.addEventListener('dragover', (event) => this.onDragOver(event, dropTarget));
    dropTarget.addEventListener('dragleave', () => dropTarget.classList.remove('drop-target'));
    dropTarget.addEventListener('drop', (event) => this.onDrop(event, dropTarget));
  }

  /** The file input lives beside the button, so the button can sit in any group. */
  get elements(): HTMLElement[] {
    return [this.attachButton, this.picker];
  }

  /** A file the host read for us (dropped from the explorer). */
  receiveFile(name: string, dataUrl: string): void {
    const type = /^data:([\w.+/-]+);base64,/.exec(dataUrl)?.[1] ?? '';
    const bytes = base64Bytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
    if (!bytes) return this.refuse(`${name} could not be read.`);
    void this.readAll([new File([bytes], name, { type })]);
  }

  private refuse(text: string): void {
    this.notice.show(text);
  }

  private onPaste(event: ClipboardEvent): void {
    const data = event.clipboardData;
    if (!data) return;
    const files = [...data.files];
    // Text wins: copying from an office app puts a picture of the text beside it, and the text is what was meant.
    if (files.length === 0 || data.types.includes('text/plain')) return;
    event.preventDefault();
    void this.readAll(files.map((file, index) => (file.name && file.name !== 'image.png' ? file : renamed(file, index))));
  }

  private onDragOver(event: DragEvent, target: HTMLElement): void {
    const types = event.dataTransfer?.types ?? [];
    if (!types.includes('Files') && !URI_LIST_TYPES.some((type) => types.includes(type))) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    target.classList.add('drop-target');
  }

  private onDrop(event: DragEvent, target: HTMLElement): void {
    target.classList.remove('drop-target');
    const data = event.dataTransfer;
    if (!data) return;
    const files = [...data.files];
    const uriList = URI_LIST_TYPES.map((type) => data.getData(type)).find((list) => list.trim() !== '') ?? '';
    if (files.length === 0 && uriList === '') return;
    event.preventDefault();
    if (files.length > 0) {
      void this.readAll(files);
      return;
    }
    const uris = uriList.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')).slice(0, 20);
    if (uris.length > 0) this.post({ type: 'context/dropUris', uris });
  }

  private async readAll(files: readonly File[]): Promise<void> {
    this.notice.clear();
    for (const file of files) {
      try {
        const read = await readMedia(file, file.name || 'unnamed');
        if ('refusal' in read) this.refuse(read.refusal);
        else this.post({ type: 'context/attachMedia', name: read.name, dataUrl: read.dataUrl, ...(read.thumbnail ? { thumbnail: read.thumbnail } : {}) });
      } catch {
        this.refuse(`${file.name || 'The file'} could not be read.`);
      }
    }
  }
}

/** Every pasted screenshot is called image.png: number them, so their chips can be told apart. */
function renamed(file: File, index: number): File {
  const extension = file.type.split('/')[1] ?? 'png';
  const stamp = new Date().toTimeString().slice(0, 8).replaceAll(':', '');
  return new File([file], `pasted-${stamp}${index > 0 ? `-${index + 1}` : ''}.${extension}`, { type: file.type });
}

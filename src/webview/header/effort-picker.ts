// The reasoning effort of the model in use, as a native select: keyboard and screen readers know it as it is. It
// shows only for a model whose catalogue entry lists efforts, and picking one is remembered for that model.
import type { PanelState, WebviewToHost } from '../../protocol/messages';
import { el } from '../dom';

/** The option that sends no effort, for a model without a default effort named in the catalogue. */
const MODEL_DEFAULT = '';

export class EffortPicker {
  readonly element: HTMLSelectElement;
  private model = '';

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.element = el('select', { className: 'effort-picker', attrs: { 'aria-label': 'Reasoning effort' } });
    this.element.hidden = true;
    this.element.addEventListener('change', () => {
      const value = this.element.value;
      post({ type: 'reasoning/effort', model: this.model, ...(value !== MODEL_DEFAULT ? { effort: value } : {}) });
    });
  }

  update(model: string, control: PanelState['reasoning']): void {
    this.model = model;
    this.element.hidden = control === undefined;
    if (!control) {
      this.element.replaceChildren();
      return;
    }
    const options = control.efforts.map((effort) =>
      el('option', { text: effort === control.defaultEffort ? `${effort} (default)` : effort, attrs: { value: effort } }));
    if (!control.defaultEffort) options.unshift(el('option', { text: 'model default', attrs: { value: MODEL_DEFAULT } }));
    this.element.replaceChildren(...options);
    this.element.value = control.effort ?? control.defaultEffort ?? MODEL_DEFAULT;
    const label = `Reasoning effort for ${model}: ${this.element.value || 'model default'}`;
    this.element.title = label;
  }
}

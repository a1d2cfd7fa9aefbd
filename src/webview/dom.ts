// Small DOM builders. Every element the panel creates goes through these, so no markup is ever assembled from
// strings: text stays text, and nothing depends on inline styles or handlers (the CSP blocks both anyway).

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className !== undefined) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  if (children.length > 0) element.append(...children);
  return element;
}

/** A codicon glyph; decorative, so hidden from assistive technology (the button around it carries the name). */
export function codicon(name: string, extraClass = ''): HTMLElement {
  return el('span', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export interface ButtonOptions {
  /** Visible text next to the icon; without it the button shows only the icon and `label` is its whole name. */
  text?: string;
  className?: string;
}

/** A button whose accessible name is `label`, shown as a tooltip too. */
export function iconButton(icon: string, label: string, onClick: (event: MouseEvent) => void, options: ButtonOptions = {}): HTMLButtonElement {
  const classes = ['icon-button', options.text !== undefined ? 'has-text' : '', options.className ?? ''].filter(Boolean).join(' ');
  const button = el('button', { className: classes, attrs: { type: 'button', title: label } }, [codicon(icon)]);
  if (options.text !== undefined) {
    button.append(el('span', { className: 'button-text', text: options.text }));
    // The visible text is the name unless it says less than the label (a bare model id says less than "Model: …").
    if (options.text !== label) button.setAttribute('aria-label', label);
  } else {
    button.setAttribute('aria-label', label);
  }
  button.addEventListener('click', onClick);
  return button;
}

/** A plain text button (error-card actions and the like), named by its text. */
export function textButton(text: string, onClick: () => void, className = 'text-button'): HTMLButtonElement {
  const button = el('button', { className, text, attrs: { type: 'button' } });
  button.addEventListener('click', onClick);
  return button;
}

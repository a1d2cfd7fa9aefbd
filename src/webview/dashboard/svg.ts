// SVG builders for the dashboard's charts. Like dom.ts, nothing is assembled from markup strings, and no element
// gets a style attribute (the CSP blocks them): colours and fonts come from classes in media/dashboard.css.
const SVG_NS = 'http://www.w3.org/2000/svg';

type Attrs = Record<string, string | number>;

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, children: readonly Node[] = []): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, typeof value === 'number' ? String(round(value)) : value);
  if (children.length > 0) element.append(...children);
  return element;
}

/** Two decimals are plenty for pixels and keep the markup short. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function svgText(text: string, attrs: Attrs): SVGTextElement {
  const element = svgEl('text', attrs);
  element.textContent = text;
  return element;
}

/** A tooltip: the first `<title>` child of an SVG element is its hover text and accessible name. */
export function svgTitle(text: string): SVGTitleElement {
  const element = svgEl('title');
  element.textContent = text;
  return element;
}

/** The root of a chart: a picture to assistive technology, named by its one-sentence summary. */
export function chartRoot(className: string, width: number, height: number, summary: string, children: readonly Node[]): SVGSVGElement {
  return svgEl('svg', {
    class: `chart ${className}`,
    width, height,
    viewBox: `0 0 ${round(width)} ${round(height)}`,
    role: 'img',
    'aria-label': summary,
  }, children);
}

/** Average advance of a character of chart text (11px system UI fonts), for laying out labels without measuring. */
export const CHAR_WIDTH = 6.4;

export function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

/** `text` cut to fit `width`, with an ellipsis; the full text belongs in a tooltip. */
export function fitText(text: string, width: number): string {
  const chars = Math.max(4, Math.floor(width / CHAR_WIDTH));
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

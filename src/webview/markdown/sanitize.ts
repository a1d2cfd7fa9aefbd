// Everything a model writes is untrusted. Rendered markdown passes through DOMPurify with an allow-list of
// plain formatting elements; whatever is not on it (scripts, handlers, frames, forms, SVG, MathML, <meta>, <base>,
// <style>, style attributes) is dropped. Links keep only http(s) and mailto targets, and VS Code opens them outside
// the webview. Images are never loaded: each becomes a text placeholder naming what it would have shown.
import DOMPurify from 'dompurify';

const purifier = DOMPurify(window);

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 's', 'samp', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];
/** Attributes that are not URLs; DOMPurify would otherwise test their values against the URL allow-list. */
const PLAIN_ATTRIBUTES = ['align', 'start', 'colspan', 'rowspan'];
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** Classes the highlighter emits (`hljs-title`, and scope suffixes such as `function_`); any other class could make
 * model output look like panel controls. */
const ALLOWED_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|[\w-]+_|image-placeholder)$/;
const ATTRIBUTE_VALUES: Record<string, RegExp> = {
  align: /^(?:left|center|right)$/,
  start: /^\d{1,9}$/,
  colspan: /^\d{1,3}$/,
  rowspan: /^\d{1,3}$/,
};

purifier.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'img' || !(node instanceof Element)) return;
  // Runs in DOMPurify's inert document, so the image was never fetched; the <img> itself is removed after this.
  const alt = node.getAttribute('alt')?.trim();
  const src = node.getAttribute('src')?.trim();
  const placeholder = node.ownerDocument.createElement('span');
  placeholder.className = 'image-placeholder';
  placeholder.textContent = `[image${alt ? `: ${alt}` : ''}${src ? ` (${src.slice(0, 200)})` : ''}]`;
  node.parentNode?.insertBefore(placeholder, node);
});

purifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class') {
    const kept = data.attrValue.split(/\s+/).filter((name) => ALLOWED_CLASS.test(name));
    data.attrValue = kept.join(' ');
    data.keepAttr = kept.length > 0;
    return;
  }
  const pattern = ATTRIBUTE_VALUES[data.attrName];
  if (pattern && !pattern.test(data.attrValue.trim())) data.keepAttr = false;
});

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href');
  if (href === null) return;
  if (!isAllowedLink(href)) {
    node.removeAttribute('href');
    return;
  }
  // Show the real target: link text written by a model can claim anything.
  node.setAttribute('title', href);
});

/** Whether a link may keep its target: http(s) and mailto only. */
export function isAllowedLink(href: string): boolean {
  try {
    return LINK_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

// Set once: DOMPurify parses a config passed to sanitize() on every call.
purifier.setConfig({
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', ...PLAIN_ATTRIBUTES],
  ADD_URI_SAFE_ATTR: PLAIN_ATTRIBUTES,
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
});

/**
 * Sanitised DOM for untrusted HTML. DOMPurify parses it in an inert document (nothing in it runs or loads) and hands
 * back the nodes, so the result is never serialised and parsed a second time.
 */
export function sanitizeToFragment(html: string): DocumentFragment {
  return purifier.sanitize(html) as unknown as DocumentFragment;
}

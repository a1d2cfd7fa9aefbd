// The open tail of a streaming answer, built as DOM straight from marked's tokens. It is rebuilt many times while
// an answer streams, so it skips the HTML round trip: no markup is produced or parsed, every piece of model text
// becomes a text node, and links keep only http(s) and mailto targets — there is nothing left for a sanitiser to
// remove. Once a block is finished it is rendered for good through marked's renderer and DOMPurify (blocks.ts).
// The structure mirrors marked's output, so a block does not jump when its final rendering replaces this one.
import type { Token, Tokens } from 'marked';
import { el } from '../dom';
import { fenceLanguage, imagePlaceholder } from './blocks';
import { codeFrame } from './code-actions';
import { isAllowedLink } from './sanitize';

export function buildOpenBlocks(tokens: readonly Token[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  appendBlocks(fragment, tokens, true);
  return fragment;
}

/** `top`: loose text becomes a paragraph (marked does the same for top-level and loose list text). */
function appendBlocks(parent: ParentNode, tokens: readonly Token[], top: boolean): void {
  for (const token of tokens) {
    const node = blockNode(token, top);
    if (node) parent.append(node);
  }
}

function blockNode(token: Token, top: boolean): Node | undefined {
  switch (token.type) {
    case 'space':
    case 'def':
      return undefined;
    case 'paragraph':
      return withInline(el('p'), (token as Tokens.Paragraph).tokens);
    case 'heading': {
      const heading = token as Tokens.Heading;
      return withInline(document.createElement(`h${Math.min(6, Math.max(1, heading.depth))}`), heading.tokens);
    }
    case 'hr':
      return el('hr');
    case 'blockquote': {
      const quote = el('blockquote');
      appendBlocks(quote, (token as Tokens.Blockquote).tokens, true);
      return quote;
    }
    case 'code': {
      // Framed like a finished block, minus the buttons: the code is not complete yet.
      const code = token as Tokens.Code;
      const language = fenceLanguage(code.lang);
      return codeFrame(language, el('pre', {}, [el('code', { className: language ? `hljs language-${language}` : 'hljs', text: code.text })]));
    }
    case 'list':
      return listNode(token as Tokens.List);
    case 'table':
      return tableNode(token as Tokens.Table);
    case 'text': {
      const text = token as Tokens.Text;
      const content = text.tokens ? withInline(document.createDocumentFragment(), text.tokens) : document.createTextNode(text.text);
      return top ? el('p', {}, [content]) : content;
    }
    default:
      // Raw HTML and anything unknown: shown as the text the model wrote.
      return el('p', { text: token.raw });
  }
}

function listNode(list: Tokens.List): HTMLElement {
  const element = list.ordered ? el('ol') : el('ul');
  if (list.ordered && typeof list.start === 'number' && list.start !== 1) element.setAttribute('start', String(list.start));
  for (const item of list.items) {
    const li = el('li');
    if (item.task) li.append(item.checked ? '☑ ' : '☐ ');
    appendBlocks(li, item.tokens, item.loose);
    element.append(li);
  }
  return element;
}

function tableNode(table: Tokens.Table): HTMLElement {
  const cell = (tag: 'th' | 'td', value: Tokens.TableCell): HTMLElement => {
    const element = withInline(el(tag), value.tokens);
    if (value.align) element.setAttribute('align', value.align);
    return element;
  };
  const head = el('thead', {}, [el('tr', {}, table.header.map((value) => cell('th', value)))]);
  const rows = table.rows.map((row) => el('tr', {}, row.map((value) => cell('td', value))));
  return el('table', {}, rows.length > 0 ? [head, el('tbody', {}, rows)] : [head]);
}

function withInline<T extends ParentNode>(parent: T, tokens: readonly Token[] | undefined): T {
  for (const token of tokens ?? []) parent.append(inlineNode(token));
  return parent;
}

function inlineNode(token: Token): Node {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? withInline(document.createDocumentFragment(), text.tokens) : document.createTextNode(text.text);
    }
    case 'escape':
      return document.createTextNode((token as Tokens.Escape).text);
    case 'strong':
      return withInline(el('strong'), (token as Tokens.Strong).tokens);
    case 'em':
      return withInline(el('em'), (token as Tokens.Em).tokens);
    case 'del':
      return withInline(el('del'), (token as Tokens.Del).tokens);
    case 'codespan':
      return el('code', { text: (token as Tokens.Codespan).text });
    case 'br':
      return el('br');
    case 'link': {
      const link = token as Tokens.Link;
      const anchor = withInline(el('a'), link.tokens);
      if (isAllowedLink(link.href)) {
        anchor.setAttribute('href', link.href);
        anchor.setAttribute('title', link.href);
      }
      return anchor;
    }
    case 'image': {
      const image = token as Tokens.Image;
      return el('span', { className: 'image-placeholder', text: imagePlaceholder(image.href, image.text) });
    }
    default:
      return document.createTextNode(token.raw);
  }
}

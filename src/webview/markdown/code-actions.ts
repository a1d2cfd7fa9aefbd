// Each finished code block gets a small toolbar: Copy, Insert at Cursor, Insert into New File, Apply, and for a
// shell's commands Insert into Terminal. The buttons are our own elements, added after sanitising (model output
// cannot contain buttons), and they hand the block's text to the host. In a narrow block all but Copy move into a
// "…" menu (markdown.css decides with a container query), so the language keeps room to be read.
import { isShellLanguage } from '../../core/chat/code-language';
import { el, iconButton } from '../dom';
import { overflowMenu, type MenuItem } from './overflow-menu';

export interface CodeActions {
  copy(code: string): void;
  insert(code: string): void;
  apply(code: string): void;
  /** `language`: the fence's label, for the new editor's language. */
  newFile(code: string, language: string): void;
  terminal(code: string): void;
}

/** A code block's button as the message a page posts; the chat panel and the compare panel post the same ones. */
export type CodeActionMessage =
  | { type: 'code/copy' | 'code/insert' | 'code/apply' | 'code/terminal'; code: string }
  | { type: 'code/newFile'; code: string; language: string };

/** Code actions that post their message for the host to run. */
export function postingCodeActions(post: (message: CodeActionMessage) => void): CodeActions {
  return {
    copy: (code) => post({ type: 'code/copy', code }),
    insert: (code) => post({ type: 'code/insert', code }),
    apply: (code) => post({ type: 'code/apply', code }),
    newFile: (code, language) => post({ type: 'code/newFile', code, language }),
    terminal: (code) => post({ type: 'code/terminal', code }),
  };
}

const COPIED_FEEDBACK_MS = 1500;

/** Frames every <pre> in `container` with a toolbar of buttons. */
export function decorateCodeBlocks(container: ParentNode, actions: CodeActions): void {
  for (const pre of container.querySelectorAll('pre')) {
    const code = pre.querySelector('code') ?? pre;
    const language = /\blanguage-([\w+#.-]+)/.exec(code.className)?.[1] ?? '';
    const text = (): string => code.textContent ?? '';
    const copy = iconButton('copy', 'Copy', () => {
      actions.copy(text());
      showCopied(copy);
    });
    const more: MenuItem[] = [
      { icon: 'insert', label: 'Insert at Cursor', run: () => actions.insert(text()) },
      { icon: 'new-file', label: 'Insert into New File', run: () => actions.newFile(text(), language) },
      { icon: 'git-pull-request-go-to-changes', label: 'Apply', run: () => actions.apply(text()) },
      ...(isShellLanguage(language) ? [{ icon: 'terminal', label: 'Insert into Terminal', run: () => actions.terminal(text()) }] : []),
    ];
    const parent = pre.parentNode;
    const next = pre.nextSibling;
    const block = codeFrame(language, pre, [
      copy,
      ...more.map((item) => iconButton(item.icon, item.label, () => item.run(), { className: 'code-action' })),
      ...overflowMenu('More Actions', () => more),
    ]);
    parent?.insertBefore(block, next);
  }
}

/**
 * A code block in its frame: a toolbar naming the language, with `buttons` after the name, above the <pre>. A block
 * still streaming gets the same frame without buttons, so it does not move when its buttons arrive.
 */
export function codeFrame(language: string, pre: HTMLElement, buttons: readonly HTMLElement[] = []): HTMLElement {
  return el('div', { className: 'code-block' }, [
    el('div', { className: 'code-toolbar' }, [el('span', { className: 'code-language', text: language, ...(language ? { attrs: { title: language } } : {}) }), ...buttons]),
    pre,
  ]);
}

/** Turns a Copy button's icon into a check for a moment: the copy happened. */
export function showCopied(button: HTMLButtonElement): void {
  const icon = button.querySelector('.codicon');
  icon?.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon?.classList.replace('codicon-check', 'codicon-copy'), COPIED_FEEDBACK_MS);
}

// A "…" button with a small menu: where a code block's buttons go when its toolbar is too narrow for them (the
// container query in markdown.css decides which of the two shows). The menu is a popover, so it shows in the top
// layer: an answer's turns contain their paint (content-visibility), which would clip a menu below a short block.
// Keys follow the menu-button pattern: Enter, Space or Down opens it on the first item, Up on the last; arrows, Home
// and End move; Escape closes it and gives the focus back to the button; Tab closes it and moves on; a click
// outside closes it.
import { codicon, el, iconButton } from '../dom';

export interface MenuItem {
  icon: string;
  label: string;
  run(): void;
}

/** The gap between the button and its menu, and the least room kept at the sidebar's edge, in pixels. */
const GAP = 2;
const EDGE = 4;

/** The "…" button, with its menu right after it; the items are built when the menu first opens. */
export function overflowMenu(label: string, items: () => readonly MenuItem[]): HTMLElement[] {
  const menu = el('div', { className: 'overflow-menu', attrs: { role: 'menu', 'aria-label': label, popover: 'auto' } });
  const button = iconButton('ellipsis', label, () => undefined, { className: 'overflow-button' });
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  // The browser opens and closes the menu from the button, and knows that a click on it is not a click outside.
  button.popoverTargetElement = menu;
  let focusLast = false;
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    focusLast = event.key === 'ArrowUp';
    if (!menu.matches(':popover-open')) menu.showPopover();
  });

  const entries = (): HTMLButtonElement[] => [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  const close = (): void => {
    menu.hidePopover();
    button.focus();
  };
  // Scrolling moves the button away from a menu fixed on screen: the menu goes.
  const closeOnScroll = (): void => menu.hidePopover();
  // Fired as the menu opens or closes, before anything is drawn ('toggle' comes later, after a frame may be drawn).
  menu.addEventListener('beforetoggle', (event) => {
    const open = event.newState === 'open';
    button.setAttribute('aria-expanded', String(open));
    if (!open) {
      menu.classList.remove('placed');
      document.removeEventListener('scroll', closeOnScroll, true);
      return;
    }
    document.addEventListener('scroll', closeOnScroll, true);
    if (menu.childElementCount > 0) return;
    menu.append(...items().map((item) => {
      const entry = el('button', { className: 'overflow-item', attrs: { type: 'button', role: 'menuitem', tabindex: '-1' } }, [
        codicon(item.icon),
        el('span', { text: item.label }),
      ]);
      entry.addEventListener('click', () => {
        close();
        item.run();
      });
      return entry;
    }));
  });
  // Placed once shown, when it can be measured; it stays invisible until then (markdown.css).
  menu.addEventListener('toggle', (event) => {
    if (event.newState !== 'open' || !menu.matches(':popover-open')) return;
    place(menu, button);
    menu.classList.add('placed');
    const all = entries();
    (focusLast ? all.at(-1) : all[0])?.focus();
    focusLast = false;
  });
  menu.addEventListener('keydown', (event) => {
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number): void => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        return;
      case 'ArrowUp':
        move(at - 1);
        return;
      case 'Home':
        move(0);
        return;
      case 'End':
        move(all.length - 1);
        return;
      case 'Escape':
        // Handled here, so the panel does not take it for "stop the answer".
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      case 'Tab':
        // Back to the button first: the browser then moves on from there, past the hidden menu.
        close();
        return;
    }
  });
  return [button, menu];
}

/**
 * Puts the open menu under the button, right edges aligned, or above it when there is no room below; in a sidebar
 * narrower than the menu, against its left edge.
 */
function place(menu: HTMLElement, button: HTMLElement): void {
  const anchor = button.getBoundingClientRect();
  menu.style.left = 'auto';
  menu.style.right = `${Math.max(0, document.documentElement.clientWidth - anchor.right)}px`;
  menu.style.top = `${anchor.bottom + GAP}px`;
  const box = menu.getBoundingClientRect();
  if (box.left < EDGE) {
    menu.style.right = 'auto';
    menu.style.left = `${EDGE}px`;
  }
  if (anchor.bottom + GAP + box.height > window.innerHeight && anchor.top - GAP - box.height >= 0) {
    menu.style.top = `${anchor.top - GAP - box.height}px`;
  }
}

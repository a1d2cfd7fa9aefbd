// One attached piece of editor context, as the composer's chips and a sent message's list both show it: an icon for
// its kind, its label and its size in tokens.
import type { Attachment } from '../core/chat/model';
import { formatTokens } from '../core/format';
import { codicon, el } from './dom';

const KIND_ICONS: Record<Attachment['kind'], string> = {
  selection: 'list-selection', file: 'file', editors: 'files', problems: 'warning', image: 'file-media', pdf: 'file-pdf',
};

/** `classPrefix` names the item and its parts (`chip`, `chip-label`, `chip-tokens`); `extra` follows them. */
export function attachmentBadge(
  attachment: Pick<Attachment, 'kind' | 'label' | 'tokens' | 'thumbnail' | 'omitted'> & { note?: string | undefined },
  classPrefix: string,
  extra: readonly Node[] = [],
): HTMLLIElement {
  // An image shows its thumbnail (a data URL the schema checked; img-src allows data:), decorative beside its name.
  const icon = attachment.thumbnail
    ? el('img', { className: `${classPrefix}-thumbnail`, attrs: { src: attachment.thumbnail, alt: '' } })
    : codicon(KIND_ICONS[attachment.kind]);
  const note = attachment.omitted ?? attachment.note;
  return el('li', { className: classPrefix, attrs: { title: note ? `${attachment.label} — ${note}` : attachment.label } }, [
    icon,
    el('span', { className: `${classPrefix}-label`, text: attachment.label }),
    el('span', { className: `${classPrefix}-tokens`, text: `~${formatTokens(attachment.tokens)} tokens${note ? ` · ${note}` : ''}` }),
    ...extra,
  ]);
}

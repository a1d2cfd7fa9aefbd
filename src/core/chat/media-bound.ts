// History keeps images and PDFs, within a bound per chat: the newest are kept whole, and past the bound the older
// ones' content is let go, leaving a placeholder that says what was there. A chat of screenshots would otherwise
// grow its history file (and every save of it) without limit.
import { dataUrlByteLength, formatMegabytes } from './media';
import type { Chat, Turn } from './model';

/** Bytes of image and PDF content one chat keeps in history. */
export const MAX_MEDIA_BYTES_PER_CHAT = 20 * 1024 * 1024;

/** `chat` as history stores it: the same object when its media fit in `maxBytes`, a copy with the oldest let go otherwise. */
export function boundMedia(chat: Chat, maxBytes = MAX_MEDIA_BYTES_PER_CHAT): Chat {
  let kept = 0;
  let changed = false;
  const turns: Turn[] = [...chat.turns];
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index];
    if (turn?.role !== 'user' || !turn.attachments.some((a) => a.dataUrl !== undefined)) continue;
    const attachments = [...turn.attachments].reverse().map((attachment) => {
      if (attachment.dataUrl === undefined) return attachment;
      const bytes = dataUrlByteLength(attachment.dataUrl);
      if (kept + bytes <= maxBytes) {
        kept += bytes;
        return attachment;
      }
      changed = true;
      const { dataUrl: _dropped, ...rest } = attachment;
      return { ...rest, omitted: `${formatMegabytes(bytes)}, not kept: this chat's history keeps ${formatMegabytes(maxBytes)} of images and PDFs` };
    }).reverse();
    turns[index] = { ...turn, attachments };
  }
  return changed ? { ...chat, turns } : chat;
}

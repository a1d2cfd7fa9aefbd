// Which attached context is redundant, so a message never carries the same file twice. The rules:
//  - a file attached whole (Attach Current File, or one of the open editors) covers every selection of it;
//  - attaching what is already attached is a no-op that says so, or refreshes the chip when its text has changed
//    (the file was edited since), and a second Open Editors replaces the first;
//  - Open Editors leaves out the files already attached on their own (see `attachedWhole`).
// Images and PDFs are told apart by their content. Files are told apart by their URI; chips from chats saved before attachments had one fall back to their label.
import { isMedia } from '../chat/media-attachment';
import type { Attachment } from '../chat/model';

export interface AttachResult {
  readonly attachments: Attachment[];
  /** What to tell the person when the chips did not simply gain one: nothing added, or others made redundant. */
  readonly note?: string;
}

/** The files an attachment holds whole: a file's own, each open editor's; a selection holds none whole. */
export function wholeFiles(attachment: Attachment): readonly string[] {
  return attachment.kind === 'selection' ? [] : (attachment.uris ?? []);
}

/** The URIs of the files already attached on their own, which Open Editors leaves out. */
export function attachedWhole(attachments: readonly Attachment[]): string[] {
  return attachments.filter((a) => a.kind === 'file').flatMap(wholeFiles);
}

/** The chips after attaching `next` to `attachments`, with what was redundant taken out. */
export function attach(attachments: readonly Attachment[], next: Attachment): AttachResult {
  const same = attachments.findIndex((a) => isSameSource(a, next));
  const existing = attachments[same];
  if (existing && existing.text === next.text && existing.dataUrl === next.dataUrl) return { attachments: [...attachments], note: `${next.label} is already attached.` };

  const file = next.kind === 'editors' ? undefined : next.uris?.[0];
  const covering = file === undefined ? undefined : attachments.find((a) => a !== existing && wholeFiles(a).includes(file));
  if (covering) {
    const where = covering.kind === 'editors' ? 'with the open editors' : 'whole';
    return { attachments: [...attachments], note: `${next.kind === 'file' ? next.label : 'The selection\'s file'} is already attached ${where}.` };
  }

  const covered = new Set(wholeFiles(next));
  const redundant = (a: Attachment): boolean => a !== existing && a.kind !== 'editors' && a.uris?.[0] !== undefined && covered.has(a.uris[0]);
  const dropped = attachments.filter(redundant);
  const kept = attachments.filter((a) => !redundant(a)).map((a) => (a === existing ? next : a));
  if (!existing) kept.push(next);
  if (dropped.length === 0) return { attachments: kept };
  return { attachments: kept, note: `${next.label} includes ${dropped.map((a) => a.label).join(', ')}, so ${dropped.length === 1 ? 'that chip was' : 'those chips were'} removed.` };
}

/** The same thing attached again: the same selection, the same file, or Open Editors (there is one such chip). */
function isSameSource(a: Attachment, b: Attachment): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'editors') return true;
  // Images and PDFs have no URI, and pasted ones share a name: the same content is the same attachment.
  if (isMedia(a)) return a.dataUrl === b.dataUrl;
  const file = (x: Attachment): string | undefined => x.uris?.[0];
  // A selection's label carries its line range; a file's, its path.
  return file(a) !== undefined && file(b) !== undefined ? file(a) === file(b) && a.label === b.label : a.label === b.label;
}

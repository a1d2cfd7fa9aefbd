// A proposed change to a file: the code of an answer in place of the selection, or of the whole file. Pure, so the
// diff shows exactly what Apply will write.

export interface ProposedEdit {
  /** The text that replaces [start, end) of the original. */
  replacement: string;
  /** The whole file as it would be after the edit: the diff's right-hand side. */
  proposed: string;
}

/**
 * The edit that puts `code` in place of [start, end) of `original`. An answer's code block never ends with a line
 * break, so replacing a whole file that ends with one keeps it (in the file's own line ending): Apply must not
 * leave a file without its final newline.
 */
export function proposedEdit(original: string, start: number, end: number, code: string): ProposedEdit {
  const wholeFile = start === 0 && end === original.length;
  const finalBreak = wholeFile ? /\r?\n$/.exec(original)?.[0] : undefined;
  const replacement = finalBreak && !/\r?\n$/.test(code) ? code + finalBreak : code;
  return { replacement, proposed: original.slice(0, start) + replacement + original.slice(end) };
}

// Fences that hold any text: longer than any run of the fence character inside, so nothing in the text can close
// them early.

/** The longest run of `char` in `text`. A loop, not Math.max over matches: a large text can hold more runs than a
 * function accepts arguments. */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    current = text[i] === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/** `text` in a backtick fence (with an info string, e.g. a language) that no backtick run inside can close. */
export function backtickFence(text: string, info = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${ticks}${info}\n${text}\n${ticks}`;
}

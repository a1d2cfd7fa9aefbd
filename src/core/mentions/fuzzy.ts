// Fuzzy matching for the `#` completion list: the query's characters must appear in order; matches that start a
// word, run together or fall in the file's own name rank higher, as in the editor's Quick Open. Pure and bounded:
// the list shows at most `limit` items however large the workspace.

/** Characters after which a match starts a new word: path separators, punctuation, and the start of the text. */
const WORD_START = /[\\/._\-\s:#]/;

/**
 * How well `query` matches `text` (higher is better), or undefined when it does not match at all. Matching ignores
 * case; an empty query matches everything with 0.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase();
  if (q === '') return 0;
  const lower = text.toLowerCase();
  // The query read from the end of the text backwards, so the match lands as far right (in the file name) as it can.
  const positions: number[] = [];
  let at = lower.length - 1;
  for (let i = q.length - 1; i >= 0; i--) {
    const found = lower.lastIndexOf(q[i] as string, at);
    if (found < 0) return undefined;
    positions.unshift(found);
    at = found - 1;
  }
  const nameStart = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1;
  let score = 0;
  positions.forEach((position, index) => {
    score += 1;
    if (position === 0 || WORD_START.test(text[position - 1] as string)) score += 8;
    else if (isHump(text, position)) score += 6;
    if (index > 0 && positions[index - 1] === position - 1) score += 5;
    if (position >= nameStart) score += 3;
  });
  if (lower.slice(nameStart).startsWith(q)) score += 20;
  return score;
}

/** A capital after a small letter: the start of a word in camelCase. */
function isHump(text: string, position: number): boolean {
  const char = text[position] as string;
  const before = text[position - 1] as string;
  return char !== char.toLowerCase() && before === before.toLowerCase() && before !== before.toUpperCase();
}

/**
 * The items matching `query`, best first, at most `limit`. Ties keep the shorter text first, then the given order
 * (the caller lists what is likelier first: open editors before other files).
 */
export function rankFuzzy<T>(query: string, items: readonly T[], textOf: (item: T) => string, limit: number): T[] {
  const scored: { item: T; score: number; length: number; index: number }[] = [];
  items.forEach((item, index) => {
    const text = textOf(item);
    const score = fuzzyScore(query.trim(), text);
    if (score !== undefined) scored.push({ item, score, length: text.length, index });
  });
  if (query.trim() === '') return scored.slice(0, limit).map((s) => s.item);
  scored.sort((a, b) => b.score - a.score || a.length - b.length || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}

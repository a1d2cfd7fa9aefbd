// Realistic answers for streaming tests: every kind of block a model writes, including the ones whose end is only
// known from the next line (loose lists, setext headings, tables, fences closed with longer fences).

// A reference definition must come before its use: a streamed answer renders settled blocks before later text
// arrives, so a definition further down cannot reach back (the one difference from rendering the whole text at once).
export const MARKDOWN_CORPUS = `[ref]: https://example.com/reference

# Plan

Here is what we will do, step by step. First **read** the file, then _change_ it; see [the docs](https://example.com/docs "Docs")
and [the reference][ref].

1. Read \`src/parser.ts\`

2. Find the function that parses numbers
   and check its edge cases.

3. Write tests:
   - one for empty input
   - one for \`NaN\`

Setext heading
--------------

\`\`\`ts
export function parse(text: string): number {
  // Number.parseInt ignores trailing garbage
  return Number.parseInt(text, 10);
}
\`\`\`

| Input | Result |
|:------|-------:|
| "42"  | 42     |
| ""    | NaN    |
Some text right after the table.

> A quote that goes on
lazily onto a second line.

> And a second quote.

- [x] done task
- [ ] open task

~~~~python
def f():
    return """
\`\`\`
not a fence end
"""
~~~~

* * *

Final paragraph with a line  
break and an autolink https://example.com/path and <b>inline html</b>.

    indented code block
    second line
`;

/** A long answer of the same kinds of blocks, `bytes` long, for the big-answer and benchmark tests. */
export function longAnswer(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `## Section ${i}\n\nParagraph ${i} explains **why** the code below matters, with \`inline code\` and a [link](https://example.com/${i}).\n\n` +
      `\`\`\`js\nfunction step${i}(input) {\n  const result = input.map((x) => x * ${i});\n  return result.filter(Boolean);\n}\n\`\`\`\n\n` +
      `- item one of section ${i}\n- item two with *emphasis*\n- item three\n\n| key | value |\n|---|---|\n| a | ${i} |\n| b | ${i * 2} |\n\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

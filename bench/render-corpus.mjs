// A long, realistic answer for the render benchmark: prose with inline formatting, code blocks in several
// languages and lengths, nested lists, tables, quotes and rules, in the proportions a coding model produces.
// Deterministic: the same size always gives the same text.

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ('the parser reads each token and returns a value when the input is valid otherwise it reports an error with ' +
  'the position so callers can recover retry or fall back to a slower path that handles every edge case including empty ' +
  'strings unicode surrogate pairs trailing whitespace and very long numbers').split(' ');

const CODE = {
  ts: (i, line) => `  const value${line} = await client.fetch<Result${i}>(\`/items/\${id}\`, { retries: ${line % 5} });`,
  python: (i, line) => `    result_${line} = [item.value * ${line} for item in batch_${i} if item.ok]`,
  bash: (i, line) => `npm run build -- --filter=pkg-${i}-${line} && echo "step ${line} done"`,
  json: (i, line) => `  "key_${i}_${line}": { "enabled": ${line % 2 === 0}, "limit": ${line * 10} },`,
  go: (i, line) => `\tif err := handler${i}.Process(ctx, items[${line}]); err != nil { return fmt.Errorf("step ${line}: %w", err) }`,
  rust: (i, line) => `    let value_${line}: u64 = input.iter().map(|x| x * ${line}).sum();`,
  sql: (i, line) => `  SELECT id, name, total_${line} FROM orders_${i} WHERE status = 'open' AND amount > ${line * 3}`,
};

/** About `bytes` characters of markdown. */
export function realisticAnswer(bytes, seed = 2024) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(next() * 14) }, () => pick(WORDS));
    const at = Math.floor(next() * words.length);
    const style = next();
    if (style < 0.2) words[at] = `\`${words[at]}()\``;
    else if (style < 0.35) words[at] = `**${words[at]}**`;
    else if (style < 0.45) words[at] = `[${words[at]}](https://example.com/docs/${words[at]})`;
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(next() * 5) }, sentence).join(' ');
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const kind = next();
    let part;
    if (i % 12 === 0) part = `## Part ${i / 12 + 1}: ${sentence().slice(0, 40)}`;
    else if (kind < 0.38) part = paragraph();
    else if (kind < 0.62) {
      const language = pick(Object.keys(CODE));
      const lines = Array.from({ length: 5 + Math.floor(next() * 45) }, (_, line) => CODE[language](i, line));
      part = `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
    } else if (kind < 0.77) {
      const items = Array.from({ length: 3 + Math.floor(next() * 6) }, (_, n) =>
        next() < 0.25 ? `- ${sentence()}\n  - ${sentence()}\n  - ${sentence()}` : `${next() < 0.5 ? '-' : `${n + 1}.`} ${sentence()}`);
      part = items.join('\n');
    } else if (kind < 0.88) {
      const columns = 3 + Math.floor(next() * 4);
      const header = `| ${Array.from({ length: columns }, (_, c) => `Column ${c + 1}`).join(' | ')} |`;
      const rule = `|${' --- |'.repeat(columns)}`;
      const rows = Array.from({ length: 3 + Math.floor(next() * 8) }, (_, r) => `| ${Array.from({ length: columns }, (_, c) => (c === 0 ? `\`row${r}\`` : `${Math.floor(next() * 1000)}`)).join(' | ')} |`);
      part = [header, rule, ...rows].join('\n');
    } else if (kind < 0.96) part = `> ${sentence()}\n> ${sentence()}`;
    else part = '---';
    parts.push(part);
    size += part.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

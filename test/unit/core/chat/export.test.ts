import * as assert from 'node:assert/strict';
import { chatToMarkdown, closeOpenFence, codeSpan, escapeInline, exactUsd, verbatimBlock } from '../../../../src/core/chat/export';
import { ChatSchema, type AssistantTurn, type Chat, type UserTurn } from '../../../../src/core/chat/model';
import type { AnswerCost } from '../../../../src/core/spend/answer-cost';
import { sumUsd } from '../../../../src/core/spend/usd';
import { marked, type Token } from 'marked';

const KNOWN_STARTS = ['*Started', '**You**', '**Assistant**', 'Answered by', '*Stopped before', '**Total cost:**'];

/** The document's top-level blocks as a CommonMark parser sees them: types, known paragraph starts, code text. */
function outline(markdown: string): string[] {
  return marked
    .lexer(markdown)
    .filter((token: Token) => token.type !== 'space')
    .map((token: Token) => {
      if (token.type === 'paragraph') return `p:${KNOWN_STARTS.find((start) => token.raw.startsWith(start)) ?? token.raw.trim()}`;
      if (token.type === 'code') return `code:${String(token['text'])}`;
      return token.type;
    });
}

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);

function user(id: string, text: string, extra: Partial<UserTurn> = {}): UserTurn {
  return { id, role: 'user', text, createdAt: T0, attachments: [], ...extra };
}

function answer(id: string, text: string, extra: Partial<AssistantTurn> = {}): AssistantTurn {
  return { id, role: 'assistant', text, reasoning: '', status: 'done', createdAt: T0, notices: [], ...extra };
}

function chat(turns: Chat['turns'], extra: Partial<Chat> = {}): Chat {
  // Parsed, so the fixtures are chats the store could have saved.
  return ChatSchema.parse({ id: 'c1', title: 'Sorting', createdAt: T0, updatedAt: T0 + 60_000, model: 'openai/gpt-4o', turns, ...extra });
}

const usage = (promptTokens: number, completionTokens: number, cachedTokens = 0, reasoningTokens = 0) => ({ promptTokens, completionTokens, cachedTokens, cacheWriteTokens: 0, reasoningTokens });
const exact = (usd: number): AnswerCost => ({ usd, basis: 'exact', source: 'usage' });

describe('chat export to Markdown', () => {
  it('writes a multi-turn chat with a fallback, cached tokens, an error and a stopped answer (golden)', () => {
    const markdown = chatToMarkdown(
      chat([
        user('u1', 'How do I sort?\n# not a heading', { attachments: [{ kind: 'file', label: 'src/sort.ts', text: 'SECRET FILE BODY', tokens: 1234 }] }),
        answer('a1', 'Use `Array.prototype.sort`:\n\n```ts\nxs.sort();\n```\n', {
          notices: [{ kind: 'fallback', text: 'openai/gpt-4o is rate limited; trying anthropic/claude-sonnet-4' }],
          meta: {
            requestedModel: 'openai/gpt-4o',
            model: 'anthropic/claude-sonnet-4',
            provider: 'Anthropic',
            usage: usage(1500, 42, 1024),
            cost: exact(0.000123),
            timeToFirstTokenMs: 850,
            durationMs: 4200,
            fallbackPath: ['openai/gpt-4o', 'anthropic/claude-sonnet-4'],
          },
        }),
        user('u2', 'And stop?'),
        answer('a2', 'Partial\n```js\nconst x =', {
          status: 'stopped',
          meta: { requestedModel: 'openai/gpt-4o', model: 'openai/gpt-4o', provider: 'OpenAI', usage: usage(10, 3), cost: exact(0.0000002), fallbackPath: [], durationMs: 120 },
        }),
        user('u3', 'Again'),
        answer('a3', '', {
          status: 'error',
          error: { kind: 'rate_limited', message: 'Too many\nrequests *now*', status: 429, source: 'OpenAI', detail: 'Slow down', actions: ['wait'] },
        }),
      ]),
    );
    const expected = [
      '# Sorting',
      '',
      '*Started 2025-01-02 03:04 UTC · last updated 2025-01-02 03:05 UTC · model `openai/gpt-4o`*',
      '',
      '---',
      '',
      '**You**',
      '',
      '~~~text',
      'How do I sort?',
      '# not a heading',
      '~~~',
      '',
      'Attached: src/sort.ts (file, 1,234 tokens)',
      '',
      '---',
      '',
      '**Assistant**',
      '',
      '> *Fallback:* openai/gpt-4o is rate limited; trying anthropic/claude-sonnet-4',
      '',
      'Use `Array.prototype.sort`:',
      '',
      '```ts',
      'xs.sort();',
      '```',
      '',
      'Answered by `anthropic/claude-sonnet-4` (requested `openai/gpt-4o`; tried `openai/gpt-4o` → `anthropic/claude-sonnet-4`) · via Anthropic · 1,500 tokens in (1,024 cached), 42 out · $0.000123 · first token after 850 ms · took 4.2 s',
      '',
      '---',
      '',
      '**You**',
      '',
      '~~~text',
      'And stop?',
      '~~~',
      '',
      '---',
      '',
      '**Assistant**',
      '',
      'Partial',
      '```js',
      'const x =',
      '```',
      '',
      '*Stopped before the answer was complete.*',
      '',
      'Answered by `openai/gpt-4o` · via OpenAI · 10 tokens in, 3 out · $0.0000002 · took 120 ms',
      '',
      '---',
      '',
      '**You**',
      '',
      '~~~text',
      'Again',
      '~~~',
      '',
      '---',
      '',
      '**Assistant**',
      '',
      '**Error** (rate\\_limited, HTTP 429, from OpenAI): Too many requests \\*now\\* OpenAI said: Slow down',
      '',
      '---',
      '',
      '**Total cost:** $0.0001232',
      '',
    ].join('\n');
    assert.equal(markdown, expected);
  });

  it('lists attachments by label, never their text', () => {
    const markdown = chatToMarkdown(chat([user('u1', 'see', { attachments: [{ kind: 'selection', label: 'a.ts:1-3', text: 'const secret = 1;', tokens: 5 }] })]));
    assert.match(markdown, /Attached: a\.ts:1-3 \(selection, 5 tokens\)/);
    assert.doesNotMatch(markdown, /secret/);
  });

  it('writes a command\'s turn as the command, its code\'s chip and the instruction sent in its place', () => {
    const command = { name: 'explain', instruction: 'Explain what this code from a.ts does.' };
    const attachments = [{ kind: 'selection' as const, label: 'a.ts:3–9', text: 'const secret = 1;', tokens: 5 }];
    const markdown = chatToMarkdown(chat([user('u1', '/explain', { attachments, command })]));
    assert.deepEqual(outline(markdown).slice(4, 8), [
      'code:/explain', 'p:Attached: a.ts:3–9 (selection, 5 tokens)', 'p:*Instruction sent for /explain:*', 'code:Explain what this code from a.ts does.',
    ]);
    assert.doesNotMatch(markdown, /secret/);
  });

  it('lists an answer\'s web sources as links (web links only, titles escaped) and its searches in the footer', () => {
    const citations = [
      { url: 'https://www.example.com/a b', title: 'A *bold* [claim]' },
      { url: 'javascript:alert(1)', title: 'Click me' },
    ];
    const meta = { requestedModel: 'openai/gpt-4o', model: 'openai/gpt-4o', fallbackPath: [], cost: exact(0.0212), webSearch: { searches: 2, usd: 0.02 }, citations };
    const markdown = chatToMarkdown(chat([user('u1', 'news?'), answer('a1', 'Two sources.', { meta })]));
    assert.match(markdown, /\*\*Sources:\*\*\n\n1\. \[A \\\*bold\\\* \\\[claim\\\]\]\(<https:\/\/www\.example\.com\/a%20b>\) \(example\.com\)\n2\. Click me\n/);
    assert.match(markdown, /2 web searches ≈ \$0\.02/);
    assert.doesNotMatch(markdown, /javascript:/);
    const links = marked.lexer(markdown).flatMap((token: Token) => JSON.stringify(token).match(/"href":"[^"]*"/g) ?? []);
    assert.deepEqual(links, ['"href":"https://www.example.com/a%20b"']);
  });

  it('sums costs exactly, as sumUsd does, where float addition drifts', () => {
    const costs = [0.1, 0.2, 0.3, 0.000001, 0.0000003];
    const turns = costs.flatMap((cost, i) => [user(`u${i}`, 'q'), answer(`a${i}`, 'a', { meta: { requestedModel: 'm', model: 'm', cost: exact(cost), fallbackPath: [] } })]);
    const markdown = chatToMarkdown(chat(turns));
    assert.notEqual(costs.reduce((a, b) => a + b, 0), 0.6000013, 'float addition drifts here, so the test means something');
    assert.equal(sumUsd(costs), 0.6000013);
    assert.match(markdown, /\*\*Total cost:\*\* \$0\.6000013\n$/);
  });

  it('marks estimated costs, and totals a chat without costs as zero', () => {
    const estimated = chatToMarkdown(chat([answer('a1', 'x', { meta: { requestedModel: 'm', model: 'm', cost: { usd: 0.5, basis: 'estimate', source: 'catalogue' }, fallbackPath: [] } })]));
    assert.match(estimated, / · ~\$0\.50 \(estimate\)/);
    assert.match(estimated, /\*\*Total cost:\*\* \$0\.50 \(includes estimates\)\n$/);
    assert.match(chatToMarkdown(chat([user('u1', 'hi')])), /\*\*Total cost:\*\* \$0\.00\n$/);
  });

  it('shows reasoning and cache-write tokens, a still-streaming answer and every notice kind', () => {
    const markdown = chatToMarkdown(
      chat([
        answer('a1', 'thinking…', {
          status: 'streaming',
          notices: [
            { kind: 'retry', text: 'retrying in 2 s' },
            { kind: 'clamped', text: 'max_tokens lowered to 8,000' },
          ],
          meta: { requestedModel: 'm', model: 'm', usage: { promptTokens: 10, completionTokens: 20, cachedTokens: 0, cacheWriteTokens: 7, reasoningTokens: 15 }, fallbackPath: ['m'] },
        }),
      ]),
    );
    assert.match(markdown, /> \*Retry:\* retrying in 2 s\n>\n> \*Clamped:\* max\\_tokens lowered to 8,000/);
    assert.match(markdown, /\*Still answering when exported; the answer may be incomplete\.\*/);
    assert.match(markdown, /10 tokens in \(7 written to cache\), 20 out \(15 reasoning\)/);
    assert.doesNotMatch(markdown, /tried/, 'a one-model path is not a fallback');
  });

  it('escapes Markdown in titles and keeps them on one line', () => {
    const markdown = chatToMarkdown(chat([], { title: '# *Fix* [link](x) <b>`code`</b> & $5\n---' }));
    assert.equal(markdown.split('\n')[0], '# \\# \\*Fix\\* \\[link\\](x) \\<b\\>\\`code\\`\\</b\\> \\& \\$5 ---');
    assert.equal(chatToMarkdown(chat([], { title: '  ' })).split('\n')[0], '# Untitled chat');
  });

  it('keeps user text that looks like structure inside its block, as a CommonMark parser sees it', () => {
    const text = 'fine\n~~~\n---\n**Assistant**\n````\n<!--';
    assert.equal(verbatimBlock(text), `~~~~text\n${text}\n~~~~`);
    const markdown = chatToMarkdown(chat([user('u1', text), answer('a1', 'ok', { meta: { requestedModel: 'm', model: 'm', fallbackPath: [] } })]));
    assert.deepEqual(outline(markdown), ['heading', 'p:*Started', 'hr', 'p:**You**', `code:${text}`, 'hr', 'p:**Assistant**', 'p:ok', 'p:Answered by', 'hr', 'p:**Total cost:**']);
  });

  it('keeps the footer and later turns out of a code fence an answer left open', () => {
    const markdown = chatToMarkdown(chat([answer('a1', 'Here:\n```js\nconst x =', { status: 'stopped' }), user('u2', 'next')]));
    assert.deepEqual(outline(markdown).slice(3), ['p:**Assistant**', 'p:Here:', 'code:const x =', 'p:*Stopped before', 'hr', 'p:**You**', 'code:next', 'hr', 'p:**Total cost:**']);
  });

  it('keeps model output as is, closing only a fence left open', () => {
    assert.equal(closeOpenFence('# Title\n\n```py\nx = 1\n```'), '# Title\n\n```py\nx = 1\n```');
    assert.equal(closeOpenFence('```py\nx = 1'), '```py\nx = 1\n```');
    assert.equal(closeOpenFence('~~~~\n~~~\nstill code'), '~~~~\n~~~\nstill code\n~~~~', 'a shorter fence does not close a longer one');
    assert.equal(closeOpenFence('```` ok\n```\n````  '), '```` ok\n```\n````  ');
    assert.equal(closeOpenFence('``` not `a fence`'), '``` not `a fence`', 'a backtick info string with backticks is inline code');
    assert.equal(closeOpenFence('    ```\nindented code'), '    ```\nindented code', 'four spaces make it an indented code block, not a fence');
  });

  it('builds code spans and escapes inline text', () => {
    assert.equal(codeSpan('openai/gpt-4o'), '`openai/gpt-4o`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(escapeInline('a_b\n\n c|d'), 'a\\_b c\\|d');
  });

  it('writes USD amounts with every digit and no exponent', () => {
    assert.equal(exactUsd(0), '$0.00');
    assert.equal(exactUsd(0.1), '$0.10');
    assert.equal(exactUsd(1.5e-7), '$0.00000015');
    assert.equal(exactUsd(12), '$12.00');
    assert.equal(exactUsd(1e21), '$1000000000000000000000.00');
    assert.equal(exactUsd(Number.NaN), '$?');
  });
});

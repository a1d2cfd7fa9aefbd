import * as assert from 'node:assert/strict';
import type { DoneInfo } from '../../../../src/core/openrouter/chat';
import { EMPTY_TALLY } from '../../../../src/core/spend/ledger/totals';
import { spendTooltipMarkdown, type SpendTooltipInput } from '../../../../src/core/spend/status-tooltip';
import { compareKeySpend } from '../../../../src/core/spend/key-spend';
import { keyInfo } from './key-info-fixture';

const done: DoneInfo = {
  model: 'anthropic/claude-3.5-haiku', provider: 'Anthropic', finishReason: 'stop', nativeFinishReason: 'stop',
  usage: { promptTokens: 1200, completionTokens: 300, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  cost: { usd: 0.0042, basis: 'exact', source: 'usage' }, generationId: 'gen-1', timeToFirstTokenMs: 250, durationMs: 1500,
  requestedModel: 'openai/gpt-4o-mini', fallbackPath: ['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku'], text: 'Hi.', reasoning: '', toolCalls: [], reasoningDetails: [],
};

const input = (fields: Partial<SpendTooltipInput>): SpendTooltipInput => ({
  summary: { session: EMPTY_TALLY, today: EMPTY_TALLY, month: EMPTY_TALLY },
  last: undefined,
  path: undefined,
  key: { info: undefined, fetchedAt: undefined, error: undefined },
  ...fields,
});

describe('the status bar tooltip', () => {
  it('shows the last request\'s path and where it was made, for either surface', () => {
    const text = 'openai/gpt-4o-mini → anthropic/claude-3.5-haiku (503)';
    const chat = spendTooltipMarkdown(input({ last: { done, surface: 'vscode-chat' }, path: { text, surface: 'vscode-chat' } }));
    assert.match(chat, /\*\*Last request\*\* \(VS Code chat\): `anthropic\/claude-3\.5-haiku` via Anthropic/);
    assert.ok(chat.includes("**Last request's path** (VS Code chat): openai/gpt\\-4o\\-mini → anthropic/claude\\-3\\.5\\-haiku \\(503\\)\n"), chat);
    const panel = spendTooltipMarkdown(input({ last: { done, surface: 'panel' }, path: { text: 'openai/gpt-4o-mini → retry (429)', surface: 'panel' } }));
    assert.match(panel, /\*\*Last request's path\*\* \(Panel\): openai\/gpt\\-4o\\-mini → retry \\\(429\\\)/);
  });

  it('has no path line for a request that went straight to its model', () => {
    const md = spendTooltipMarkdown(input({ last: { done, surface: 'panel' } }));
    assert.match(md, /\*\*Last request\*\* \(Panel\)/);
    assert.doesNotMatch(md, /path/);
  });

  it('shows this machine beside the whole key for today, this week and this month, and names what was spent elsewhere', () => {
    const now = Date.UTC(2026, 11, 9, 10);
    const info = keyInfo({ usageDailyUsd: 2, usageWeeklyUsd: 3, usageMonthlyUsd: 4 });
    const machine = { day: { beforeRead: 0.8, sinceRead: 0 }, week: { beforeRead: 0.8, sinceRead: 0 }, month: { beforeRead: 1, sinceRead: 0 } };
    const md = spendTooltipMarkdown(input({ key: { info, fetchedAt: now, error: undefined }, comparison: compareKeySpend(info, now, now, machine) }));
    assert.ok(md.includes('| Today | $0.8000 | $2.00 | $1.20 |\n'), md);
    assert.ok(md.includes('| This week | $0.8000 | $3.00 | $2.20 |\n'), md);
    assert.ok(md.includes('| This month | $1.00 | $4.00 | $3.00 |\n'), md);
    assert.ok(md.includes('$1.20 spent elsewhere with this key today.'), md);
    const alone = { day: { beforeRead: 2, sinceRead: 0 }, week: { beforeRead: 3, sinceRead: 0 }, month: { beforeRead: 4, sinceRead: 0 } };
    const none = spendTooltipMarkdown(input({ key: { info, fetchedAt: now, error: undefined }, comparison: compareKeySpend(info, now, now, alone) }));
    assert.ok(none.includes('Nothing spent elsewhere with this key today.'), none);
  });
});

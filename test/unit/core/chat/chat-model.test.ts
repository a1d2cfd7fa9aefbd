import * as assert from 'node:assert/strict';
import { ChatSchema, summarise, type Chat } from '../../../../src/core/chat/model';
import type { AnswerCost } from '../../../../src/core/spend/answer-cost';

const answer = (id: string, cost: AnswerCost) => ({
  id, role: 'assistant' as const, text: 'a', reasoning: '', status: 'done' as const, createdAt: 1, notices: [],
  meta: { requestedModel: 'm', model: 'm', fallbackPath: [], cost },
});

describe('chat summaries', () => {
  it('sum the answers\' costs exactly, the way the ledger does', () => {
    const chat: Chat = {
      id: 'chat-1', title: 't', createdAt: 1, updatedAt: 2, model: 'm',
      turns: [
        { id: 'u', role: 'user', text: 'q', createdAt: 1, attachments: [] },
        answer('a1', { usd: 0.1, basis: 'exact', source: 'usage' }),
        answer('a2', { usd: 0.2, basis: 'estimate', source: 'catalogue' }),
      ],
    };
    assert.equal(0.1 + 0.2 === 0.3, false, 'floats alone would drift');
    assert.deepEqual(summarise(chat), { id: 'chat-1', title: 't', updatedAt: 2, turns: 3, cost: 0.3 });
  });
});

describe('stored chats', () => {
  it('keep the files an attachment came from, and load those saved without them', () => {
    const attachments = [
      { kind: 'file', label: 'a.ts', text: 'x', tokens: 1, uris: ['file:///w/a.ts'] },
      { kind: 'selection', label: 'b.ts:1-2', text: 'y', tokens: 1 },
    ];
    const chat = { id: 'chat-3', title: 't', createdAt: 1, updatedAt: 2, model: 'm', turns: [{ id: 'u', role: 'user', text: 'q', createdAt: 1, attachments }] };
    const parsed = ChatSchema.parse(JSON.parse(JSON.stringify(chat)));
    assert.deepEqual(parsed.turns[0]?.role === 'user' ? parsed.turns[0].attachments : undefined, attachments);
  });

  it('keep the cost of an answer with where it came from', () => {
    const cost: AnswerCost = { usd: 0.00525, basis: 'exact', source: 'usage_and_upstream', upstreamUsd: 0.005 };
    const chat = { id: 'chat-2', title: 't', createdAt: 1, updatedAt: 2, model: 'm', turns: [answer('a1', cost)] };
    const parsed = ChatSchema.parse(JSON.parse(JSON.stringify(chat)));
    assert.deepEqual(parsed.turns[0]?.role === 'assistant' ? parsed.turns[0].meta?.cost : undefined, cost);
  });

  it('still load when saved before costs said where they came from: a bare number reads as an exact charge', () => {
    // As an earlier version saved it: `cost` a number of USD, and the never-written `costIsEstimate` allowed beside it.
    const saved = {
      id: 'chat-old', title: 'Old', createdAt: 1, updatedAt: 2, model: 'openai/gpt-4o-mini',
      turns: [
        { id: 'u1', role: 'user', text: 'q', createdAt: 1 },
        { id: 'a1', role: 'assistant', text: 'a', status: 'done', createdAt: 1, meta: { requestedModel: 'openai/gpt-4o-mini', model: 'openai/gpt-4o-mini', cost: 0.000012 } },
        { id: 'u2', role: 'user', text: 'q', createdAt: 1 },
        { id: 'a2', role: 'assistant', text: 'b', status: 'done', createdAt: 1, meta: { requestedModel: 'm', model: 'm', cost: 0.000003, costIsEstimate: false, fallbackPath: ['m'] } },
        { id: 'a3', role: 'assistant', text: '', status: 'stopped', createdAt: 1, meta: { requestedModel: 'm', model: 'm', fallbackPath: [] } },
      ],
    };
    const parsed = ChatSchema.safeParse(saved);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    const costs = parsed.data.turns.map((turn) => (turn.role === 'assistant' ? turn.meta?.cost : undefined));
    assert.deepEqual(costs, [
      undefined,
      { usd: 0.000012, basis: 'exact', source: 'usage' },
      undefined,
      { usd: 0.000003, basis: 'exact', source: 'usage' },
      undefined,
    ]);
    assert.equal(summarise(parsed.data).cost, 0.000015);
  });

  it('refuse a cost that is not one', () => {
    const withCost = (cost: unknown) => ({ id: 'c', title: 't', createdAt: 1, updatedAt: 2, model: 'm', turns: [{ ...answer('a1', { usd: 0, basis: 'exact', source: 'usage' }), meta: { requestedModel: 'm', model: 'm', cost } }] });
    for (const bad of [-1, 'lots', { usd: 1, basis: 'guess', source: 'usage' }, { usd: -1, basis: 'exact', source: 'usage' }, { usd: 1, basis: 'exact', source: 'rumour' }]) {
      assert.equal(ChatSchema.safeParse(withCost(bad)).success, false, JSON.stringify(bad));
    }
  });
});

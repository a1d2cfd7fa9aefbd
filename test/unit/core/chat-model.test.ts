import * as assert from 'node:assert/strict';
import { summarise, type Chat } from '../../../src/core/chat/model';

describe('chat summaries', () => {
  it('sum the answers\' costs exactly, the way the ledger does', () => {
    const answer = (id: string, cost: number) => ({
      id, role: 'assistant' as const, text: 'a', reasoning: '', status: 'done' as const, createdAt: 1, notices: [],
      meta: { requestedModel: 'm', model: 'm', fallbackPath: [], cost },
    });
    const chat: Chat = {
      id: 'chat-1', title: 't', createdAt: 1, updatedAt: 2, model: 'm',
      turns: [{ id: 'u', role: 'user', text: 'q', createdAt: 1, attachments: [] }, answer('a1', 0.1), answer('a2', 0.2)],
    };
    assert.equal(0.1 + 0.2 === 0.3, false, 'floats alone would drift');
    assert.deepEqual(summarise(chat), { id: 'chat-1', title: 't', updatedAt: 2, turns: 3, cost: 0.3 });
  });
});

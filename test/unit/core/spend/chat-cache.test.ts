import assert from 'node:assert/strict';
import { chatCache, chatCacheText } from '../../../../src/core/spend/chat-cache';
import { summarise, type Chat } from '../../../../src/core/chat/model';

const answer = (promptTokens: number, cachedTokens: number, savedUsd: number, writeExtraUsd: number) => ({
  usage: { promptTokens, completionTokens: 10, cachedTokens, cacheWriteTokens: 0, reasoningTokens: 0 },
  cache: { readShare: promptTokens > 0 ? cachedTokens / promptTokens : 0, savedUsd, writeExtraUsd },
});

describe('the prompt cache over a whole chat', () => {
  it('adds up the answers: the share of all input read from the cache, what it saved, what writes cost extra', () => {
    const cache = chatCache([answer(1000, 0, 0, 0.003), answer(1200, 1000, 0.0027, 0), { usage: { promptTokens: 800, cachedTokens: 0 } }]);
    assert.deepEqual(cache, { promptTokens: 3000, cachedTokens: 1000, savedUsd: 0.0027, writeExtraUsd: 0.003 });
    assert.equal(chatCacheText(cache!), '33% of input cached, saved $0.0027 · cache writes +$0.003, $0.0003 more than saved');
  });

  it('says nothing of the cache for a chat that never used it, and hides no write that did not pay', () => {
    assert.equal(chatCache([{ usage: { promptTokens: 500, cachedTokens: 0 } }]), undefined);
    assert.equal(chatCacheText({ promptTokens: 1000, cachedTokens: 0, savedUsd: 0, writeExtraUsd: 0.001 }), 'cache writes +$0.001, $0.001 more than saved');
    assert.equal(chatCacheText({ promptTokens: 2000, cachedTokens: 1900, savedUsd: 0.01, writeExtraUsd: 0.001 }), '95% of input cached, saved $0.0100');
  });

  it("is part of the chat's line in the chat list, every version of an answer included", () => {
    const chat = {
      id: 'c1', title: 'Cached', createdAt: 1, updatedAt: 2,
      turns: [
        { role: 'user', id: 'u1', text: 'Hi', at: 1 },
        {
          role: 'assistant', id: 'a1', text: 'Hello', at: 2, status: 'done',
          meta: { requestedModel: 'm', model: 'm', fallbackPath: [], ...answer(1000, 800, 0.002, 0) },
          versions: [{ text: 'Old', at: 1, status: 'done', meta: { requestedModel: 'm', model: 'm', fallbackPath: [], ...answer(1000, 0, 0, 0.001) } }],
        },
      ],
    } as unknown as Chat;
    assert.deepEqual(summarise(chat).cache, { promptTokens: 2000, cachedTokens: 800, savedUsd: 0.002, writeExtraUsd: 0.001 });
  });
});

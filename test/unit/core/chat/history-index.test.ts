import * as assert from 'node:assert/strict';
import {
  ChatFileSchema,
  chatIdOfFileName,
  chatTextMatches,
  HistoryIndexSchema,
  isValidChatId,
  matchesTerms,
  newestFirst,
  pageOfTurns,
  queryTerms,
  toChatFile,
  toIndex,
} from '../../../../src/core/chat/history-index';
import type { Chat, ChatSummary, Turn } from '../../../../src/core/chat/model';

const turn = (i: number): Turn => ({ id: `t${i}`, role: 'user', text: `message ${i}`, createdAt: i, attachments: [] });

function chatOf(title: string, texts: string[]): Chat {
  return { id: 'c', title, createdAt: 0, updatedAt: 0, model: 'm', turns: texts.map((text, i) => ({ ...turn(i), text })) };
}

describe('chat history helpers', () => {
  it('accepts only ids that are safe file names', () => {
    for (const id of ['abc', 'chat_2025-01-02', 'A'.repeat(80)]) assert.ok(isValidChatId(id), id);
    for (const id of ['', '../x', '..', 'a/b', 'a\\b', 'a.b', 'x'.repeat(81), 'index', 'INDEX', 'a b', 'é']) assert.ok(!isValidChatId(id), id);
  });

  it('tells chat files and their temp files from everything else', () => {
    assert.equal(chatIdOfFileName('abc.json'), 'abc');
    assert.equal(chatIdOfFileName('abc.json.tmp-0f3a'), 'abc');
    assert.equal(chatIdOfFileName('index.json'), undefined);
    assert.equal(chatIdOfFileName('index.json.tmp-01'), undefined);
    assert.equal(chatIdOfFileName('abc.json.tmp-xyz'), undefined);
    assert.equal(chatIdOfFileName('a.b.json'), undefined);
    assert.equal(chatIdOfFileName('abc.txt'), undefined);
  });

  it('orders summaries newest first, ties by id', () => {
    const summary = (id: string, updatedAt: number): ChatSummary => ({ id, title: id, updatedAt, turns: 0, cost: 0 });
    assert.deepEqual(
      newestFirst([summary('b', 1), summary('c', 3), summary('a', 1)]).map((s) => s.id),
      ['c', 'a', 'b'],
    );
    assert.deepEqual(toIndex([summary('x', 1), summary('y', 2)]).chats.map((s) => s.id), ['y', 'x']);
  });

  it('parses its file formats and rejects other versions', () => {
    const chat = chatOf('t', ['hello']);
    assert.deepEqual(ChatFileSchema.parse(JSON.parse(JSON.stringify(toChatFile(chat)))).chat, chat);
    assert.ok(!ChatFileSchema.safeParse({ version: 2, chat }).success);
    assert.ok(!ChatFileSchema.safeParse(chat).success, 'a bare chat is not a chat file');
    assert.ok(!HistoryIndexSchema.safeParse({ version: 1, chats: [{ id: 'x' }] }).success);
  });

  it('matches every word of a query, ignoring case and accents', () => {
    const terms = queryTerms('  Résumé   BUG ');
    assert.deepEqual(terms, ['resume', 'bug']);
    assert.ok(matchesTerms('Fix the bug in the resume parser', terms));
    assert.ok(!matchesTerms('Fix the bug', terms));
    assert.ok(matchesTerms('anything', queryTerms('   ')));
  });

  it('matches chat text across the title and several turns', () => {
    const chat = chatOf('Sorting', ['how do I use quicksort?', 'with a stable comparator']);
    assert.ok(chatTextMatches(chat, queryTerms('sorting stable')));
    assert.ok(chatTextMatches(chat, queryTerms('quicksort comparator')));
    assert.ok(!chatTextMatches(chat, queryTerms('quicksort heapsort')));
  });

  it('pages turns from the end for lazy loading', () => {
    const turns = Array.from({ length: 10 }, (_, i) => turn(i));
    const last = pageOfTurns(turns, turns.length, 4);
    assert.deepEqual(last.turns.map((t) => t.id), ['t6', 't7', 't8', 't9']);
    assert.equal(last.olderCount, 6);
    const older = pageOfTurns(turns, last.olderCount, 4);
    assert.deepEqual(older.turns.map((t) => t.id), ['t2', 't3', 't4', 't5']);
    const first = pageOfTurns(turns, older.olderCount, 4);
    assert.deepEqual(first.turns.map((t) => t.id), ['t0', 't1']);
    assert.equal(first.olderCount, 0);
    assert.equal(pageOfTurns(turns, 99, 3).turns[0]?.id, 't7', 'before past the end means from the end');
    assert.deepEqual(pageOfTurns(turns, 0, 5), { turns: [], olderCount: 0 });
    assert.deepEqual(pageOfTurns(turns, 5, 0), { turns: [], olderCount: 5 });
  });
});

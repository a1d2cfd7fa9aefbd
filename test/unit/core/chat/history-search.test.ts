// Searching saved chats for the chat list, over the in-memory disk: titles first, then the messages, with a snippet
// of the first match; bounded by a result limit, and a search replaced by a newer one stops and reports nothing.
import * as assert from 'node:assert/strict';
import { ChatSearch, type SearchableHistory } from '../../../../src/core/chat/history-search';
import type { Chat } from '../../../../src/core/chat/model';
import { MemoryDisk } from '../../file-store/memory-fs';
import { makeChat, openWindow } from '../../history/windows';

function chatSaying(id: string, updatedAt: number, title: string, question: string, answer: string): Chat {
  const chat = makeChat(id, updatedAt, title);
  const [user, assistant] = chat.turns;
  if (user) user.text = question;
  if (assistant) assistant.text = answer;
  return chat;
}

async function savedHistory(chats: Chat[]): Promise<SearchableHistory & { loads: string[] }> {
  const { store } = openWindow(new MemoryDisk(), 'w1');
  for (const chat of chats) await store.save(chat);
  const loads: string[] = [];
  return {
    loads,
    list: () => store.list(),
    load: (chatId) => {
      loads.push(chatId);
      return store.load(chatId);
    },
  };
}

describe('chat search', () => {
  it('finds titles first, then words only in the messages, ignoring case and accents, with a snippet', async () => {
    const answer = 'Ferries leave the old harbour every hour.\n\nThe crossing to   ZANZIBAR takes about two hours, and the last boat leaves at six in the evening, so plan ahead.';
    const history = await savedHistory([
      chatSaying('title', 100, 'Zanzibar trip budget', 'How much?', 'About this much.'),
      chatSaying('answer', 300, 'Ferry times', 'When do the ferries go?', answer),
      chatSaying('question', 200, 'Packing', 'What should I pack for Zanzíbar?', 'Light clothes.'),
      chatSaying('neither', 400, 'Sorting in Go', 'How do I sort?', 'Use slices.Sort.'),
    ]);
    const found = await new ChatSearch(history).run('zanzibar');
    assert.deepEqual(found?.hits.map((hit) => hit.chat.id), ['title', 'answer', 'question']);
    assert.equal(found?.more, false);
    assert.equal(found?.hits[0]?.snippet, undefined, 'a title match needs no snippet');
    assert.deepEqual(found?.hits[1]?.snippet, {
      before: '…hour. The crossing to ',
      match: 'ZANZIBAR',
      after: ' takes about two hours, and the last boat leaves at six in the evening, so plan…',
    });
    assert.deepEqual(found?.hits[2]?.snippet, { before: 'What should I pack for ', match: 'Zanzíbar', after: '?' });
  });

  it('needs every word, in the title or anywhere in the chat', async () => {
    const history = await savedHistory([
      chatSaying('both', 100, 'Ferry times', 'When do the ferries go?', 'Every hour to Stone Town.'),
      chatSaying('one', 200, 'Other ferry', 'When?', 'Every hour.'),
    ]);
    const found = await new ChatSearch(history).run('FERRY stone');
    assert.deepEqual(found?.hits.map((hit) => hit.chat.id), ['both']);
    assert.deepEqual(found?.hits[0]?.snippet, { before: 'Every hour to ', match: 'Stone', after: ' Town.' });
  });

  it('stops reading chats once it has enough results', async () => {
    const chats = Array.from({ length: 10 }, (_, i) => chatSaying(`c${i}`, i, `Chat ${i}`, 'A question', 'The word is marmalade.'));
    const history = await savedHistory(chats);
    const found = await new ChatSearch(history, 3).run('marmalade');
    assert.deepEqual(found?.hits.map((hit) => hit.chat.id), ['c9', 'c8', 'c7']);
    assert.equal(found?.more, true);
    assert.deepEqual(history.loads, ['c9', 'c8', 'c7']);
  });

  it('says more may match when exactly the limit of titles match and other chats were not read', async () => {
    const chats = Array.from({ length: 5 }, (_, i) => chatSaying(`c${i}`, i, i < 3 ? `Marmalade ${i}` : `Chat ${i}`, 'q', 'marmalade'));
    const history = await savedHistory(chats);
    const found = await new ChatSearch(history, 3).run('marmalade');
    assert.deepEqual(found?.hits.map((hit) => hit.chat.id), ['c2', 'c1', 'c0']);
    assert.equal(found?.more, true);
    assert.deepEqual(history.loads, [], 'titles alone filled the page');
  });

  it('drops a search replaced by a newer query, reading no further chats for it', async () => {
    const history = await savedHistory([
      chatSaying('a', 300, 'One', 'q', 'apple pie'),
      chatSaying('b', 200, 'Two', 'q', 'apple tart'),
      chatSaying('c', 100, 'Three', 'q', 'banana bread'),
    ]);
    const search = new ChatSearch(history);
    const older = search.run('apple');
    const newer = search.run('banana');
    assert.equal(await older, undefined);
    assert.deepEqual((await newer)?.hits.map((hit) => hit.chat.id), ['c']);
    assert.equal(history.loads.length, 3, 'the replaced search read at most the chat it had started on');
  });
});

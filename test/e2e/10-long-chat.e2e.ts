/// <reference lib="dom" />
// A chat of 2,000 messages, as history holds it, opened in the real sidebar and read back to its first message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Chat, Turn } from '../../src/core/chat/model';
import { PRIMARY, useChatPanel } from './chat-panel';
import { waitForFile } from './workbench';

const LONG_CHAT_ID = 'chat-e2e-two-thousand';

function longChat(pairs: number): Chat {
  const turns: Turn[] = [];
  for (let i = 0; i < pairs; i++) {
    turns.push({ id: `lu${i}`, role: 'user', text: `Long question ${i}: what about item ${i}?`, createdAt: 1_700_000_000_000 + i, attachments: [] });
    turns.push({ id: `la${i}`, role: 'assistant', text: `Long answer ${i}: item ${i} is **fine**.\n\n- one\n- two`, reasoning: '', status: 'done', createdAt: 1_700_000_000_000 + i, notices: [] });
  }
  return { id: LONG_CHAT_ID, title: 'A chat of two thousand messages', createdAt: 1_700_000_000_000, updatedAt: Date.now(), model: PRIMARY, turns };
}

/** The folder this window keeps chat history in: the one holding the index, once a chat has been saved. */
function historyFolder(userData: string): string | undefined {
  const found = fs.readdirSync(userData, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith(`${path.sep}chats${path.sep}index.json`) && entry.includes('openrouter-chat'));
  return found.length > 0 ? path.dirname(path.join(userData, found[0]!)) : undefined;
}

describe('a long chat', function () {
  const chat = useChatPanel();
  const { panel, answers, send } = chat;

  it('opens a 2,000-message chat, scrolls to the top, and finds the first message', async () => {
    const { wb } = chat;
    // A chat saved first, so the history folder exists; then the long one written beside it, as history stores it.
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Saved.' });
    await send('Save something first.');
    await answers().filter({ hasText: 'Saved.' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    // The chat list shows it once it is saved, index and all.
    await panel().getByRole('button', { name: 'Chats' }).click();
    await panel().getByRole('searchbox', { name: 'Search chats' }).fill('Save something');
    await panel().getByRole('list', { name: 'Chats' }).getByRole('button', { name: /^Save something first/ }).waitFor({ timeout: 15000 });
    // The list shows the chat from memory; its index file is written just after.
    // Found once and kept: the index is replaced on every save, and may be missing for a moment while it is.
    let folder: string | undefined;
    await waitForFile(() => (folder = historyFolder(wb.userData)) !== undefined, 'the history index is written');
    assert.ok(folder, 'the history folder was created');
    fs.writeFileSync(path.join(folder, `${LONG_CHAT_ID}.json`), JSON.stringify({ version: 1, chat: longChat(1000) }));
    // The list is read again, and reconciled with the folder, when a chat is saved.
    await panel().getByRole('button', { name: 'Chats' }).click();
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Saved again.' });
    await send('And once more.');
    await answers().filter({ hasText: 'Saved again.' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    await panel().getByRole('button', { name: 'Chats' }).click();

    await panel().getByRole('searchbox', { name: 'Search chats' }).fill('two thousand');
    await panel().getByRole('list', { name: 'Chats' }).getByRole('button', { name: /^A chat of two thousand messages/ }).click();
    await answers().filter({ hasText: 'Long answer 999:' }).waitFor({ timeout: 20000 });

    // The reader goes to the top again and again (Home in the log), as fast as the pages come.
    const log = panel().getByRole('log', { name: 'Conversation' });
    const first = panel().getByRole('article').filter({ hasText: 'Long question 0:' });
    // However slow the machine, each page must come: the loop ends at the top, or when no older turn came for 20 s.
    const top = panel().getByRole('article').first();
    let shownAtTop = '';
    let lastProgress = Date.now();
    let presses = 0;
    while (!(await first.isVisible())) {
      await log.press('Home');
      presses++;
      const now = await top.innerText();
      if (now !== shownAtTop) [shownAtTop, lastProgress] = [now, Date.now()];
      assert.ok(Date.now() - lastProgress < 20_000, `no older turn came for 20 s after ${presses} presses of Home`);
    }
    assert.equal(await panel().getByRole('button', { name: /Load earlier messages/ }).isVisible(), false, 'nothing older is left to load');
    // The DOM holds the turns near the top, not all 2,000.
    const inDom = await panel().getByRole('article').count();
    assert.ok(inDom < 400, `${inDom} turns in the DOM after ${presses} presses of Home`);
    await chat.panel().getByRole('button', { name: 'New Chat' }).click();
  });
});

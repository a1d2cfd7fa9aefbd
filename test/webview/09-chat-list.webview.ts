import * as assert from 'node:assert/strict';
import type { ChatSummary } from '../../src/core/chat/model';
import { CHAT_ID, snapshot, state } from './fixtures';
import { openPanel, settle, type PanelPage } from './panel-page';

const HOUR = 3_600_000;

function chats(): ChatSummary[] {
  const now = Date.now();
  return [
    { id: CHAT_ID, title: 'Ferry times', updatedAt: now, turns: 2, cost: 0.001 },
    { id: 'chat-2', title: 'Packing list', updatedAt: now - HOUR, turns: 4, cost: 0.002 },
    { id: 'chat-3', title: 'Zanzibar budget', updatedAt: now - 2 * HOUR, turns: 2, cost: 0.003 },
  ];
}

describe('the chat list', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('asks the host to search the messages once typing pauses, and shows what it found with a snippet', async () => {
    panel = await openPanel();
    const all = chats();
    await panel.send(snapshot(1, state({ chats: all })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    const list = page.getByRole('list', { name: 'Chats' });
    await page.getByRole('searchbox', { name: 'Search chats' }).pressSequentially('zanzibar');
    // Titles are filtered at once, before the host answers.
    assert.deepEqual(await list.locator('.chat-title').allInnerTexts(), ['Zanzibar budget']);
    await page.locator('#chat-list').getByRole('status').filter({ hasText: 'Searching messages…' }).waitFor();
    await panel.waitForPosted('chats/search', { query: 'zanzibar' });
    const searches = (await panel.posted()).filter((m) => m.type === 'chats/search');
    assert.ok(searches.length < 'zanzibar'.length, `one search per pause in typing, not per key (${searches.length})`);

    // An answer to an older query is ignored.
    await panel.send({ type: 'chats/found', query: 'zan', hits: [{ chat: all[1]! }], more: false });
    await settle(page);
    assert.deepEqual(await list.locator('.chat-title').allInnerTexts(), ['Zanzibar budget'], 'the stale answer listed nothing');
    await page.locator('#chat-list').getByRole('status').filter({ hasText: 'Searching messages…' }).waitFor();
    await panel.send({
      type: 'chats/found',
      query: 'zanzibar',
      hits: [{ chat: all[2]! }, { chat: all[0]!, snippet: { before: '…the crossing to ', match: 'Zanzibar', after: ' takes two hours.' } }],
      more: false,
    });
    await list.getByRole('button', { name: /^Ferry times/ }).waitFor();
    assert.deepEqual(await list.locator('.chat-title').allInnerTexts(), ['Zanzibar budget', 'Ferry times']);
    const snippet = list.locator('.chat-snippet');
    assert.equal(await snippet.count(), 1, 'only a chat found by its messages has a snippet');
    assert.equal(await snippet.innerText(), '…the crossing to Zanzibar takes two hours.');
    assert.equal(await snippet.locator('mark').innerText(), 'Zanzibar');
    assert.equal(await page.locator('.chat-list-empty').isVisible(), false);
    await list.getByRole('button', { name: /^Ferry times/ }).click();
    await panel.waitForPosted('chat/open', { chatId: CHAT_ID });
  });

  it("gives each chat's prompt-cache figures on its line, and says when writing the cache cost more than it saved", async () => {
    panel = await openPanel();
    const [ferry, packing, budget] = chats();
    const listed = [
      { ...ferry!, cache: { promptTokens: 4000, cachedTokens: 1800, savedUsd: 0.0123, writeExtraUsd: 0.001 } },
      { ...packing!, cache: { promptTokens: 2000, cachedTokens: 0, savedUsd: 0, writeExtraUsd: 0.004 } },
      budget!,
    ];
    await panel.send(snapshot(1, state({ chats: listed })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    const details = page.getByRole('list', { name: 'Chats' }).locator('.chat-details');
    const lines = await details.allInnerTexts();
    assert.match(lines[0] ?? '', /^2 messages · \$0\.001 · 45% of input cached, saved \$0\.0123 · /);
    assert.match(lines[1] ?? '', /· cache writes \+\$0\.004, \$0\.004 more than saved ·/);
    assert.doesNotMatch(lines[2] ?? '', /cache/, 'a chat that never used the cache says nothing of it');
  });

  it('matches titles by every word in any order, accents aside, and drops found chats that are no longer listed', async () => {
    panel = await openPanel();
    const all = chats();
    await panel.send(snapshot(1, state({ chats: all })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    const list = page.getByRole('list', { name: 'Chats' });
    await page.getByRole('searchbox', { name: 'Search chats' }).fill('budget zanzíbar');
    assert.deepEqual(await list.locator('.chat-title').allInnerTexts(), ['Zanzibar budget'], 'before the host answers');
    await panel.waitForPosted('chats/search', { query: 'budget zanzíbar' });
    await panel.send({ type: 'chats/found', query: 'budget zanzíbar', hits: [{ chat: all[2]! }, { chat: all[1]! }], more: false });
    await list.getByRole('button', { name: /^Packing list/ }).waitFor();
    // Packing list is deleted (in another window, say): the list the host sends next no longer has it.
    await panel.send({ type: 'chats/list', chats: [all[0]!, all[2]!] });
    await list.getByRole('button', { name: /^Packing list/ }).waitFor({ state: 'detached' });
    assert.deepEqual(await list.locator('.chat-title').allInnerTexts(), ['Zanzibar budget']);
  });

  it('says when the host found more than it lists, and nothing when the query is cleared', async () => {
    panel = await openPanel();
    const all = chats();
    await panel.send(snapshot(1, state({ chats: all })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    const search = page.getByRole('searchbox', { name: 'Search chats' });
    await search.fill('hours');
    await panel.waitForPosted('chats/search', { query: 'hours' });
    await panel.send({ type: 'chats/found', query: 'hours', hits: [{ chat: all[0]! }], more: true });
    await page.locator('#chat-list').getByRole('status').filter({ hasText: 'Showing the first 1 matches; type more to narrow them.' }).waitFor();
    await search.fill('');
    assert.equal(await page.getByRole('list', { name: 'Chats' }).getByRole('listitem').count(), 3);
  });

  it('offers Undo after a deletion for as long as the host does, and asks for the chat back', async () => {
    panel = await openPanel();
    const all = chats();
    await panel.send(snapshot(1, state({ chats: all })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    const list = page.getByRole('list', { name: 'Chats' });
    await page.getByRole('button', { name: 'Delete chat Packing list' }).click();
    await panel.waitForPosted('chat/delete', { chatId: 'chat-2' });
    await panel.send({ type: 'chats/list', chats: [all[0]!, all[2]!], deleted: { chatId: 'chat-2', title: 'Packing list' } });
    const undo = page.getByRole('button', { name: 'Undo' });
    await page.getByRole('status').filter({ hasText: 'Deleted Packing list' }).waitFor();
    assert.equal(await list.getByRole('listitem').count(), 2);
    assert.equal(await undo.evaluate((node) => node === node.ownerDocument.activeElement), true, 'focus moves to Undo');
    await undo.click();
    await panel.waitForPosted('chat/undoDelete', { chatId: 'chat-2' });
    await panel.send({ type: 'chats/list', chats: all });
    await undo.waitFor({ state: 'hidden' });
    assert.equal(await list.getByRole('listitem').count(), 3);
    // A snapshot carries the deletion too (a reloaded panel), and its end hides the row.
    await panel.send(snapshot(2, state({ chats: [all[0]!], deleted: { chatId: 'chat-3', title: 'Zanzibar budget' } })));
    await page.getByRole('status').filter({ hasText: 'Deleted Zanzibar budget' }).waitFor();
    await panel.send({ type: 'chats/list', chats: [all[0]!] });
    await undo.waitFor({ state: 'hidden' });
  });
});

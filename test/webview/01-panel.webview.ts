import * as assert from 'node:assert/strict';
import { answer, CHAT_ID, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, settle, type PanelPage } from './panel-page';

describe('the chat panel', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('renders a snapshot: header, turns, answer markdown and the composer draft', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ preset: 'code', composer: { draft: 'half-written', draftRevision: 0, attachments: [] } }, {
      turns: [userTurn('u1', 'What is **2+2**?'), answer('a1', 'It is **4**.\n\n- one\n- two', { meta: meta() })],
    })));
    const { page } = panel;
    await page.getByRole('article', { name: 'Answer' }).locator('strong', { hasText: '4' }).waitFor();
    // User text is shown as typed, never parsed as markdown.
    assert.equal(await page.getByRole('article', { name: 'You' }).locator('.user-text').innerText(), 'What is **2+2**?');
    assert.equal(await page.getByRole('article', { name: 'Answer' }).locator('.markdown li').count(), 2);
    assert.match(await page.getByRole('button', { name: /^Model: openai\/gpt-4o-mini/ }).innerText(), /openai\/gpt-4o-mini/);
    assert.match(await page.getByRole('button', { name: /^Preset: code/ }).innerText(), /code/);
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).inputValue(), 'half-written');
  });

  it('shows a command\'s message as the command and its code\'s chip, and the prompt it sent on demand, as text', async () => {
    panel = await openPanel();
    const code = 'const html = "<img src=x onerror=alert(1)>";';
    const command = { name: 'explain', instruction: 'Explain what this code from example.ts does, step by step.' };
    const attachments = [{ kind: 'selection' as const, label: 'example.ts:3–9', text: code, tokens: 12, uris: ['file:///w/example.ts'], language: 'typescript' }];
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'What is 2+2?'), answer('a1', 'Four.', { meta: meta() }), userTurn('u2', '/explain', { attachments, command }), answer('a2', 'It assigns.', { meta: meta() })],
    })));
    const { page } = panel;
    const question = page.getByRole('article', { name: 'You' }).last();
    await question.waitFor();
    assert.equal(await question.locator('.user-text').innerText(), '/explain');
    assert.equal(await question.getByRole('list', { name: 'Attached context' }).getByRole('listitem').innerText(), 'example.ts:3–9\n~12 tokens');
    assert.equal(await page.getByRole('article', { name: 'You' }).first().getByText('Show prompt').count(), 0, 'a question sent as typed has nothing hidden');
    const prompt = question.locator('.sent-prompt-text');
    assert.equal(await prompt.isVisible(), false, 'collapsed until asked for');
    // Reached and opened from the keyboard.
    await question.getByRole('button', { name: 'Edit message' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Show prompt');
    await page.keyboard.press('Enter');
    await prompt.waitFor();
    assert.equal(await prompt.innerText(), `${command.instruction}\n\nexample.ts:3–9:\n\`\`\`typescript\n${code}\n\`\`\``);
    assert.equal(await page.locator('img').count(), 0, 'the code is shown as text, never parsed');
  });

  it('has a named log, a named composer, a polite status region, and a name on every button', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'hi'), answer('a1', '```js\nlet x = 1;\n```', { meta: meta(), error: { kind: 'x', message: 'boom', actions: ['retry'] } })],
    })));
    const { page } = panel;
    const log = page.getByRole('log', { name: 'Conversation' });
    await log.waitFor();
    await page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    assert.equal(await log.getAttribute('aria-live'), 'off', 'tokens must not be announced one by one');
    await page.getByRole('textbox', { name: 'Message OpenRouter' }).waitFor();
    assert.equal(await page.locator('[role="status"][aria-live="polite"]').count(), 1);
    const buttons = await page.getByRole('button').count();
    assert.ok(buttons >= 12, `only ${buttons} buttons`);
    assert.equal(await page.getByRole('button', { name: /\S/ }).count(), buttons, 'a button has no accessible name');
    for (const name of ['New Chat', 'Chats', 'Export Chat', 'Send', 'Attach Selection', 'Attach Current File', 'Attach Open Editors', 'Edit message', 'Regenerate', 'Regenerate with Another Model', 'Copy Answer', 'Retry', 'Insert at Cursor', 'Insert into New File', 'Apply']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `no button named ${name}`);
    }
    await page.getByRole('heading', { name: 'OpenRouter Chat' }).waitFor({ state: 'attached' });
  });

  it('shows the honest footer: the model that answered, provider, tokens, cost, first token and duration', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'hi'), answer('a1', 'Hello.', {
        meta: meta({
          requestedModel: 'anthropic/claude-sonnet-4', model: 'openai/gpt-4o-mini', provider: 'OpenAI', cost: { usd: 0.000042, basis: 'exact', source: 'usage' },
          usage: { promptTokens: 1234, completionTokens: 567, cachedTokens: 1000, cacheWriteTokens: 0, reasoningTokens: 0 },
          timeToFirstTokenMs: 320, durationMs: 2400,
        }),
      })],
    })));
    const footer = panel.page.getByRole('list', { name: 'Answer details' });
    const text = await footer.innerText();
    assert.match(text, /openai\/gpt-4o-mini \(asked for anthropic\/claude-sonnet-4\)/);
    assert.match(text, /via OpenAI/);
    assert.match(text, /1,234 in \(1,000 cached\)/);
    assert.match(text, /567 out/);
    assert.match(text, /\$0\.000042/, 'a fraction of a cent keeps its digits');
    assert.match(text, /first token 320 ms/);
    assert.match(text, /2\.4 s total/);
    assert.equal(await panel.page.getByRole('article', { name: 'Answer' }).locator('.turn-author').innerText(), 'openai/gpt-4o-mini');
  });

  it('marks an estimated cost and leaves out what is unknown', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', 'x', { meta: meta({ cost: { usd: 0.0123, basis: 'estimate', source: 'catalogue' } }) })] })));
    const text = await panel.page.getByRole('list', { name: 'Answer details' }).innerText();
    assert.match(text, /≈\$0\.0123/);
    assert.doesNotMatch(text, /via|first token|total|in \(/);
  });

  it('shows notices above the answer and the reasoning collapsed', async () => {
    panel = await openPanel();
    const notice = 'anthropic/claude-sonnet-4 was rate limited (429) — answered by openai/gpt-4o-mini';
    await panel.send(snapshot(1, state({}, {
      turns: [answer('a1', 'The answer.', { reasoning: 'First I thought about it.', notices: [{ kind: 'fallback', text: notice }], meta: meta() })],
    })));
    const article = panel.page.getByRole('article', { name: 'Answer' });
    await article.getByRole('list', { name: 'Notices' }).getByText(notice).waitFor();
    const details = article.locator('details.reasoning');
    assert.equal(await details.getAttribute('open'), null, 'reasoning starts collapsed');
    assert.equal(await article.getByText('First I thought about it.').isVisible(), false);
    await details.locator('summary', { hasText: 'Reasoning' }).click();
    await article.getByText('First I thought about it.').waitFor();
    // Notices come before the answer text in reading order.
    const order = await article.evaluate((node) => {
      const html = node.innerHTML;
      return [html.indexOf('rate limited'), html.indexOf('The answer.')];
    });
    assert.ok(order[0]! < order[1]!);
  });

  it('shows error cards with one button per action, each posting the right message', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'hi'), answer('a1', 'Partial text that', {
        status: 'error',
        error: {
          kind: 'provider', message: 'The provider went away', status: 502, source: 'Anthropic', detail: 'upstream connect error',
          actions: ['set_key', 'top_up', 'pick_model', 'retry', 'continue', 'new_chat', 'wait'], continueWith: 'openai/gpt-4o-mini',
        },
      })],
    })));
    const card = panel.page.getByRole('group', { name: 'Error' });
    await card.getByText('The provider went away (502)', { exact: true }).waitFor();
    // The provider's own words on a line of their own, under its name.
    await card.getByText('Anthropic said: upstream connect error', { exact: true }).waitFor();
    // The partial answer stays visible (waited for: innerText is empty until the browser has laid out the turn).
    await panel.page.getByRole('article', { name: 'Answer' }).getByText('Partial text that').first().waitFor();
    const expected: [string, object][] = [
      ['Set Key', { type: 'action/run', action: 'set_key' }],
      ['Top Up Credits', { type: 'action/run', action: 'top_up' }],
      ['Pick Another Model', { type: 'action/run', action: 'pick_model' }],
      ['Retry', { type: 'chat/regenerate', turnId: 'a1' }],
      ['Continue with openai/gpt-4o-mini', { type: 'chat/continue', turnId: 'a1', model: 'openai/gpt-4o-mini' }],
      ['Ask in a New Chat', { type: 'chat/newFrom', turnId: 'a1' }],
    ];
    assert.equal(await card.getByRole('button').count(), expected.length);
    for (const [name, message] of expected) {
      await card.getByRole('button', { name, exact: true }).click();
      assert.deepEqual((await panel.posted()).at(-1), message, name);
    }
    await card.getByText(/Waiting a moment/).waitFor();
  });

  it('offers a 402 that names what the balance covers a retry with that many max tokens, before Top Up', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'hi'), answer('a1', '', {
        status: 'error',
        error: {
          kind: 'credits', message: 'Your OpenRouter credits do not cover this request.', status: 402, source: 'openrouter',
          detail: 'This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1024.',
          actions: ['lower_max_tokens', 'top_up'], affordableMaxTokens: 1024,
        },
      })],
    })));
    const card = panel.page.getByRole('group', { name: 'Error' });
    const names = await card.getByRole('button').allInnerTexts();
    assert.deepEqual(names.map((n) => n.trim()), ['Retry with 1,024 Max Tokens', 'Top Up Credits']);
    await card.getByRole('button', { name: 'Retry with 1,024 Max Tokens' }).click();
    assert.deepEqual(await panel.waitForPosted('chat/retryWithMaxTokens'), { type: 'chat/retryWithMaxTokens', turnId: 'a1', maxTokens: 1024 });
    assert.equal(await card.getByText(/Lowering openrouter\.maxTokens/).count(), 0, 'the button replaces the hint');
  });

  it('shows no HTTP status for an error that came inside a stream', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'hi'), answer('a1', 'Half', {
        status: 'error',
        error: { kind: 'provider_error', message: 'OpenRouter failed while answering.', status: 200, source: 'openrouter', actions: ['retry'] },
      })],
    })));
    const card = panel.page.getByRole('group', { name: 'Error' });
    await card.getByText('OpenRouter failed while answering.', { exact: true }).waitFor();
    assert.doesNotMatch(await card.innerText(), /200|openrouter:/);
  });

  it('runs the header actions: model and preset pickers, New Chat, Export, Usage', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    await page.getByRole('button', { name: /^Model:/ }).click();
    await panel.waitForPosted('action/run', { action: 'pick_model' });
    await page.getByRole('button', { name: /preset/i }).click();
    await panel.waitForPosted('action/run', { action: 'pick_preset' });
    await page.getByRole('button', { name: 'Export Chat' }).click();
    await panel.waitForPosted('chat/export', { chatId: CHAT_ID });
    await page.getByRole('button', { name: 'Show Usage' }).click();
    await panel.waitForPosted('action/run', { action: 'show_usage' });
    await page.getByRole('button', { name: 'New Chat' }).click();
    await panel.waitForPosted('chat/new');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute('aria-label')), 'Message OpenRouter');
  });

  it('shows a chat in the list as soon as the host saved it, without a new snapshot', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ chats: [] })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Chats' }).click();
    await page.getByText('No saved chats yet.').waitFor();
    await panel.send({ type: 'chats/list', chats: [{ id: CHAT_ID, title: 'Refactor the parser', updatedAt: Date.now(), turns: 2, cost: 0.012 }] });
    const list = page.getByRole('list', { name: 'Chats' });
    await list.getByRole('button', { name: /^Refactor the parser/ }).waitFor();
    assert.match(await list.innerText(), /2 messages · \$0\.012/);
    assert.equal(await list.locator('[aria-current="true"]').count(), 1, 'the open chat is marked');
    assert.equal(await page.getByText('No saved chats yet.').isVisible(), false);
  });

  it('lists chats with a search filter, and opens and deletes them', async () => {
    panel = await openPanel();
    const now = Date.now();
    await panel.send(snapshot(1, state({
      chats: [
        { id: CHAT_ID, title: 'Refactor the parser', updatedAt: now, turns: 4, cost: 0.012 },
        { id: 'chat-2', title: 'Write release notes', updatedAt: now - 3_600_000, turns: 2, cost: 0.0004 },
        { id: 'chat-3', title: 'Parser error messages', updatedAt: now - 86_400_000 * 3, turns: 8, cost: 0.2 },
      ],
    })));
    const { page } = panel;
    const toggle = page.getByRole('button', { name: 'Chats' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const list = page.getByRole('list', { name: 'Chats' });
    assert.equal(await list.getByRole('listitem').count(), 3);
    await page.getByRole('searchbox', { name: 'Search chats' }).fill('parser');
    assert.equal(await list.getByRole('listitem').count(), 2);
    assert.equal(await list.locator('[aria-current="true"]').count(), 1);
    await page.getByRole('button', { name: 'Rename chat Parser error messages' }).click();
    await panel.waitForPosted('chat/rename', { chatId: 'chat-3' });
    await page.getByRole('button', { name: 'Delete chat Parser error messages' }).click();
    await panel.waitForPosted('chat/delete', { chatId: 'chat-3' });
    await list.getByRole('button', { name: /Parser error messages/ }).first().click();
    await panel.waitForPosted('chat/open', { chatId: 'chat-3' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    await page.keyboard.press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await toggle.evaluate((node) => node === (node.ownerDocument as { activeElement: unknown }).activeElement), true, 'Escape returns focus to the Chats button');
  });

  it('asks for a key when there is none', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ hasKey: false })));
    await panel.page.getByRole('region', { name: 'API key' }).getByRole('button', { name: 'Set Key' }).click();
    await panel.waitForPosted('action/run', { action: 'set_key' });
  });

  it('fits a 250 px sidebar without horizontal scrolling', async () => {
    panel = await openPanel({ width: 250 });
    await panel.send(snapshot(1, state({ model: 'anthropic/claude-3.7-sonnet:thinking', preset: 'reasoning-heavy' }, {
      turns: [userTurn('u1', 'a'.repeat(300)), answer('a1', `Text ${'word '.repeat(80)}\n\n\`\`\`ts\n${'const x = 1; '.repeat(30)}\n\`\`\`\n\n| a | b | c | d |\n|---|---|---|---|\n| ${'long '.repeat(10)} | 2 | 3 | 4 |`, { meta: meta() })],
    })));
    await panel.page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    await settle(panel.page);
    const overflow = await panel.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
    });
    assert.equal(overflow, 0);
    const box = await panel.page.getByRole('button', { name: 'Send' }).boundingBox();
    assert.ok(box && box.x + box.width <= 250, 'the Send button is inside the sidebar');
  });

  it('outlines turns with the contrast border in high-contrast themes', async () => {
    panel = await openPanel({ theme: 'high-contrast' });
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'hi')] })));
    const color = await panel.page.getByRole('article', { name: 'You' }).evaluate((node) => {
      const view = node.ownerDocument.defaultView as unknown as { getComputedStyle(n: unknown): { borderTopColor: string } };
      return view.getComputedStyle(node).borderTopColor;
    });
    assert.equal(color, 'rgb(111, 195, 223)');
  });
});

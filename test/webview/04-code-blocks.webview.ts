import * as assert from 'node:assert/strict';
import { answer, meta, snapshot, startStreaming, state } from './fixtures';
import { openPanel, type PanelPage } from './panel-page';

const CODE = 'function add(a, b) {\n  return a + b; // <sum>\n}';

describe('code blocks', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('have Copy, Insert at Cursor, Insert into New File and Apply buttons that post the block text', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', `Two blocks:\n\n\`\`\`js\n${CODE}\n\`\`\`\n\n\`\`\`\nplain text\n\`\`\``, { meta: meta() })] })));
    const { page } = panel;
    const first = page.locator('.code-block').first();
    await first.getByRole('button', { name: 'Copy', exact: true }).click();
    assert.deepEqual(await panel.waitForPosted('code/copy'), { type: 'code/copy', code: CODE });
    await first.getByRole('button', { name: 'Insert at Cursor' }).click();
    assert.deepEqual(await panel.waitForPosted('code/insert'), { type: 'code/insert', code: CODE });
    await first.getByRole('button', { name: 'Apply' }).click();
    assert.deepEqual(await panel.waitForPosted('code/apply'), { type: 'code/apply', code: CODE });
    await first.getByRole('button', { name: 'Insert into New File' }).click();
    assert.deepEqual(await panel.waitForPosted('code/newFile'), { type: 'code/newFile', code: CODE, language: 'js' });
    await page.locator('.code-block').nth(1).getByRole('button', { name: 'Insert into New File' }).click();
    await panel.waitForPosted('code/newFile', { code: 'plain text', language: '' });
    await page.locator('.code-block').nth(1).getByRole('button', { name: 'Copy', exact: true }).click();
    await panel.waitForPosted('code/copy', { code: 'plain text' });
    assert.equal(await page.getByRole('button', { name: 'Copy', exact: true }).count(), 2);
    assert.equal(await first.locator('.code-language').innerText(), 'js');
  });

  it('have Insert into Terminal only when a shell is named, posting the commands', async () => {
    panel = await openPanel();
    const script = 'npm ci\nnpm test';
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', `\`\`\`bash\n${script}\n\`\`\`\n\n\`\`\`js\n${CODE}\n\`\`\``, { meta: meta() })] })));
    const { page } = panel;
    await page.locator('.code-block').nth(1).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Insert into Terminal' }).count(), 1, 'the js block has none');
    await page.locator('.code-block').first().getByRole('button', { name: 'Insert into Terminal' }).click();
    assert.deepEqual(await panel.waitForPosted('code/terminal'), { type: 'code/terminal', code: script });
  });

  it('show their code on the block\'s own background, not on the per-line one VS Code gives every <code>', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel);
    const { page } = panel;
    await panel.send(host.delta('a1', `\`\`\`js\n${CODE}\n\`\`\`\n\nInline \`code\` here.\n\n\`\`\`\nstill open\n`));
    await page.locator('.markdown-tail code', { hasText: 'still open' }).waitFor();
    const styles = await page.evaluate(() => Array.from(document.querySelectorAll('.markdown code')).map((code) => {
      const own = getComputedStyle(code);
      const block = code.closest('pre');
      return {
        text: code.textContent?.slice(0, 12),
        inBlock: block !== null,
        background: own.backgroundColor,
        colour: own.color,
        blockColour: block ? getComputedStyle(block).color : '',
      };
    }));
    assert.equal(styles.filter((s) => s.inBlock).length, 2, JSON.stringify(styles));
    for (const style of styles.filter((s) => s.inBlock)) {
      assert.equal(style.background, 'rgba(0, 0, 0, 0)', `${style.text}: a code block's lines have no background of their own`);
      assert.equal(style.colour, style.blockColour, `${style.text}: plain code has the block's colour`);
    }
    const inline = styles.find((s) => !s.inBlock);
    assert.ok(inline && inline.background !== 'rgba(0, 0, 0, 0)', 'inline code keeps its background');
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`set inline code apart from the text around it in the ${theme} theme`, async () => {
      panel = await openPanel({ theme });
      await panel.send(snapshot(1, state({}, { turns: [answer('a1', 'Call `debounce(fn, ms)` once.', { meta: meta() })] })));
      const code = panel.page.locator('.markdown p code');
      await code.waitFor();
      // Light Modern gives code blocks the sidebar's own colour (#f8f8f8); inline code needs one that differs.
      const [background, panelBackground] = await code.evaluate((element) => [
        getComputedStyle(element).backgroundColor,
        getComputedStyle(document.body).backgroundColor,
      ]);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)');
      assert.notEqual(background, panelBackground, 'inline code has a background of its own');
    });
  }

  it('are highlighted once settled; the block still streaming stays plain and has no buttons', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel);
    const { page } = panel;
    await panel.send(host.delta('a1', '```python\ndef f():\n    return 1\n```\n\nNext:\n\n```ts\nconst x = '));
    await page.locator('.markdown-tail code', { hasText: 'const x =' }).waitFor();
    const settled = page.locator('.markdown-settled');
    assert.ok(await settled.locator('.hljs-keyword').count() > 0, 'the finished block is highlighted');
    assert.equal(await settled.getByRole('button', { name: 'Copy', exact: true }).count(), 1);
    const tail = page.locator('.markdown-tail');
    assert.equal(await tail.locator('[class^="hljs-"]').count(), 0, 'the open block is not highlighted');
    assert.equal(await tail.getByRole('button').count(), 0);
    // An open fence grows without being parsed again.
    await panel.send(host.delta('a1', '42;\nconsole.log(x);\n'));
    await page.locator('.markdown-tail code', { hasText: 'console.log(x);' }).waitFor();
    await panel.send(host.delta('a1', '```\n'));
    await panel.send(host.end(answer('a1', '```python\ndef f():\n    return 1\n```\n\nNext:\n\n```ts\nconst x = 42;\nconsole.log(x);\n```\n'), { meta: meta() }));
    await page.getByRole('list', { name: 'Answer details' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Copy', exact: true }).count(), 2);
    assert.ok(await page.locator('.code-block').nth(1).locator('.hljs-keyword').count() > 0);
    await page.locator('.code-block').nth(1).getByRole('button', { name: 'Copy', exact: true }).click();
    await panel.waitForPosted('code/copy', { code: 'const x = 42;\nconsole.log(x);' });
  });

  it('give a block its buttons and colours as soon as it finishes, even right after another', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel);
    const { page } = panel;
    await panel.send(host.delta('a1', '```python\nreturn 1\n```\n\nThen:\n'));
    await page.locator('.markdown-settled .code-block', { hasText: 'return 1' }).getByRole('button', { name: 'Copy', exact: true }).waitFor();
    // The next one finishes in the very next delta, and no more text follows it for a while.
    await panel.send(host.delta('a1', '\n```python\nreturn 2\n```\n\nAnd more'));
    await page.locator('.markdown-tail', { hasText: 'And more' }).waitFor();
    // Checked without waiting: the redraw that shows the text after the block has given it its final rendering.
    const settled = page.locator('.markdown-settled .code-block', { hasText: 'return 2' });
    assert.equal(await settled.getByRole('button', { name: 'Copy', exact: true }).count(), 1);
    assert.ok(await settled.locator('.hljs-keyword').count() > 0, 'highlighted');
    assert.equal(await page.locator('.markdown-tail .code-block').count(), 0, 'the tail no longer holds it');
    assert.match(await page.locator('.markdown-tail').innerText(), /^And more$/);
  });
});

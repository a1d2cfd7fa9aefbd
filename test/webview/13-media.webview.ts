import * as assert from 'node:assert/strict';
import type { ComposerState } from '../../src/protocol/messages';
import { snapshot, state } from './fixtures';
import { openPanel, type PanelPage, type TestWindow } from './panel-page';

// Runs in the page: a PNG of `width` × `height` drawn on a canvas, pasted into the composer as a screenshot is.
async function pastePng(size: { width: number; height: number }): Promise<void> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3a7';
  context.fillRect(0, 0, size.width, size.height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const data = new DataTransfer();
  data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
  const textarea = document.querySelector('textarea')!;
  textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

// Runs in the page: drops files made of `parts` on the composer, as the OS would.
function dropFiles(files: { name: string; type: string; text?: string; bytes?: number }[]): void {
  const data = new DataTransfer();
  for (const file of files) data.items.add(new File([file.bytes ? new Uint8Array(file.bytes) : (file.text ?? '')], file.name, { type: file.type }));
  const target = document.querySelector('.composer')!;
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}

/** A 1×1 PNG: the thumbnail the host echoes back in a chip. */
const THUMBNAIL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function composerWith(extra: Partial<ComposerState>): ComposerState {
  return { draft: '', draftRevision: 0, attachments: [], ...extra };
}

describe('images and PDFs in the composer', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('downscales a pasted 3000 px screenshot to 2048 px with a small thumbnail, and posts it to attach', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    await panel.page.evaluate(pastePng, { width: 3000, height: 1500 });
    const posted = await panel.waitForPosted('context/attachMedia');
    assert.match(posted.name, /^pasted-\d{6}\.png$/);
    assert.match(posted.dataUrl, /^data:image\/png;base64,/);
    const sizes = await panel.page.evaluate(async (urls: string[]) => Promise.all(urls.map(async (url) => {
      // An <img>, as the CSP allows data: images but no fetch.
      const image = new Image();
      image.src = url;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    })), [posted.dataUrl, posted.thumbnail ?? '']);
    assert.deepEqual(sizes, [[2048, 1024], [96, 48]]);
  });

  it('shows an image chip\'s thumbnail and removes it from the keyboard', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ composer: composerWith({ attachments: [{ kind: 'image', label: 'shot.png', tokens: 765, thumbnail: THUMBNAIL }] }) })));
    const { page } = panel;
    const thumbnail = page.locator('.context-chips .chip-thumbnail');
    await thumbnail.waitFor();
    assert.equal(await thumbnail.getAttribute('src'), THUMBNAIL);
    assert.equal(await thumbnail.getAttribute('alt'), '');
    assert.equal(await thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 1, 'the CSP lets the data URL show');
    await page.getByRole('button', { name: 'Remove shot.png' }).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('context/remove'), { type: 'context/remove', index: 0 });
  });

  it('refuses a 50 MB image, a corrupt PDF and a zip in one line each, and keeps the prompt and the chips', async () => {
    panel = await openPanel();
    const chips = [{ kind: 'selection' as const, label: 'a.ts:1-3', tokens: 5 }];
    await panel.send(snapshot(1, state({ composer: composerWith({ draft: 'Compare these', attachments: chips }) })));
    const { page } = panel;
    const refusal = page.locator('.composer-notice');
    await page.evaluate(dropFiles, [{ name: 'huge.png', type: 'image/png', bytes: 50 * 1024 * 1024 }]);
    await page.waitForFunction(() => document.querySelector('.composer-notice')?.textContent?.includes('huge.png'));
    assert.equal(await refusal.textContent(), 'huge.png is 50 MB; images up to 20 MB can be attached.');
    await page.evaluate(dropFiles, [{ name: 'report.pdf', type: 'application/pdf', text: '%PDF-1.7\n1 0 obj << /Type /Page >>' }]);
    await page.waitForFunction(() => document.querySelector('.composer-notice')?.textContent?.includes('report.pdf'));
    assert.equal(await refusal.textContent(), 'report.pdf is damaged or cut short (it has no end-of-file marker), so it cannot be attached.');
    await page.evaluate(dropFiles, [{ name: 'notes.zip', type: 'application/zip', text: 'PK' }]);
    await page.waitForFunction(() => document.querySelector('.composer-notice')?.textContent?.includes('notes.zip'));
    await page.waitForFunction(() => document.querySelector('[role="status"][aria-live="polite"]')?.textContent?.startsWith('notes.zip is not an image'));
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).inputValue(), 'Compare these');
    assert.equal(await page.locator('.context-chips .chip').count(), 1);
    assert.equal((await panel.posted()).filter((m) => m.type === 'context/attachMedia').length, 0);
  });

  it('shows a hostile file name as text, in a chip and in a refusal', async () => {
    panel = await openPanel();
    const hostile = '<img src=x onerror="globalThis.__pwned=1">.png';
    await panel.send(snapshot(1, state({ composer: composerWith({ attachments: [{ kind: 'image', label: hostile, tokens: 85, thumbnail: THUMBNAIL }] }) })));
    await panel.send({ type: 'composer/notice', text: `${hostile} is damaged` });
    const { page } = panel;
    await page.locator('.composer-notice').waitFor();
    assert.equal(await page.locator('.chip-label').textContent(), hostile);
    assert.equal(await page.locator('.composer-notice').textContent(), `${hostile} is damaged`);
    assert.equal(await page.locator('img:not(.chip-thumbnail)').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as TestWindow).__pwned), undefined);
  });

  it('drops the host\'s thumbnail that is not an image data URL, rather than show it', async () => {
    panel = await openPanel();
    await panel.sendRaw(snapshot(1, state({ composer: composerWith({ attachments: [{ kind: 'image', label: 'x.png', tokens: 1, thumbnail: 'javascript:alert(1)' }] }) })));
    await panel.send(snapshot(2, state({ composer: composerWith({ attachments: [{ kind: 'image', label: 'ok.png', tokens: 1 }] }) })));
    await panel.page.locator('.chip-label', { hasText: 'ok.png' }).waitFor();
    assert.equal(await panel.page.locator('.chip-label', { hasText: 'x.png' }).count(), 0);
  });

  it('sends an image without words, but not a text file without words', async () => {
    panel = await openPanel();
    const { page } = panel;
    await panel.send(snapshot(1, state({ composer: composerWith({ attachments: [{ kind: 'file', label: 'notes.md', tokens: 40 }] }) })));
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.press('Enter');
    await panel.send({ type: 'composer/state', composer: composerWith({ attachments: [{ kind: 'image', label: 'shot.png', tokens: 765, thumbnail: THUMBNAIL }] }) });
    await page.locator('.context-chips .chip-thumbnail').waitFor();
    await composer.press('Enter');
    assert.deepEqual(await panel.waitForPosted('chat/send'), { type: 'chat/send', text: '' });
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/send').length, 1, 'the text file alone was not sent');
  });

  it('with a text-only model, warns before sending and switches to the vision model in one click', async () => {
    panel = await openPanel();
    const noImages = { model: 'mistralai/mistral-7b-instruct', visionModel: 'anthropic/claude-3.5-haiku' };
    await panel.send(snapshot(1, state({ composer: composerWith({ attachments: [{ kind: 'image', label: 'a.png', tokens: 85 }], noImages }) })));
    const { page } = panel;
    const warning = page.locator('.no-images-warning');
    await warning.waitFor();
    assert.match((await warning.textContent()) ?? '', /mistralai\/mistral-7b-instruct does not read images: sending leaves them out\./);
    await page.getByRole('button', { name: 'Use anthropic/claude-3.5-haiku' }).click();
    assert.deepEqual(await panel.waitForPosted('model/pick'), { type: 'model/pick', model: 'anthropic/claude-3.5-haiku' });
    await panel.send({ type: 'composer/state', composer: composerWith({ attachments: [{ kind: 'image', label: 'a.png', tokens: 85 }] }) });
    await page.waitForFunction(() => (document.querySelector('.no-images-warning') as HTMLElement | null)?.hidden === true);
  });

  it('sends the URI list of files dragged from the explorer to the host, and attaches what it reads back', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/uri-list', 'file:///work/docs/spec.pdf\r\n# a comment\r\nfile:///work/shot.png');
      const target = document.querySelector('.composer')!;
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    assert.deepEqual(await panel.waitForPosted('context/dropUris'), { type: 'context/dropUris', uris: ['file:///work/docs/spec.pdf', 'file:///work/shot.png'] });
    const pdf = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n').toString('base64')}`;
    await panel.send({ type: 'composer/fileRead', name: 'spec.pdf', dataUrl: pdf });
    const posted = await panel.waitForPosted('context/attachMedia');
    assert.deepEqual(posted, { type: 'context/attachMedia', name: 'spec.pdf', dataUrl: pdf });
  });

  it('the attach button opens a picker for images and PDFs', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach Image or PDF' }).click();
    const picker = await chooser;
    assert.equal(picker.isMultiple(), true);
    await picker.setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    await page.waitForFunction(() => document.querySelector('.composer-notice')?.textContent?.startsWith('notes.txt is not an image'));
  });
});

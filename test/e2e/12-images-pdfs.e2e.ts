import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
// Images and PDFs in the real workbench: a pasted PNG reaches a vision model as an image_url part, a text-only model
// gets the warning before anything is sent, and a dropped PDF goes with the file-parser plugin and its engine.
import { useSettings } from './chat-panel';
import { chatFrame, dismissNotifications, extRoot, openSidebar, readUserSettings, reloadWindow, writeUserSettings } from './workbench';

const VISION = 'openai/gpt-4o-mini';
const TEXT_ONLY = 'mistralai/mistral-7b-instruct';
const CHAIN_VISION = 'anthropic/claude-3.5-haiku';

// Runs in the panel's frame: a PNG drawn on a canvas, pasted into the composer as a screenshot is.
async function pastePng(textarea: HTMLTextAreaElement): Promise<void> {
  const canvas = new OffscreenCanvas(1200, 800);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, 1200, 800);
  gradient.addColorStop(0, '#2d7dd2');
  gradient.addColorStop(1, '#97cc04');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 1200, 800);
  const data = new DataTransfer();
  data.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'image.png', { type: 'image/png' }));
  textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

// Runs in the panel's frame: a two-page PDF dropped on the composer.
function dropPdf(composer: HTMLElement): void {
  const pages = [3, 4].map((n) => `${n} 0 obj << /Type /Page /Parent 2 0 R >> endobj`).join('\n');
  const text = `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 2 >> endobj\n${pages}\n%%EOF\n`;
  const data = new DataTransfer();
  data.items.add(new File([text], 'spec.pdf', { type: 'application/pdf' }));
  composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}

describe('images and PDFs', function () {
  const chat = useSettings({ 'openrouter.defaultModel': VISION, 'openrouter.fallbackModels': [CHAIN_VISION], 'openrouter.pdfEngine': 'mistral-ocr' });
  const panel = () => chatFrame(chat.wb.page);
  const composer = () => panel().getByRole('textbox', { name: 'Message OpenRouter' });
  const chatRequests = () => chat.wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');
  const modelButton = (model: string) => panel().getByRole('button', { name: new RegExp(`^Model: ${model.replace(/[./]/g, '\\$&')}\\.`) });

  async function useModel(model: string): Promise<void> {
    if (await modelButton(model).count() > 0) return;
    writeUserSettings(chat.wb, { ...readUserSettings(chat.wb), 'openrouter.defaultModel': model });
    await reloadWindow(chat.wb);
    await openSidebar(chat.wb.page);
    await modelButton(model).waitFor({ timeout: 30000 });
    await panel().getByRole('button', { name: 'New Chat' }).click();
  }

  beforeEach(() => chat.wb.fake.reset());

  it('a pasted PNG shows as a thumbnail and reaches a vision model as an image_url data URL', async () => {
    await useModel(VISION);
    await composer().evaluate(pastePng);
    const thumbnail = panel().locator('.context-chips .chip-thumbnail');
    await thumbnail.waitFor({ timeout: 20000 });
    await composer().fill('What is in this picture?');
    await dismissNotifications(chat.wb.page);
    fs.mkdirSync(path.join(extRoot, 'docs'), { recursive: true });
    await chat.wb.page.screenshot({ path: path.join(extRoot, 'docs/image-attached.png') });
    await composer().press('Enter');
    await chat.wb.fake.waitForRequest((r) => r.path === '/api/v1/chat/completions');
    const body = chatRequests().at(-1)?.body as { model: string; messages: { role: string; content: unknown }[] };
    assert.equal(body.model, VISION);
    const content = body.messages.at(-1)?.content as { type: string; text?: string; image_url?: { url: string } }[];
    assert.equal(content[0]?.text, 'What is in this picture?');
    assert.equal(content[1]?.type, 'image_url');
    assert.match(content[1]?.image_url?.url ?? '', /^data:image\/png;base64,/);
    await panel().getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
  });

  it('with a text-only model the composer warns before sending, and one click switches to the chain\'s vision model', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    await useModel(TEXT_ONLY);
    await composer().evaluate(pastePng);
    const warning = panel().locator('.no-images-warning');
    await warning.waitFor({ timeout: 20000 });
    assert.match(await warning.innerText(), /mistralai\/mistral-7b-instruct does not read images: sending leaves them out\./);
    assert.equal(chatRequests().length, 0, 'the warning comes before anything is sent');
    await panel().getByRole('button', { name: `Use ${CHAIN_VISION}` }).click();
    await modelButton(CHAIN_VISION).waitFor({ timeout: 20000 });
    await warning.waitFor({ state: 'hidden', timeout: 20000 });
    await panel().getByRole('button', { name: /^Remove pasted-/ }).click();
  });

  it('a dropped PDF shows its pages and OCR price, and is sent as a file part with the file-parser plugin', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    await useModel(VISION);
    await panel().locator('.composer').evaluate(dropPdf);
    const chip = panel().locator('.context-chips .chip', { hasText: 'spec.pdf' });
    await chip.waitFor({ timeout: 20000 });
    assert.match(await chip.innerText(), /2 pages · OCR \$0\.004/);
    await composer().fill('Summarise the spec.');
    await composer().press('Enter');
    const record = await chat.wb.fake.waitForRequest((r) => r.path === '/api/v1/chat/completions');
    const body = record.body as { plugins?: unknown; messages: { content: unknown }[] };
    assert.deepEqual(body.plugins, [{ id: 'file-parser', pdf: { engine: 'mistral-ocr' } }]);
    const parts = body.messages.at(-1)?.content as { type: string; file?: { filename: string; file_data: string } }[];
    assert.equal(parts[1]?.file?.filename, 'spec.pdf');
    assert.match(parts[1]?.file?.file_data ?? '', /^data:application\/pdf;base64,/);
    assert.deepEqual(record.fileParser, { engine: 'mistral-ocr', pages: 2, promptTokens: 500, pluginUsd: 0.004 });
    await panel().getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
  });
});

import * as assert from 'node:assert/strict';
import { countPromptTokens, expectedCost } from '../../fixtures/fake-openrouter/index';
import { postChat, useFakeOpenRouter } from './helpers';
import { pdfDataUrl, pdfText, pngDataUrl } from '../core/chat/media-samples';

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
}

const imageMessages = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: pngDataUrl(10, 10) } }] }];
const pdfMessages = [{ role: 'user', content: [{ type: 'text', text: 'Sum it up.' }, { type: 'file', file: { filename: 'spec.pdf', file_data: pdfDataUrl(pdfText(4)) } }] }];

describe('fake OpenRouter: images and PDFs', () => {
  const holder = useFakeOpenRouter();

  it('answers an image sent to a vision model', async () => {
    const response = await postChat(holder.fake, { model: 'openai/gpt-4o-mini', messages: imageMessages });
    assert.equal(response.status, 200);
  });

  it('refuses an image for a text-only model as OpenRouter does: 404, no endpoint supports image input', async () => {
    const response = await postChat(holder.fake, { model: 'mistralai/mistral-7b-instruct', messages: imageMessages });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { message: 'No endpoints found that support image input', code: 404 } });
  });

  it('refuses malformed parts with a 400 that names them', async () => {
    const bad = async (part: unknown): Promise<string> => {
      const response = await postChat(holder.fake, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: [part] }] });
      assert.equal(response.status, 400);
      return ((await response.json()) as { error: { message: string } }).error.message;
    };
    assert.match(await bad({ type: 'image_url', image_url: 'data:image/png;base64,AAAA' }), /image_url\.url/);
    assert.match(await bad({ type: 'image_url', image_url: { url: 'data:text/html;base64,PGI+' } }), /image_url\.url/);
    assert.match(await bad({ type: 'file', file: { file_data: pdfDataUrl('%PDF') } }), /file\.filename/);
    assert.match(await bad({ type: 'video', url: 'x' }), /Invalid content part type/);
  });

  it('parses PDFs with the file-parser engine asked for, and bills paid OCR per page in usage.cost', async () => {
    const usageWith = async (engine: string): Promise<Usage> => {
      const response = await postChat(holder.fake, { model: 'openai/gpt-4o-mini', messages: pdfMessages, plugins: [{ id: 'file-parser', pdf: { engine } }] });
      assert.equal(response.status, 200);
      return ((await response.json()) as { usage: Usage }).usage;
    };
    const free = await usageWith('cloudflare-ai');
    assert.equal(free.prompt_tokens, countPromptTokens(pdfMessages) + 4 * 250);
    assert.equal(free.cost, expectedCost('openai/gpt-4o-mini', { promptTokens: free.prompt_tokens, completionTokens: free.completion_tokens }));
    const ocr = await usageWith('mistral-ocr');
    assert.ok(Math.abs(ocr.cost - free.cost - 4 * 0.002) < 1e-12, `${ocr.cost} vs ${free.cost}`);
    const record = holder.fake.requests.at(-1);
    assert.deepEqual(record?.fileParser, { engine: 'mistral-ocr', pages: 4, promptTokens: 1000, pluginUsd: 0.008 });
    const response = await postChat(holder.fake, { model: 'openai/gpt-4o-mini', messages: pdfMessages, plugins: [{ id: 'file-parser', pdf: { engine: 'magic' } }] });
    assert.equal(response.status, 400);
  });
});

import assert from 'node:assert/strict';
import type { ModelFacts } from '../../../../src/core/conversation/composer';
import { SETTINGS, ask, conversation, effectsOf } from './conversation-support';
import { jpegDataUrl, pdfDataUrl, pdfText, pngDataUrl } from '../chat/media-samples';
import { lightenedMessage } from '../../../../src/core/conversation/panel-media';

const FACTS: Record<string, ModelFacts> = {
  'openai/gpt-4o-mini': { pricing: { prompt: 0.15e-6, completion: 0.6e-6 }, contextLength: 128_000, inputModalities: ['text', 'image', 'file'] },
  'mistralai/mistral-7b-instruct': { pricing: { prompt: 0.03e-6, completion: 0.05e-6 }, contextLength: 8192, inputModalities: ['text'] },
  'anthropic/claude-3.5-haiku': { pricing: { prompt: 0.8e-6, completion: 4e-6 }, contextLength: 200_000, inputModalities: ['text', 'image'] },
};
const modelFacts = (model: string): ModelFacts | undefined => FACTS[model];

describe('conversation core: images and PDFs', () => {
  it('attaches a pasted image with its thumbnail, and sends it to a vision model as image_url', () => {
    const { chat } = conversation({ modelFacts });
    const thumbnail = jpegDataUrl(96, 72);
    chat.dispatch({ type: 'attachMedia', name: 'pasted.png', dataUrl: pngDataUrl(1600, 1200), thumbnail });
    const chip = chat.composerState().attachments[0];
    assert.deepEqual([chip?.kind, chip?.label, chip?.thumbnail], ['image', 'pasted.png', thumbnail]);
    assert.equal(chat.composerState().noImages, undefined);
    const { request } = ask(chat, 'What is in it?');
    const content = request.messages.at(-1)?.content;
    assert.ok(Array.isArray(content));
    assert.deepEqual(content[1], { type: 'image_url', image_url: { url: pngDataUrl(1600, 1200) } });
    assert.equal(request.plugins, undefined);
  });

  it('the estimate grows by the image\'s own estimate', () => {
    const { chat } = conversation({ modelFacts, draft: 'Hi' });
    const before = chat.composerState().estimate?.promptTokens ?? 0;
    chat.dispatch({ type: 'attachMedia', name: 'a.png', dataUrl: pngDataUrl(1024, 1024) });
    assert.equal((chat.composerState().estimate?.promptTokens ?? 0) - before, 1399);
  });

  it('with a text-only model, warns before sending and offers the nearest vision model; sending leaves the image out', () => {
    const { chat } = conversation({ modelFacts, settings: { ...SETTINGS, defaultModel: 'mistralai/mistral-7b-instruct' } });
    chat.dispatch({ type: 'attachMedia', name: 'a.png', dataUrl: pngDataUrl(10, 10) });
    // The fallback chain's Claude 3.5 Haiku reads images.
    assert.deepEqual(chat.composerState().noImages, { model: 'mistralai/mistral-7b-instruct', visionModel: 'anthropic/claude-3.5-haiku' });
    const { request } = ask(chat, 'Look');
    assert.equal(JSON.stringify(request.messages).includes('image_url'), false);
    assert.match(JSON.stringify(request.messages), /was attached but not sent/);
  });

  it('offers a recent model when neither the chain nor the favourites read images', () => {
    const { chat } = conversation({
      modelFacts, settings: { ...SETTINGS, defaultModel: 'mistralai/mistral-7b-instruct', fallbackModels: [] }, recentModels: () => ['openai/gpt-4o-mini'],
    });
    chat.dispatch({ type: 'attachMedia', name: 'a.png', dataUrl: pngDataUrl(10, 10) });
    assert.equal(chat.composerState().noImages?.visionModel, 'openai/gpt-4o-mini');
  });

  it('sends a PDF as a file part with the file-parser plugin and the engine set; the chip prices paid OCR', () => {
    const { chat } = conversation({ modelFacts, settings: { ...SETTINGS, pdfEngine: 'mistral-ocr' } });
    chat.dispatch({ type: 'attachMedia', name: 'spec.pdf', dataUrl: pdfDataUrl(pdfText(5)) });
    assert.equal(chat.composerState().attachments[0]?.note, '5 pages · OCR $0.0100');
    const { request } = ask(chat, 'Summarise');
    assert.deepEqual(request.plugins, [{ id: 'file-parser', pdf: { engine: 'mistral-ocr' } }]);
    assert.match(JSON.stringify(request.messages.at(-1)?.content), /"type":"file","file":\{"filename":"spec.pdf","file_data":"data:application\/pdf;base64,/);
  });

  it('refuses a corrupt PDF in one line, and keeps the draft and the other chips', () => {
    const { chat } = conversation({ modelFacts, draft: 'Compare these' });
    chat.dispatch({ type: 'attachMedia', name: 'a.png', dataUrl: pngDataUrl(10, 10) });
    const step = chat.dispatch({ type: 'attachMedia', name: 'broken.pdf', dataUrl: pdfDataUrl('%PDF-1.4 cut') });
    assert.deepEqual(effectsOf(step, 'refuse'), [{ type: 'refuse', text: 'broken.pdf is damaged or cut short (it has no end-of-file marker), so it cannot be attached.' }]);
    assert.equal(chat.composerState().draft, 'Compare these');
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['a.png']);
  });

  it('attaches the same image once, and two different images with one name twice', () => {
    const { chat } = conversation({ modelFacts });
    chat.dispatch({ type: 'attachMedia', name: 'image.png', dataUrl: pngDataUrl(10, 10) });
    const again = chat.dispatch({ type: 'attachMedia', name: 'image.png', dataUrl: pngDataUrl(10, 10) });
    assert.deepEqual(effectsOf(again, 'inform'), [{ type: 'inform', text: 'image.png is already attached.' }]);
    chat.dispatch({ type: 'attachMedia', name: 'image.png', dataUrl: pngDataUrl(20, 20) });
    assert.equal(chat.composerState().attachments.length, 2);
  });

  it('posts turns to the panel without the images\' data', () => {
    const { chat } = conversation({ modelFacts });
    chat.dispatch({ type: 'attachMedia', name: 'a.png', dataUrl: pngDataUrl(10, 10), thumbnail: jpegDataUrl(10, 10) });
    ask(chat, 'Look');
    const message = lightenedMessage({ type: 'state/snapshot', seq: 0, state: chat.panelState() });
    const text = JSON.stringify(message);
    assert.equal(text.includes(pngDataUrl(10, 10)), false);
    assert.equal(text.includes(jpegDataUrl(10, 10)), true, 'the thumbnail goes');
    assert.equal(JSON.stringify(chat.chat).includes(pngDataUrl(10, 10)), true, 'the chat keeps it');
  });
});

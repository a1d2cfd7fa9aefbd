import assert from 'node:assert/strict';
import { fileParserPlugins, userMessageContent } from '../../../../src/core/chat/content-parts';
import { boundMedia } from '../../../../src/core/chat/media-bound';
import { chatToMarkdown } from '../../../../src/core/chat/export';
import type { Attachment, Chat } from '../../../../src/core/chat/model';
import { nearestVisionModel, readsImages } from '../../../../src/core/chat/vision';
import { estimatePromptTokens, TOKENS_PER_IMAGE } from '../../../../src/core/spend/token-estimate';
import { imageTokens } from '../../../../src/core/chat/media';
import { pdfDataUrl, pdfText, pngDataUrl } from './media-samples';

const image: Attachment = { kind: 'image', label: 'shot.png', text: '', tokens: 765, dataUrl: pngDataUrl(1024, 768), width: 1024, height: 768 };
const pdf: Attachment = { kind: 'pdf', label: 'spec.pdf', text: '', tokens: 4000, dataUrl: pdfDataUrl(pdfText(2)), pages: 2 };
const selection: Attachment = { kind: 'selection', label: 'a.ts:1-2', text: 'let x;', tokens: 2 };

describe('content parts: images and PDFs in a user message', () => {
  it('sends text alone as a string, as before', () => {
    assert.equal(userMessageContent({ text: 'Hi', attachments: [selection] }, { images: true }), 'a.ts:1-2:\n```\nlet x;\n```\n\nHi');
  });

  it('sends an image as an image_url data URL and a PDF as a file part, after the text', () => {
    const content = userMessageContent({ text: 'What is this?', attachments: [selection, image, pdf] }, { images: true });
    assert.deepEqual(content, [
      { type: 'text', text: 'a.ts:1-2:\n```\nlet x;\n```\n\nWhat is this?' },
      { type: 'image_url', image_url: { url: image.dataUrl } },
      { type: 'file', file: { filename: 'spec.pdf', file_data: pdf.dataUrl } },
    ]);
  });

  it('sends an image asked about without words as the image alone, with no empty text part', () => {
    assert.deepEqual(userMessageContent({ text: '', attachments: [image] }, { images: true }), [{ type: 'image_url', image_url: { url: image.dataUrl } }]);
  });

  it('to a model that does not read images, says in a text part what was left out', () => {
    const content = userMessageContent({ text: 'Look', attachments: [image, pdf] }, { images: false });
    assert.ok(Array.isArray(content));
    assert.equal(content.some((part) => part.type === 'image_url'), false);
    assert.deepEqual(content[1], { type: 'text', text: '[Image shot.png was attached but not sent: this model does not read images.]' });
    assert.equal(content[2]?.type, 'file');
  });

  it('asks for the file-parser plugin with the engine set, only when a message carries a file', () => {
    const withPdf = [{ role: 'user' as const, content: userMessageContent({ text: 'Sum up', attachments: [pdf] }, { images: true }) }];
    assert.deepEqual(fileParserPlugins(withPdf, 'mistral-ocr'), [{ id: 'file-parser', pdf: { engine: 'mistral-ocr' } }]);
    const imageOnly = [{ role: 'user' as const, content: userMessageContent({ text: 'Look', attachments: [image] }, { images: true }) }];
    assert.equal(fileParserPlugins(imageOnly, 'cloudflare-ai'), undefined);
  });

  it('estimates an image by its size and a PDF by its bytes, not a flat figure', () => {
    const big = estimatePromptTokens([{ role: 'user', content: [{ type: 'image_url', image_url: { url: pngDataUrl(2048, 2048) } }] }]);
    const small = estimatePromptTokens([{ role: 'user', content: [{ type: 'image_url', image_url: { url: pngDataUrl(100, 100) } }] }]);
    assert.equal(big, 4 + imageTokens(2048, 2048));
    assert.equal(small, 4 + imageTokens(100, 100));
    const unknown = estimatePromptTokens([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }]);
    assert.equal(unknown, 4 + TOKENS_PER_IMAGE);
    const file = estimatePromptTokens([{ role: 'user', content: [{ type: 'file', file: { file_data: pdf.dataUrl } }] }]);
    assert.equal(file, 4 + 2000);
  });
});

describe('vision: which model reads images', () => {
  const facts: Record<string, { inputModalities: string[] }> = {
    'text/only': { inputModalities: ['text'] },
    'text/other': { inputModalities: ['text'] },
    'vision/chain': { inputModalities: ['text', 'image'] },
    'vision/favourite': { inputModalities: ['text', 'image'] },
    'vision/recent': { inputModalities: ['image', 'text'] },
  };
  const factsOf = (model: string) => facts[model];

  it('reads the catalogue, and gives an unknown model the benefit of the doubt', () => {
    assert.equal(readsImages(factsOf('text/only')), false);
    assert.equal(readsImages(factsOf('vision/chain')), true);
    assert.equal(readsImages(undefined), true);
  });

  it('offers the chain first, then the favourites, then the recent models, never an unknown one', () => {
    const all = { chain: ['text/other', 'vision/chain'], favourites: ['vision/favourite'], recent: ['vision/recent'] };
    assert.equal(nearestVisionModel('text/only', all, factsOf), 'vision/chain');
    assert.equal(nearestVisionModel('text/only', { ...all, chain: ['unknown/model'] }, factsOf), 'vision/favourite');
    assert.equal(nearestVisionModel('text/only', { chain: [], favourites: [], recent: ['vision/recent'] }, factsOf), 'vision/recent');
    assert.equal(nearestVisionModel('text/only', { chain: ['text/other'], favourites: [], recent: [] }, factsOf), undefined);
  });
});

function chatWith(attachments: Attachment[][]): Chat {
  return {
    id: 'c1', title: 'Pictures', createdAt: 0, updatedAt: 0, model: 'openai/gpt-4o',
    turns: attachments.map((list, i) => ({ id: `u${i}`, role: 'user' as const, text: `q${i}`, createdAt: i, attachments: list })),
  };
}

describe('history bound and export of images and PDFs', () => {
  it('keeps a chat whose media fit as it is', () => {
    const chat = chatWith([[image], [pdf]]);
    assert.equal(boundMedia(chat, 10_000), chat);
  });

  it('past the bound lets the oldest go, leaving a placeholder that says what was there', () => {
    const older = { ...image, label: 'older.png' };
    const chat = chatWith([[older], [image]]);
    const bytes = Buffer.from(image.dataUrl!.split(',')[1]!, 'base64').length;
    const bounded = boundMedia(chat, bytes);
    const [first, second] = bounded.turns.map((t) => (t.role === 'user' ? t.attachments[0] : undefined));
    assert.equal(first?.dataUrl, undefined);
    assert.match(first?.omitted ?? '', /not kept: this chat's history keeps/);
    assert.equal(second?.dataUrl, image.dataUrl);
    assert.equal(chat.turns[0]?.role === 'user' && chat.turns[0].attachments[0]?.dataUrl, older.dataUrl, 'the chat in memory keeps it');
    // A later request says what the model no longer gets.
    const content = userMessageContent(bounded.turns[0] as Extract<Chat['turns'][number], { role: 'user' }>, { images: true });
    assert.match(JSON.stringify(content), /\[Image older\.png, 1024×768 — .*not kept/);
  });

  it('exports images and PDFs as placeholders, never as data or HTML', () => {
    const hostile = { ...image, label: '<img src=x onerror=alert(1)>.png' };
    const markdown = chatToMarkdown(chatWith([[hostile, pdf]]));
    assert.equal(markdown.includes('base64'), false);
    assert.doesNotMatch(markdown, /(^|[^\\])<img/, 'every < of the label is escaped');
    assert.match(markdown, /Image \\<img src=x onerror=alert\(1\)\\>\.png, 1024×768 \(not included in the export\)/);
    assert.match(markdown, /PDF spec\.pdf, 2 pages \(not included in the export\)/);
  });
});

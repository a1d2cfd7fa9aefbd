import assert from 'node:assert/strict';
import {
  boundedSize, classifyFile, countPdfPages, dataUrlByteLength, imageSizeOfDataUrl, imageTokens, pdfProblem, sniffImageType,
} from '../../../../src/core/chat/media';
import { mediaAttachment, mediaLabel } from '../../../../src/core/chat/media-attachment';
import { jpegDataUrl, pdfDataUrl, pdfText, pngBytes, pngDataUrl } from './media-samples';

const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('media: what a file is and what it costs', () => {
  it('refuses a 50 MB image, an unsupported type and an empty file, each in one line that names the file', () => {
    const big = classifyFile('photo.png', 'image/png', 50 * 1024 * 1024);
    assert.deepEqual(big, { refusal: 'photo.png is 50 MB; images up to 20 MB can be attached.' });
    const zip = classifyFile('notes.zip', 'application/zip', 1000);
    assert.ok('refusal' in zip && zip.refusal.startsWith('notes.zip is not an image') && !zip.refusal.includes('\n'));
    assert.deepEqual(classifyFile('a.pdf', '', 0), { refusal: 'a.pdf is empty.' });
    assert.deepEqual(classifyFile('scan.PDF', '', 10), { kind: 'pdf' });
    assert.deepEqual(classifyFile('shot', 'image/webp', 10), { kind: 'image' });
  });

  it('tells image types by their bytes, not their names', () => {
    assert.equal(sniffImageType(pngBytes(1, 1)), 'image/png');
    assert.equal(sniffImageType(latin1('GIF89a......')), 'image/gif');
    assert.equal(sniffImageType(latin1('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(latin1('%PDF-1.7')), undefined);
  });

  it('reads the size a PNG or JPEG header declares from its data URL', () => {
    assert.deepEqual(imageSizeOfDataUrl(pngDataUrl(1920, 1080)), { width: 1920, height: 1080 });
    assert.deepEqual(imageSizeOfDataUrl(jpegDataUrl(640, 480)), { width: 640, height: 480 });
    assert.equal(imageSizeOfDataUrl('data:image/png;base64,AAAA'), undefined);
  });

  it('downscales to a longest side of 2048 and never scales up', () => {
    assert.deepEqual(boundedSize(4096, 3072), { width: 2048, height: 1536 });
    assert.deepEqual(boundedSize(1000, 4000), { width: 512, height: 2048 });
    assert.deepEqual(boundedSize(300, 200), { width: 300, height: 200 });
  });

  it('prices an image by its size under the larger of the documented rules', () => {
    // 1024×1024: OpenAI's rule gives 4 tiles at 768 → 85 + 170 × 4 = 765; Anthropic's 1024² / 750 = 1,399.
    assert.equal(imageTokens(1024, 1024), 1399);
    // A small icon costs OpenAI's one tile (255) more than Anthropic's 64² / 750 = 6.
    assert.equal(imageTokens(64, 64), 255);
    assert.ok(imageTokens(4000, 3000) > imageTokens(1000, 750));
  });

  it('finds a PDF cut short or a renamed file, and counts a whole one\'s pages', () => {
    const whole = pdfText(3);
    assert.equal(pdfProblem('a.pdf', latin1(whole)), undefined);
    assert.equal(countPdfPages(latin1(whole)), 3);
    assert.match(pdfProblem('cut.pdf', latin1(whole.slice(0, 60))) ?? '', /^cut\.pdf is damaged or cut short/);
    assert.match(pdfProblem('fake.pdf', latin1('hello')) ?? '', /^fake\.pdf is not a PDF/);
  });

  it('counts a data URL\'s bytes without decoding it', () => {
    assert.equal(dataUrlByteLength(pdfDataUrl('12345')), 5);
    assert.equal(dataUrlByteLength(pdfDataUrl('123456')), 6);
  });
});

describe('media: the attachment made of what the panel sent', () => {
  it('makes an image attachment with its size and token estimate, typed by its bytes', () => {
    const made = mediaAttachment({ name: 'shot.jpg', dataUrl: pngDataUrl(800, 600).replace('image/png', 'image/jpeg') });
    assert.ok(!('refusal' in made));
    assert.equal(made.kind, 'image');
    assert.equal(made.dataUrl?.startsWith('data:image/png;base64,'), true);
    assert.deepEqual([made.width, made.height, made.tokens], [800, 600, imageTokens(800, 600)]);
  });

  it('makes a PDF attachment with its pages, and refuses a corrupt one', () => {
    const made = mediaAttachment({ name: 'spec.pdf', dataUrl: pdfDataUrl(pdfText(2)) });
    assert.ok(!('refusal' in made));
    assert.deepEqual([made.kind, made.pages, made.tokens], ['pdf', 2, 4000]);
    const corrupt = mediaAttachment({ name: 'spec.pdf', dataUrl: pdfDataUrl(pdfText(2).slice(0, 80)) });
    assert.ok('refusal' in corrupt && /damaged/.test(corrupt.refusal));
  });

  it('refuses bytes that are no image whatever they are called, and data that is not base64', () => {
    const fake = mediaAttachment({ name: 'evil.png', dataUrl: `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}` });
    assert.ok('refusal' in fake && /not an image the models read/.test(fake.refusal));
    const junk = mediaAttachment({ name: 'x.png', dataUrl: 'data:image/png;base64,!!!!' });
    assert.ok('refusal' in junk);
  });

  it('keeps a label to one line of text', () => {
    assert.equal(mediaLabel('a\nb\t<img src=x>.png'), 'a b <img src=x>.png');
    assert.equal(mediaLabel('\u0000\n'), 'unnamed');
  });
});

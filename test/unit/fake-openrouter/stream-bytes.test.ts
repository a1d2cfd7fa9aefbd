import * as assert from 'node:assert/strict';
import { MULTIBYTE_SAMPLE } from '../../fixtures/fake-openrouter/index';
import { chunks, contentOf, dataEvents, isBrokenUtf8, parseSse, rawStream, streamChat, useFakeOpenRouter } from './helpers';

const MODEL = 'openai/gpt-4o';

/** Multi-byte characters in the sample: é, ö, —, 你, 好, 🎉. */
const MULTIBYTE_CHARACTERS = 6;

describe('fake OpenRouter: stream bytes on the wire', () => {
  const holder = useFakeOpenRouter();

  it("'frame' chunking writes one whole SSE frame per socket write", async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'a b c' });
    const raw = await rawStream(fake, MODEL);
    assert.equal(raw.completed, true);
    // Comment + 3 deltas + usage + [DONE].
    assert.equal(raw.pieces.length, 6);
    for (const piece of raw.pieces) assert.match(piece.toString('utf8'), /^(: |data: )[^\n]*\n\n$/);
  });

  it("'utf8-split' cuts writes inside every multi-byte UTF-8 sequence, and the stream still decodes", async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', chunking: 'utf8-split' });
    const raw = await rawStream(fake, MODEL);
    const broken = raw.pieces.filter(isBrokenUtf8);
    // Each character is cut once where it appears in a content delta (and the sample is in the content once).
    assert.ok(broken.length >= MULTIBYTE_CHARACTERS, `${broken.length} pieces end or start inside a UTF-8 sequence`);
    const endsOnLeadByte = raw.pieces.filter((piece) => ((piece.at(-1) ?? 0) & 0xc0) === 0xc0);
    assert.ok(endsOnLeadByte.length >= MULTIBYTE_CHARACTERS);
    assert.match(contentOf(parseSse(raw.body.toString('utf8'))), new RegExp(MULTIBYTE_SAMPLE));
  });

  it("'data-line-split' with CRLF cuts inside data: lines and between \\r and \\n", async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'one two', chunking: 'data-line-split', crlf: true });
    const raw = await rawStream(fake, MODEL);
    const pieces = raw.pieces.map((piece) => piece.toString('latin1'));
    assert.ok(pieces.some((piece, index) => piece.endsWith('\r') && pieces[index + 1]?.startsWith('\n')), 'a CRLF is split across writes');
    assert.ok(pieces.some((piece, index) => piece.endsWith('da') && pieces[index + 1]?.startsWith('ta:')), 'a data: prefix is split');
    assert.ok(pieces.every((piece) => !/^data: \{.*\}\r\n/.test(piece)), 'no write holds a whole data line');
    const items = parseSse(raw.body.toString('utf8'));
    assert.equal(contentOf(items), 'one two');
    assert.equal(dataEvents(items).at(-1), '[DONE]');
  });

  it("'byte' chunking sends one byte per write", async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'tiny', chunking: 'byte' });
    const raw = await rawStream(fake, MODEL);
    assert.ok(raw.pieces.length > 100);
    assert.ok(raw.pieces.every((piece) => piece.length === 1));
    assert.equal(contentOf(parseSse(raw.body.toString('utf8'))), 'tiny');
  });

  it('crlf: every line ends with \\r\\n', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'a b', crlf: true });
    const raw = await rawStream(fake, MODEL);
    const text = raw.body.toString('utf8');
    assert.ok(text.includes('\r\n\r\n'));
    assert.equal(/[^\r]\n/.test(text), false, 'no bare \\n');
    assert.equal(contentOf(parseSse(text)), 'a b');
  });

  it('multiLineData spreads each JSON payload over several data: lines that join back to the same JSON', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'a b', reasoning: 'r', multiLineData: true }, { kind: 'answer', text: 'a b', reasoning: 'r' });
    const multi = await streamChat(fake, { model: MODEL });
    const frames = multi.text.split('\n\n').filter((frame) => frame.startsWith('data: {'));
    assert.ok(frames.length > 0);
    for (const frame of frames) assert.ok(frame.split('\n').length > 3, 'several data lines per frame');
    const single = await streamChat(fake, { model: MODEL });
    const strip = (items: ReturnType<typeof parseSse>): unknown[] => chunks(items).map(({ id: _id, ...rest }) => ({ ...rest, created: 0 }));
    assert.deepEqual(strip(multi.items), strip(single.items));
  });
});

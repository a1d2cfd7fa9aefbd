import * as assert from 'node:assert/strict';
import { MALFORMED_JSON_BODY, MALFORMED_PAYLOAD, countPromptTokens, expectedCost, type RecordedRequest } from '../../fixtures/fake-openrouter/index';
import { USER_MESSAGES, chunks, dataEvents, getJson, parseSse, postChat, rawStream, streamChat, useFakeOpenRouter } from './helpers';

const MODEL = 'openai/gpt-4o';

function isChat(request: RecordedRequest): boolean {
  return request.path === '/api/v1/chat/completions';
}

describe('fake OpenRouter: stream faults', () => {
  const holder = useFakeOpenRouter();

  it('mid-stream-error: tokens, then an error chunk with finish_reason "error", then [DONE]', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'mid-stream-error', afterTokens: 2, text: 'alpha beta gamma', errorType: 'provider_overloaded', providerCode: 529, message: 'Overloaded' });
    const { response, items } = await streamChat(fake, { model: MODEL });
    assert.equal(response.status, 200);
    const data = dataEvents(items);
    assert.equal(data.at(-1), '[DONE]');
    const all = chunks(items);
    assert.deepEqual(all.slice(0, 2).map((chunk) => chunk.choices[0]?.delta.content), ['alpha ', 'beta ']);
    const errorChunk = all[2];
    assert.equal(all.length, 3);
    assert.equal(errorChunk?.object, 'chat.completion.chunk');
    assert.equal(errorChunk?.id, response.headers.get('x-generation-id'));
    assert.deepEqual(errorChunk?.error, { code: 502, message: 'Overloaded', metadata: { error_type: 'provider_overloaded', provider_code: 529 } });
    assert.deepEqual(errorChunk?.choices, [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' }]);
  });

  it('mid-stream-error without streaming: 200 with the error in the body and the partial content', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'mid-stream-error', afterTokens: 1, text: 'alpha beta' });
    const response = await postChat(fake, { model: MODEL });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { error: { code: number }; choices: Array<{ finish_reason: string; message: { content: string } }> };
    assert.equal(body.error.code, 502);
    assert.equal(body.choices[0]?.finish_reason, 'error');
    assert.equal(body.choices[0]?.message.content, 'alpha ');
  });

  it('error-only-chunk: a 200 stream whose only data event is the error chunk', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'error-only-chunk', code: 503, errorType: 'provider_unavailable', message: 'No capacity' });
    const { response, items } = await streamChat(fake, { model: MODEL });
    assert.equal(response.status, 200);
    const data = dataEvents(items);
    assert.equal(data.length, 1);
    const only = JSON.parse(data[0] ?? '') as { error: { code: number; message: string; metadata: { error_type: string } }; choices: Array<{ finish_reason: string }> };
    assert.equal(only.error.code, 503);
    assert.equal(only.error.message, 'No capacity');
    assert.equal(only.error.metadata.error_type, 'provider_unavailable');
    assert.equal(only.choices[0]?.finish_reason, 'error');
  });

  it('malformed-chunk: data frame number afterTokens + 1 is cut-off JSON, the rest parses', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'malformed-chunk', afterTokens: 2 });
    const { items } = await streamChat(fake, { model: MODEL });
    const data = dataEvents(items);
    assert.equal(data[2], MALFORMED_PAYLOAD);
    assert.throws(() => JSON.parse(data[2] ?? ''));
    for (const [index, event] of data.entries()) {
      if (index !== 2 && event !== '[DONE]') assert.doesNotThrow(() => JSON.parse(event), `event ${index}`);
    }
    assert.equal(data.at(-1), '[DONE]');

    fake.script(MODEL, { kind: 'malformed-chunk' });
    const plain = await postChat(fake, { model: MODEL });
    assert.equal(plain.status, 200);
    assert.equal(await plain.text(), MALFORMED_JSON_BODY);
  });

  it('truncateAfterTokens ends the response cleanly without finish, usage or [DONE]', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'a b c d e', truncateAfterTokens: 2 });
    const raw = await rawStream(fake, MODEL);
    assert.equal(raw.completed, true);
    const items = parseSse(raw.body.toString('utf8'));
    const all = chunks(items);
    assert.deepEqual(all.map((chunk) => chunk.choices[0]?.delta.content), ['a ', 'b ']);
    assert.ok(all.every((chunk) => chunk.choices[0]?.finish_reason === null && chunk.usage === undefined));
    assert.equal(dataEvents(items).includes('[DONE]'), false);
  });

  it('omitDone sends everything but [DONE]', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'answer', text: 'a b', omitDone: true });
    const { items } = await streamChat(fake, { model: MODEL });
    const data = dataEvents(items);
    assert.equal(data.includes('[DONE]'), false);
    assert.notEqual(chunks(items).at(-1)?.usage, undefined);
  });

  it('reset-before-headers destroys the socket before any byte; the client did not close early', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'reset-before-headers' });
    const raw = await rawStream(fake, MODEL);
    assert.equal(raw.status, 0);
    assert.ok(raw.error, 'the request fails');
    await assert.rejects(postChat(fake, { model: MODEL }), TypeError);
    const record = await fake.waitForRequest(isChat);
    assert.equal(record.servedModel, MODEL);
    assert.equal(record.clientClosedEarly, undefined);
  });

  it('reset-after-tokens: the client gets the tokens, then the connection dies mid-body', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'reset-after-tokens', afterTokens: 2, text: 'one two three' });
    const raw = await rawStream(fake, MODEL);
    assert.equal(raw.status, 200);
    assert.equal(raw.completed, false);
    const all = chunks(parseSse(raw.body.toString('utf8')));
    assert.deepEqual(all.map((chunk) => chunk.choices[0]?.delta.content), ['one ', 'two ']);
    assert.equal(fake.requests[0]?.clientClosedEarly, undefined);
  });

  it('stall: keep-alives, then silence; the client abort is recorded as an early close', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'stall', keepAlives: 2, keepAliveIntervalMs: 1 });
    const comments = ': OPENROUTER PROCESSING\n\n'.repeat(2);
    const raw = await rawStream(fake, MODEL, (pieces) => Buffer.concat(pieces).toString('utf8') === comments);
    assert.equal(raw.body.toString('utf8'), comments);
    const record = await fake.waitForRequest(isChat);
    await fake.waitForClientClose(record.id);
    assert.equal(record.clientClosedEarly, true);
  });

  it('a cancelled stream is recorded: early close, and a generation billed for the tokens sent so far', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'stall', afterTokens: 2 });
    const raw = await rawStream(fake, MODEL, (pieces) => chunks(parseSse(Buffer.concat(pieces).toString('utf8'))).length === 2);
    const generationId = String(raw.headers['x-generation-id']);
    const record = await fake.waitForRequest(isChat);
    await fake.waitForClientClose(record.id);
    assert.equal(record.generationId, generationId);

    const response = await getJson(fake, `/api/v1/generation?id=${generationId}`);
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: { cancelled: boolean; tokens_completion: number; total_cost: number } };
    assert.equal(data.cancelled, true);
    assert.equal(data.tokens_completion, 2);
    assert.equal(data.total_cost, expectedCost(MODEL, { promptTokens: countPromptTokens(USER_MESSAGES), completionTokens: 2 }));
  });

  it('a completed response is not recorded as closed early', async () => {
    const { fake } = holder;
    await streamChat(fake, { model: MODEL });
    const record = await fake.waitForRequest((request) => isChat(request) && request.finishedAt !== undefined);
    assert.equal(record.clientClosedEarly, undefined);
    await assert.rejects(fake.waitForClientClose(record.id, 30), /timed out/);
  });

  it('close() ends a stalled stream and stops the server', async () => {
    const { fake } = holder;
    fake.script(MODEL, { kind: 'stall' });
    const response = await postChat(fake, { model: MODEL, stream: true });
    const reader = response.body?.getReader();
    assert.ok(reader);
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /OPENROUTER PROCESSING/);
    await fake.close();
    await assert.rejects(async () => {
      for (;;) if ((await reader.read()).done) return;
    });
    await assert.rejects(fetch(`${fake.baseUrl}/models`));
  });
});

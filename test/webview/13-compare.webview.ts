import * as assert from 'node:assert/strict';
import { newComparison, type CompareColumn, type Comparison } from '../../src/core/compare/comparison';
import type { AnswerMeta } from '../../src/core/chat/model';
import { openCompare, type ComparePage } from './compare-page';

function comparison(models: string[], blind = false): Comparison {
  return newComparison({ id: 'compare-test', prompt: 'Write a haiku about caches', models, blind, now: 1000 });
}

function meta(model: string, usd: number, ttft: number, duration: number, out: number): AnswerMeta {
  return {
    requestedModel: model, model, provider: 'Prov', fallbackPath: [model], timeToFirstTokenMs: ttft, durationMs: duration,
    usage: { promptTokens: 12, completionTokens: out, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    cost: { usd, basis: 'exact', source: 'usage' },
  };
}

function done(column: CompareColumn, text: string, footer: AnswerMeta): CompareColumn {
  return { ...column, status: 'done', text, meta: footer, firstTokenAt: 1100, endedAt: 2000 };
}

/** A page-side view of the DOM, typed loosely: the tests' tsconfig has no DOM library. */
type PageGlobal = { document: { querySelectorAll(selector: string): Iterable<{ dataset: Record<string, string | undefined> }> } };

describe('the compare panel', function () {
  let compare: ComparePage;

  afterEach(async () => {
    assert.deepEqual(await compare.violations(), [], 'nothing broke the content security policy');
    await compare.close();
  });

  it('shows one column per model, streams each one’s text into it alone, and stops one column or all', async () => {
    compare = await openCompare();
    const state = comparison(['fast/model', 'slow/model', 'third/model']);
    await compare.send({ type: 'compare/state', seq: 0, comparison: state });
    const columns = compare.page.locator('.compare-column');
    assert.equal(await columns.count(), 3);
    assert.deepEqual(await compare.page.locator('.column-title').allTextContents(), ['fast/model', 'slow/model', 'third/model']);
    const first = { ...state.columns[0]!, status: 'streaming' as const, text: 'Old **pond**', firstTokenAt: 1100 };
    await compare.send({ type: 'compare/column', seq: 1, column: first });
    await compare.send({ type: 'compare/delta', seq: 2, columnId: 'col-1', run: 0, text: ', a frog' });
    await compare.page.locator('[data-column="col-1"] .markdown').getByText('a frog').waitFor();
    assert.equal(await compare.page.locator('[data-column="col-1"] strong').textContent(), 'pond', 'rendered as markdown');
    assert.equal((await compare.page.locator('[data-column="col-2"] .markdown').textContent())?.trim(), '', 'the other column is untouched');

    await compare.page.locator('[data-column="col-2"]').getByRole('button', { name: 'Stop' }).click();
    await compare.page.getByRole('button', { name: 'Stop All' }).click();
    const posted = (await compare.posted()).filter((m) => m.type === 'compare/stop' || m.type === 'compare/stopAll');
    assert.deepEqual(posted, [{ type: 'compare/stop', columnId: 'col-2' }, { type: 'compare/stopAll' }]);
  });

  it('gives each column a footer with its model, provider, speed, tokens and exact cost, and marks the summary', async () => {
    compare = await openCompare();
    const state = comparison(['cheap/slow', 'dear/fast']);
    await compare.send({ type: 'compare/state', seq: 0, comparison: state });
    await compare.send({ type: 'compare/column', seq: 1, column: done(state.columns[0]!, 'Slow answer', meta('cheap/slow', 0.00012, 900, 3900, 300)) });
    await compare.send({ type: 'compare/column', seq: 2, column: done(state.columns[1]!, 'Fast answer', meta('dear/fast', 0.0213, 150, 1150, 300)) });
    await compare.settle();
    const facts = await compare.page.locator('[data-column="col-1"] .footer-fact').allTextContents();
    assert.ok(facts.includes('cheap/slow'), facts.join(' | '));
    assert.ok(facts.includes('via Prov'));
    assert.ok(facts.includes('$0.00012'));
    assert.ok(facts.includes('first token 900 ms'));
    assert.ok(facts.includes('100.0 tokens/s'), '300 tokens over the 3 s after the first token');
    assert.ok(facts.includes('12 in · 300 out'));
    assert.deepEqual(await compare.page.locator('[data-column="col-1"] .column-mark').allTextContents(), ['Cheapest']);
    assert.deepEqual(await compare.page.locator('[data-column="col-2"] .column-mark').allTextContents(), ['First to answer', 'Fastest to finish']);
    assert.equal(await compare.page.locator('.compare-summary').textContent(),
      'Cheapest: cheap/slow · First to answer: dear/fast · Fastest to finish: dear/fast · Total $0.0214');
  });

  it('keeps a failure in its column, with Retry and Pick Another Model there', async () => {
    compare = await openCompare();
    const state = comparison(['down/model', 'up/model']);
    await compare.send({ type: 'compare/state', seq: 0, comparison: state });
    const failed: CompareColumn = {
      ...state.columns[0]!, status: 'error', endedAt: 1500,
      error: { kind: 'unavailable', message: 'The model is unavailable right now.', status: 503, actions: ['retry', 'pick_model'] },
    };
    await compare.send({ type: 'compare/column', seq: 1, column: failed });
    const card = compare.page.locator('[data-column="col-1"] .error-card');
    await card.waitFor();
    assert.match(await card.textContent() ?? '', /unavailable.*\(503\)/);
    assert.equal(await compare.page.locator('[data-column="col-2"] .error-card').count(), 0);
    await compare.page.locator('[data-column="col-1"]').getByRole('button', { name: 'Retry' }).click();
    await compare.page.locator('[data-column="col-1"]').getByRole('button', { name: 'Pick Another Model' }).click();
    const reruns = (await compare.posted()).filter((m) => m.type === 'compare/rerun');
    assert.deepEqual(reruns, [{ type: 'compare/rerun', columnId: 'col-1', pickModel: false }, { type: 'compare/rerun', columnId: 'col-1', pickModel: true }]);
  });

  it('offers a failed column the card\'s way out that leads elsewhere (Top Up Credits), its own buttons the rest', async () => {
    compare = await openCompare();
    const state = comparison(['broke/model', 'up/model']);
    await compare.send({ type: 'compare/state', seq: 0, comparison: state });
    const failed: CompareColumn = {
      ...state.columns[0]!, status: 'error', endedAt: 1500,
      error: { kind: 'credits', message: 'Your OpenRouter credits ran out.', status: 402, actions: ['top_up', 'pick_model'] },
    };
    await compare.send({ type: 'compare/column', seq: 1, column: failed });
    const column = compare.page.locator('[data-column="col-1"]');
    await column.locator('.error-card').getByRole('button', { name: 'Top Up Credits' }).click();
    assert.equal(await column.getByRole('button', { name: 'Pick Another Model' }).count(), 1, 'once: the column\'s own, not the card\'s too');
    const actions = (await compare.posted()).filter((m) => m.type === 'action/run');
    assert.deepEqual(actions, [{ type: 'action/run', action: 'top_up' }]);
  });

  it('hides the model names of a blind comparison until they are revealed, and offers to continue with an answer', async () => {
    compare = await openCompare();
    const state = comparison(['secret/one', 'secret/two'], true);
    state.columns[0] = done(state.columns[0]!, 'First', meta('secret/one', 0.001, 100, 900, 80));
    await compare.send({ type: 'compare/state', seq: 0, comparison: state });
    await compare.settle();
    assert.deepEqual(await compare.page.locator('.column-title').allTextContents(), ['Answer A', 'Answer B']);
    assert.doesNotMatch(await compare.page.locator('body').textContent() ?? '', /secret\//, 'no name anywhere, footers included');
    await compare.page.getByRole('button', { name: 'Continue with Answer A' }).click();
    assert.ok((await compare.posted()).some((m) => m.type === 'compare/pick' && m.columnId === 'col-1'));
    await compare.send({ type: 'compare/meta', seq: 1, revealed: true, winner: 'col-1' });
    await compare.settle();
    assert.deepEqual(await compare.page.locator('.column-title').allTextContents(), ['secret/one', 'secret/two']);
    assert.deepEqual(await compare.page.locator('[data-column="col-1"] .column-mark').allTextContents(), ['Picked']);
  });

  it('streams a long answer into four columns at once, each ending exactly as the answer drawn whole', async () => {
    compare = await openCompare({ width: 1400, height: 900 });
    const state = comparison(['a/one', 'b/two', 'c/three', 'd/four']);
    const sentence = 'Each column keeps its own long paragraph going, word after word, while the others do the same. ';
    const long = sentence.repeat(24);
    const text = `${long}Then **a few** \`marks\` and [a link](https://example.com/x).\n\n${sentence.repeat(6)}`;
    const shown = (length: number): Promise<unknown> => compare.page.waitForFunction((least) => {
      const answers = [...(globalThis as unknown as PageGlobal).document.querySelectorAll('.compare-column .markdown')];
      return answers.length === 4 && answers.every((answer) => Number(answer.dataset['shownLength']) >= least);
    }, length);
    let seq = 0;
    await compare.send({ type: 'compare/state', seq, comparison: state });
    for (const column of state.columns) await compare.send({ type: 'compare/column', seq: ++seq, column: { ...column, status: 'streaming' } });
    const stream = async (from: number, to: number): Promise<void> => {
      for (let at = from, piece = 0; at < to; at += 90, piece++) {
        const end = Math.min(to, at + 90);
        for (const column of state.columns) await compare.send({ type: 'compare/delta', seq: ++seq, columnId: column.id, run: 0, text: text.slice(at, end) });
        // Every few pieces, wait until every column shows what it was sent: the columns draw as they would stream.
        if (piece % 3 === 2 || end === to) await shown(end);
      }
    };
    await stream(0, long.length);
    for (const column of state.columns) {
      assert.ok(await compare.page.locator(`[data-column="${column.id}"] .markdown-lines`).count() > 0, `complete lines set apart in ${column.id}`);
    }
    await stream(long.length, text.length);
    const ended = state.columns.map((column, i) => done(column, text, meta(column.model, 0.001, 100 + i, 2000, 300)));
    for (const column of ended) await compare.send({ type: 'compare/column', seq: ++seq, column });
    await compare.settle();
    const answers = (): Promise<string[]> => compare.page.locator('.compare-column .markdown').evaluateAll((all) => all.map((answer) => answer.innerHTML));
    const streamed = await answers();
    await compare.send({ type: 'compare/state', seq: ++seq, comparison: { ...state, columns: ended } });
    await compare.settle();
    const whole = await answers();
    assert.equal(whole.length, 4);
    assert.deepEqual(streamed, whole);
  });

  it('stacks the columns one above the other when the panel is narrow', async () => {
    compare = await openCompare({ width: 1200 });
    await compare.send({ type: 'compare/state', seq: 0, comparison: comparison(['a/one', 'b/two', 'c/three']) });
    await compare.settle();
    const boxes = async () => Promise.all((await compare.page.locator('.compare-column').all()).map(async (column) => (await column.boundingBox())!));
    const wide = await boxes();
    assert.ok(wide[0]!.y === wide[1]!.y && wide[1]!.x > wide[0]!.x, 'side by side when wide');
    await compare.page.setViewportSize({ width: 420, height: 800 });
    await compare.settle();
    const narrow = await boxes();
    assert.ok(narrow[1]!.y > narrow[0]!.y && narrow[1]!.x === narrow[0]!.x, 'stacked when narrow');
  });

  it('asks for the whole comparison again when a numbered change is missing, and drops malformed messages', async () => {
    compare = await openCompare();
    await compare.send({ type: 'compare/state', seq: 0, comparison: comparison(['a/one', 'b/two']) });
    await compare.page.evaluate(() => window.postMessage({ type: 'compare/delta', seq: 1, columnId: '<img src=x>', run: 0, text: 'x' }, '*'));
    await compare.send({ type: 'compare/delta', seq: 5, columnId: 'col-1', run: 0, text: 'skipped ahead' });
    await compare.settle();
    const readies = (await compare.posted()).filter((m) => m.type === 'compare/ready');
    assert.equal(readies.length, 2, 'the first ready, and one for the gap');
    assert.ok(compare.warnings.some((w) => w.includes('dropped a malformed message')));
    assert.equal(await compare.page.getByText('skipped ahead').count(), 0);
  });
});

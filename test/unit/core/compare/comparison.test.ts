import * as assert from 'node:assert/strict';
import { applyColumnEvent, blindLabel, ComparisonSchema, MAX_COMPARED_MODELS, rerunColumn } from '../../../../src/core/compare/comparison';
import { columnSpeed, summariseComparison } from '../../../../src/core/compare/compare-summary';
import { cancelledError, OpenRouterError } from '../../../../src/core/openrouter/errors';
import { comparisonOf, doneEvent, feed } from './compare-support';

describe('comparison: each column follows its own request', () => {
  it('starts one waiting column per model, at most four, and parses as the panel receives it', () => {
    const comparison = comparisonOf('a/one', 'b/two', 'c/three', 'd/four', 'e/five');
    assert.equal(comparison.columns.length, MAX_COMPARED_MODELS);
    assert.deepEqual(comparison.columns.map((column) => [column.id, column.model, column.status]), [
      ['col-1', 'a/one', 'waiting'], ['col-2', 'b/two', 'waiting'], ['col-3', 'c/three', 'waiting'], ['col-4', 'd/four', 'waiting'],
    ]);
    assert.ok(ComparisonSchema.safeParse(comparison).success);
  });

  it('streams text into one column, marks its first token, and ends with the footer facts', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    feed(comparison, 'col-1', [{ type: 'delta', text: 'Hel' }], 1300);
    feed(comparison, 'col-1', [{ type: 'delta', text: 'lo' }], 1400);
    const [first, second] = comparison.columns;
    assert.equal(first?.status, 'streaming');
    assert.equal(first?.text, 'Hello');
    assert.equal(first?.firstTokenAt, 1300);
    assert.equal(second?.status, 'waiting', 'the other column is untouched');
    feed(comparison, 'col-1', [doneEvent('a/one', { usd: 0.002, ttft: 300, duration: 1300, out: 50 }, 'Hello')], 2300);
    assert.equal(first?.status, 'done');
    assert.equal(first?.meta?.cost?.usd, 0.002);
    assert.equal(first?.meta?.provider, 'Prov');
  });

  it('keeps a failure in its column: an error card there, the other column goes on', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    const unavailable = new OpenRouterError({ kind: 'unavailable', status: 503 });
    feed(comparison, 'col-1', [{ type: 'error', error: unavailable, partialText: '', stoppedBecause: 'chain_exhausted', cost: undefined }]);
    feed(comparison, 'col-2', [{ type: 'delta', text: 'fine' }, doneEvent('b/two', { usd: 0.001, ttft: 100, duration: 500, out: 5 }, 'fine')]);
    const [failed, finished] = comparison.columns;
    assert.equal(failed?.status, 'error');
    assert.equal(failed?.error?.status, 503);
    assert.ok(failed?.error?.actions.includes('retry'), 'a 503 can be retried');
    assert.equal(finished?.status, 'done');
  });

  it('a stop is not an error: the column keeps its partial text, with no error card', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    feed(comparison, 'col-2', [{ type: 'delta', text: 'part' }, { type: 'error', error: cancelledError(), partialText: 'part', stoppedBecause: 'cancelled', cost: undefined }]);
    const column = comparison.columns[1];
    assert.equal(column?.status, 'stopped');
    assert.equal(column?.text, 'part');
    assert.equal(column?.error, undefined);
  });

  it('a re-run starts the column afresh, with another model if asked, and ignores the old run’s late events', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    feed(comparison, 'col-1', [{ type: 'delta', text: 'old' }]);
    const next = rerunColumn(comparison, 'col-1', 5000, 'z/other');
    assert.equal(next?.model, 'z/other');
    assert.equal(next?.run, 1);
    assert.equal(next?.text, '');
    const change = applyColumnEvent(comparison.columns[0]!, 0, { type: 'delta', text: 'late' }, { now: 5100, request: { model: 'a/one', messages: [] }, pricing: () => undefined });
    assert.deepEqual(change, { kind: 'none' });
    assert.equal(comparison.columns[0]?.text, '');
    assert.equal(rerunColumn(comparison, 'col-9', 5000), undefined);
  });

  it('names columns by letter in blind mode', () => {
    const comparison = comparisonOf('a/one', 'b/two', 'c/three');
    assert.deepEqual(comparison.columns.map((column) => blindLabel(comparison, column.id)), ['Answer A', 'Answer B', 'Answer C']);
  });
});

describe('comparison summary: cheapest, first to answer, fastest to finish', () => {
  it('marks each among the finished answers, and totals what every column cost', () => {
    const comparison = comparisonOf('a/cheap-slow', 'b/dear-fast', 'c/failed');
    feed(comparison, 'col-1', [doneEvent('a/cheap-slow', { usd: 0.0001, ttft: 900, duration: 4000, out: 300 })]);
    feed(comparison, 'col-2', [doneEvent('b/dear-fast', { usd: 0.03, ttft: 200, duration: 1200, out: 300 })]);
    feed(comparison, 'col-3', [{ type: 'error', error: new OpenRouterError({ kind: 'unavailable', status: 503 }), partialText: '', stoppedBecause: 'chain_exhausted', cost: { usd: 0, basis: 'exact', source: 'not_charged' } }]);
    const summary = summariseComparison(comparison);
    assert.equal(summary.cheapest, 'col-1');
    assert.equal(summary.firstToAnswer, 'col-2');
    assert.equal(summary.fastestToFinish, 'col-2');
    assert.equal(summary.totalUsd, 0.0301);
  });

  it('marks nothing until two answers have finished', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    feed(comparison, 'col-1', [doneEvent('a/one', { usd: 0.01, ttft: 100, duration: 900, out: 10 })]);
    const summary = summariseComparison(comparison);
    assert.deepEqual([summary.cheapest, summary.firstToAnswer, summary.fastestToFinish], [undefined, undefined, undefined]);
  });

  it('gives tokens per second over the streaming time, after the first token', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    feed(comparison, 'col-1', [doneEvent('a/one', { usd: 0.01, ttft: 500, duration: 2500, out: 400 })]);
    assert.deepEqual(columnSpeed(comparison.columns[0]!), { timeToFirstTokenMs: 500, tokensPerSecond: 200, durationMs: 2500 });
    assert.equal(columnSpeed(comparison.columns[1]!).tokensPerSecond, undefined, 'unknown while nothing has come');
  });
});

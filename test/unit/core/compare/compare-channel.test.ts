import * as assert from 'node:assert/strict';
import { CompareChannel } from '../../../../src/core/compare/compare-channel';
import type { HostToCompare } from '../../../../src/protocol/compare';
import { HostToCompare as HostToCompareSchema } from '../../../../src/protocol/compare';
import { comparisonOf } from './compare-support';

/** A schedule the test runs by hand: the interval ends when the test says. */
function manualSchedule(): { schedule: (callback: () => void) => () => void; tick: () => void } {
  let pending: (() => void) | undefined;
  return {
    schedule: (callback) => {
      pending = callback;
      return () => (pending = undefined);
    },
    tick: () => {
      const run = pending;
      pending = undefined;
      run?.();
    },
  };
}

describe('compare channel: numbered messages to the compare panel', () => {
  it('numbers every change after the snapshot, merges a column’s text within an interval, and lets nothing overtake it', () => {
    const clock = manualSchedule();
    const channel = new CompareChannel(clock.schedule);
    const posted: HostToCompare[] = [];
    const comparison = comparisonOf('a/one', 'b/two');
    channel.connect((message) => posted.push(message));
    channel.snapshot(comparison);
    channel.appendText('col-1', 0, 'Hel');
    channel.appendText('col-1', 0, 'lo');
    channel.appendText('col-1', 0, ' there');
    channel.appendText('col-2', 0, 'Hi');
    const column = { ...comparison.columns[0]!, status: 'done' as const };
    channel.column(column);
    clock.tick();
    assert.deepEqual(posted.map((m) => [m.type, m.seq, 'text' in m ? m.text : undefined]), [
      ['compare/state', 0, undefined],
      ['compare/delta', 1, 'Hel'],
      ['compare/delta', 2, 'lo there'],
      ['compare/delta', 3, 'Hi'],
      ['compare/column', 4, undefined],
    ]);
    for (const message of posted) assert.ok(HostToCompareSchema.safeParse(message).success, message.type);
  });

  it('posts one message per streaming column per interval, however their chunks take turns', () => {
    const clock = manualSchedule();
    const channel = new CompareChannel(clock.schedule);
    const posted: HostToCompare[] = [];
    const comparison = comparisonOf('a/one', 'b/two', 'c/three');
    channel.connect((message) => posted.push(message));
    channel.snapshot(comparison);
    for (let tick = 0; tick < 5; tick++) for (const column of comparison.columns) channel.appendText(column.id, 0, `${tick}`);
    clock.tick();
    const deltas = posted.filter((m) => m.type === 'compare/delta').map((m) => ('text' in m ? `${m.columnId}:${m.text}` : ''));
    assert.deepEqual(deltas, ['col-1:0', 'col-2:0', 'col-3:0', 'col-1:1234', 'col-2:1234', 'col-3:1234']);
  });

  it('posts nothing while no page is connected, and the next snapshot carries the number reached', () => {
    const channel = new CompareChannel(manualSchedule().schedule);
    const comparison = comparisonOf('a/one', 'b/two');
    channel.column(comparison.columns[0]!);
    channel.meta(comparison);
    const posted: HostToCompare[] = [];
    channel.connect((message) => posted.push(message));
    channel.snapshot(comparison);
    assert.deepEqual(posted.map((m) => [m.type, m.seq]), [['compare/state', 2]]);
  });
});

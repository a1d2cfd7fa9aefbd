import * as assert from 'node:assert/strict';
import { INTEGRATION_WAIT_MS, SETTLE_AFTER_START_MS, shellReadyForInput, type ShellReadyBy, type StartingShell } from '../../../../src/core/chat/shell-ready';
import { ManualClock } from '../../../../src/core/clock';

/** A starting shell whose prompt the test reports by hand, as shell integration would, counting who listens. */
function integratedShell(): StartingShell & { reachPrompt(): void; listeners(): number } {
  let listeners: Array<() => void> = [];
  return {
    onPrompt: (listener) => {
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((other) => other !== listener);
      };
    },
    started: Promise.resolve(4242),
    reachPrompt: () => {
      for (const listener of listeners) listener();
    },
    listeners: () => listeners.length,
  };
}

/** Settles `promise` into a value the test can look at without awaiting it. */
function track<T>(promise: Promise<T>): { value: T | undefined } {
  const box: { value: T | undefined } = { value: undefined };
  void promise.then((value) => {
    box.value = value;
  });
  return box;
}

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('waiting for a new terminal\'s shell before typing into it', () => {
  it('waits until shell integration reports the prompt, not before', async () => {
    const clock = new ManualClock();
    const shell = integratedShell();
    const ready = track(shellReadyForInput(shell, clock));
    await settle();
    assert.equal(ready.value, undefined, 'the process has started, but nothing is typed before the prompt');
    assert.equal(shell.listeners(), 1, 'listening from the start');
    shell.reachPrompt();
    await settle();
    assert.equal(ready.value, 'prompt');
    assert.equal(shell.listeners(), 0, 'stops listening once ready');
    assert.deepEqual(clock.pendingSleeps, [], 'the bounded wait is cancelled');
  });

  it('gives up after a bounded wait for a shell that never reports its prompt, and stops listening', async () => {
    const clock = new ManualClock();
    const shell = integratedShell();
    const ready = track(shellReadyForInput(shell, clock));
    await settle();
    clock.advance(INTEGRATION_WAIT_MS - 1);
    await settle();
    assert.equal(ready.value, undefined);
    clock.advance(1);
    await settle();
    assert.equal(ready.value, 'timed-out');
    assert.equal(shell.listeners(), 0);
  });

  it('is ready at once when the shell is at its prompt already', async () => {
    const clock = new ManualClock();
    const shell: StartingShell = { onPrompt: (listener) => (listener(), () => undefined), started: Promise.resolve(1) };
    assert.equal(await shellReadyForInput(shell, clock), 'prompt');
    assert.deepEqual(clock.pendingSleeps, []);
  });

  it('without shell integration, waits for the process to start and then a short pause for its prompt', async () => {
    const clock = new ManualClock();
    let start: (pid: number) => void = () => undefined;
    const shell: StartingShell = { onPrompt: undefined, started: new Promise<number>((resolve) => (start = resolve)) };
    const ready = track(shellReadyForInput(shell, clock));
    await settle();
    assert.deepEqual(clock.pendingSleeps, [INTEGRATION_WAIT_MS], 'only the bound on the start is running');
    start(4242);
    await settle();
    assert.deepEqual(clock.pendingSleeps, [SETTLE_AFTER_START_MS], 'the bound is cancelled; the pause begins');
    clock.advance(SETTLE_AFTER_START_MS);
    await settle();
    assert.equal(ready.value, 'started');
  });

  it('without shell integration, a process that never starts still ends the wait', async () => {
    const clock = new ManualClock();
    const shell: StartingShell = { onPrompt: undefined, started: new Promise<never>(() => undefined) };
    const ready = track(shellReadyForInput(shell, clock));
    await settle();
    clock.advance(INTEGRATION_WAIT_MS);
    await settle();
    assert.equal<ShellReadyBy | undefined>(ready.value, 'timed-out');
  });
});

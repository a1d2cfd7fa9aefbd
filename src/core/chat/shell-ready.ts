// When a newly opened terminal can take typed text. Text written to a shell before it shows its prompt is echoed
// by the terminal as it arrives and then shown again by the shell at its prompt, so the command reads twice.
import type { Clock } from '../clock';

/** What a new terminal can tell about its shell, as the editor reports it. */
export interface StartingShell {
  /**
   * Calls `listener` once shell integration reports the shell at its prompt; returns a function that stops
   * listening. Undefined where the editor cannot report it (shell integration turned off, or a host without the API).
   */
  readonly onPrompt: ((listener: () => void) => () => void) | undefined;
  /** Resolves once the shell's process has started. */
  readonly started: Promise<unknown>;
}

/**
 * How the wait ended: shell integration reported the prompt, the bounded wait ran out, or (with no integration to
 * ask) the process started and a pause passed.
 */
export type ShellReadyBy = 'prompt' | 'timed-out' | 'started';

/**
 * Shells that cannot be integrated (sh, dash, a custom one) never report, so the wait for their prompt is bounded.
 * The bound is generous because startup files that set up version managers (pyenv, nvm, conda) keep an integrating
 * shell from its first prompt for seconds, longer still on a busy machine.
 */
export const INTEGRATION_WAIT_MS = 10_000;
/**
 * Where the editor cannot report shell integration at all, nothing says when the prompt is drawn: a started
 * process plus this pause lets an ordinary shell reach it. A product fallback, not something a test waits on.
 */
export const SETTLE_AFTER_START_MS = 1000;

/** Resolves when text sent to the new terminal would land at its prompt, or as near to that as can be known. */
export async function shellReadyForInput(shell: StartingShell, clock: Clock): Promise<ShellReadyBy> {
  const onPrompt = shell.onPrompt;
  if (!onPrompt) {
    const stop = new AbortController();
    const started = await Promise.race([
      shell.started.then(() => true, () => false),
      clock.sleep(INTEGRATION_WAIT_MS, stop.signal).then(() => false),
    ]);
    stop.abort();
    if (!started) return 'timed-out';
    await clock.sleep(SETTLE_AFTER_START_MS);
    return 'started';
  }
  const stop = new AbortController();
  let unsubscribe: (() => void) | undefined;
  const prompted = new Promise<ShellReadyBy>((resolve) => {
    unsubscribe = onPrompt(() => resolve('prompt'));
  });
  const timedOut = clock.sleep(INTEGRATION_WAIT_MS, stop.signal).then((): ShellReadyBy => 'timed-out');
  const by = await Promise.race([prompted, timedOut]);
  stop.abort();
  unsubscribe?.();
  return by;
}

import type * as vscode from 'vscode';
import { StateKey } from '../../constants';
import { newId } from '../../core/ids';
import { resumeSession, type SpendSession } from '../../core/spend/session';

/**
 * The spend session of this workspace's window, kept in its workspace storage so that Reload Window (or a restart
 * soon after) carries on the same session, and its budget, rather than start at $0.00. The rule is in
 * core/spend/session.ts.
 */
export class SpendSessionMemory {
  private session: SpendSession;

  constructor(private readonly state: vscode.Memento, now = Date.now()) {
    this.session = resumeSession(state.get(StateKey.spendSession), now, () => newId('session'));
    this.save();
  }

  get id(): string {
    return this.session.id;
  }

  /** A request of the session ended at `at`: the session counts as used then. */
  used(at: number): void {
    if (at <= this.session.lastUsedAt) return;
    this.session = { ...this.session, lastUsedAt: at };
    this.save();
  }

  private save(): void {
    void this.state.update(StateKey.spendSession, this.session);
  }
}

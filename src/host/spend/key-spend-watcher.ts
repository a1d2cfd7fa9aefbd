import * as vscode from 'vscode';
import { CommandId, StateKey } from '../../constants';
import { compareKeySpend, machineSpendByWindow, utcWindowStart, type KeySpendComparison } from '../../core/spend/key-spend';
import { awaitFreshReading } from '../../core/spend/key-reading';
import { spendSpike } from '../../core/spend/spend-spike';
import { Disposable } from '../disposable';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import type { SpendLedger } from './ledger';

/** Before a send under the whole-key scope, a reading of /key older than this is read again. */
export const KEY_READING_MAX_AGE_MS = 30_000;
/** How long a send waits for that reading; past it the send goes on with what it has. */
export const KEY_READING_WAIT_MS = 3_000;

/**
 * The key's spend beside this machine's (core/spend/key-spend.ts), kept up to date as the ledger changes and /key is
 * read, for the status bar tooltip, the budgets under the whole-key scope and the spend-spike warning.
 */
export class KeySpendWatcher extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** `latest` has a new comparison. */
  readonly onDidChange = this.changed.event;
  private latestComparison: KeySpendComparison | undefined;
  /** What `latestComparison` was computed from: the ledger's version, the reading and the UTC day. */
  private computedFrom: string | undefined;
  /** Whether the user was told that /key could not be read; cleared by the next good reading. */
  private toldUnreadable = false;

  constructor(
    private readonly service: OpenRouterService,
    private readonly ledger: SpendLedger,
    private readonly settings: ExtensionSettings,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(service.onDidReadKeyInfo(() => void this.update()));
    this._register(ledger.onDidChange(() => void this.update()));
  }

  /** The comparison as last computed; undefined before /key was first read. */
  get latest(): KeySpendComparison | undefined {
    return this.latestComparison;
  }

  /** The comparison now, from the ledger as it is and the last reading of /key. */
  async update(): Promise<KeySpendComparison | undefined> {
    try {
      const { info, fetchedAt } = this.service.keyInfo.latest;
      if (info === undefined || fetchedAt === undefined) {
        this.computedFrom = undefined;
        return (this.latestComparison = undefined);
      }
      const now = Date.now();
      const aggregates = await this.ledger.aggregates();
      // The scan costs milliseconds on a heavy year's ledger; a send right after a ledger change or a reading finds
      // it done by the handler of that change.
      const from = `${aggregates.version}|${fetchedAt}|${utcWindowStart('day', now)}`;
      if (from === this.computedFrom) return this.latestComparison;
      this.latestComparison = compareKeySpend(info, fetchedAt, now, machineSpendByWindow(aggregates.columns, now, fetchedAt));
      this.computedFrom = from;
      this.changed.fire();
      await this.warnOfSpike(now);
      return this.latestComparison;
    } catch (error) {
      this.log.error(`key spend: ${String(error)}`);
      return this.latestComparison;
    }
  }

  /**
   * The comparison a send under the whole-key scope checks against: /key is read again first when the last reading
   * is older than KEY_READING_MAX_AGE_MS, waiting at most KEY_READING_WAIT_MS. When no reading can be had, the
   * budgets count the ledger alone, and the user is told once.
   */
  async forSend(): Promise<KeySpendComparison | undefined> {
    const monitor = this.service.keyInfo;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const source = { fetchedAt: monitor.latest.fetchedAt, refresh: () => monitor.refresh() };
    const outcome = await awaitFreshReading(source, {
      now: Date.now(),
      maxAgeMs: KEY_READING_MAX_AGE_MS,
      waitOver: () => new Promise<void>((resolve) => (timer = setTimeout(resolve, KEY_READING_WAIT_MS))),
    }).finally(() => clearTimeout(timer));
    if (outcome === 'gave-up') this.log.warn(`key spend: GET /key took over ${KEY_READING_WAIT_MS} ms; the send counts the last reading`);
    const { info, error } = monitor.latest;
    if (info === undefined || error !== undefined) this.tellUnreadable(error?.message ?? 'no reading yet', info !== undefined);
    else this.toldUnreadable = false;
    return this.update();
  }

  private tellUnreadable(why: string, hasOlder: boolean): void {
    this.log.warn(`key spend: GET /key could not be read: ${why}`);
    if (this.toldUnreadable) return;
    this.toldUnreadable = true;
    const counted = hasOlder ? "this machine's spend and the last usage OpenRouter reported" : "this machine's spend only";
    void vscode.window.showWarningMessage(`OpenRouter did not report the key's usage (${why}). Until it does, the whole-key budgets count ${counted}.`);
  }

  private async warnOfSpike(now: number): Promise<void> {
    const { info, fetchedAt } = this.service.keyInfo.latest;
    if (info === undefined || fetchedAt === undefined) return;
    const spike = spendSpike(info, fetchedAt, now, this.settings.current['spendSpike.ratio']);
    if (spike === undefined || this.state.get<string>(StateKey.spendSpikeWarnedDay) === spike.day) return;
    await this.state.update(StateKey.spendSpikeWarnedDay, spike.day);
    void vscode.window.showWarningMessage(spike.message, 'Show Usage', 'Spike Settings').then((choice) => {
      if (choice === 'Show Usage') void vscode.commands.executeCommand(CommandId.showUsage);
      if (choice === 'Spike Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'openrouter.spendSpike');
    });
  }
}

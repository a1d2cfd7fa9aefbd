import * as vscode from 'vscode';
import { assertNever } from '../../core/assert-never';
import type { KeyInfoMonitor } from '../../core/openrouter/key-info';
import { ledgerToCsv } from '../../core/spend/csv';
import { buildDashboardFromAggregates } from '../../core/spend/dashboard/from-aggregates';
import { csvFileName } from '../../core/spend/dashboard/model';
import type { LedgerAggregates } from '../../core/spend/ledger/aggregates';
import { DEFAULT_DASHBOARD_FILTER, type DashboardFilter, type DashboardState } from '../../protocol/dashboard-state';
import { DashboardToHost, DashboardViewStateSchema, HostToDashboard } from '../../protocol/dashboard';
import { errorText } from '../../core/format';
import { processEnvironment } from '../../core/node-process';
import { Disposable } from '../disposable';
import type { SpendLedger } from './ledger';
import { renderWebviewHtml } from '../webview-html';

export interface UsageDashboardDeps {
  readonly extensionUri: vscode.Uri;
  readonly ledger: Pick<SpendLedger, 'aggregates' | 'exportRecords' | 'onDidChange'>;
  /** The service's monitor; a function because the service re-creates it when settings change. */
  readonly keyInfo: () => Pick<KeyInfoMonitor, 'latest' | 'refresh'>;
  readonly log: Pick<vscode.LogOutputChannel, 'warn' | 'error'>;
  readonly now?: () => number;
}

interface UpdateOptions {
  /** Fetch /key even if it was read less than a minute ago (the Refresh button). */
  readonly forceKey?: boolean;
  /** Post the new state to the page (default); false while the page has not said it is ready. */
  readonly post?: boolean;
}

/**
 * The usage dashboard: one webview panel with charts of the spend ledger, the credits from /key, and CSV export.
 * The host computes the whole view model from the ledger's aggregates (core/spend/dashboard/from-aggregates.ts) and
 * posts it after `dashboard/ready`, after every filter change and whenever the ledger changes; the webview only
 * draws it. Nothing is posted before the webview says it is ready, and every message is validated both ways.
 *
 * A page posts once per state: opening (or reopening) the panel waits for the page's ready message and posts then.
 * (Posting the totals kept from a closed panel at once and again when a fresh read finished drew a reopened panel
 * twice, which made reopening slower than the first open.)
 */
export class UsageDashboard extends Disposable implements vscode.WebviewPanelSerializer {
  static readonly viewType = 'openrouter.usageDashboard';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private filter: DashboardFilter = DEFAULT_DASHBOARD_FILTER;
  private aggregates: LedgerAggregates | undefined;
  /** Counts ledger reads, so a slow read never overwrites a newer one. */
  private reads = 0;
  private readonly now: () => number;

  constructor(private readonly deps: UsageDashboardDeps) {
    super();
    this.now = deps.now ?? (() => Date.now());
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** Whether the panel is open (visible or not). */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The state last computed for the panel: what it shows, for tests and for `OpenRouter: Show Usage` callers. */
  get state(): DashboardState | undefined {
    return this.aggregates === undefined ? undefined : this.compute();
  }

  /** Opens the dashboard, or brings the open one to the front. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(UsageDashboard.viewType, 'OpenRouter Usage', vscode.ViewColumn.Active, { enableFindWidget: true });
    this.attach(panel);
    // The page posts ready when it has loaded; the totals are brought up to date meanwhile, without posting.
    await this.update({ post: false });
  }

  /** Restores the panel after a window reload (register with `vscode.window.registerWebviewPanelSerializer`). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose();
      this.panel.reveal();
      return;
    }
    const saved = DashboardViewStateSchema.safeParse(state);
    if (saved.success) this.filter = saved.data.filter;
    this.attach(panel);
    await this.update({ post: false });
  }

  /**
   * Writes the records that `filter` (by default the dashboard's current one) selects to `target` as CSV, oldest
   * first. Returns how many records were written.
   */
  async exportCsv(target: vscode.Uri, filter: DashboardFilter = this.filter): Promise<number> {
    const records = await this.deps.ledger.exportRecords(filter, this.now());
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ledgerToCsv(records)));
    return records.length;
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    panel.iconPath = vscode.Uri.joinPath(media, 'openrouter.svg');
    // The page first, then the options: changing the options redraws whatever page is set, and an empty one has no
    // content security policy.
    panel.webview.html = renderWebviewHtml(panel.webview, {
      title: 'OpenRouter Usage',
      script: vscode.Uri.joinPath(dist, 'dashboard.js'),
      stylesheets: [vscode.Uri.joinPath(dist, 'codicons/codicon.css'), vscode.Uri.joinPath(media, 'dashboard.css')],
    });
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(panel, raw)),
      // A hidden panel's page is gone (no retainContextWhenHidden); it says ready again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible && this.panel === panel) this.ready = false;
      }),
      this.deps.ledger.onDidChange(() => void this.update()),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.ready = false;
      }
    });
  }

  private receive(panel: vscode.WebviewPanel, raw: unknown): void {
    if (panel !== this.panel) return;
    const parsed = DashboardToHost.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`usage dashboard: dropped a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'dashboard/ready':
        this.ready = true;
        // The totals are kept current by the ledger's change events: a page that (re)loads needs one post.
        void this.update();
        return;
      case 'dashboard/filter':
        this.filter = message.filter;
        this.post();
        return;
      case 'dashboard/exportCsv':
        this.exportInteractively().catch((error: unknown) => {
          this.deps.log.error(`usage dashboard: export failed: ${errorText(error)}`);
          void vscode.window.showErrorMessage(`Could not export the usage CSV: ${errorText(error)}`);
        });
        return;
      case 'dashboard/refresh':
        void this.update({ forceKey: true });
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * Brings the totals up to date and posts. Also refreshes /key (at most once a minute unless forced; a chat request forces
   * one) and posts again when that changed anything; that part is not awaited, the ledger does not wait for it.
   */
  private async update(options: UpdateOptions = {}): Promise<void> {
    if (options.post ?? true) void this.refreshKey(options);
    const read = ++this.reads;
    try {
      const aggregates = await this.deps.ledger.aggregates();
      if (read === this.reads && !this.isDisposed) {
        this.aggregates = aggregates;
        if (options.post ?? true) this.post();
      }
    } catch (error) {
      this.deps.log.error(`usage dashboard: could not read the spend ledger: ${errorText(error)}`);
    }
  }

  private async refreshKey(options: UpdateOptions): Promise<void> {
    const monitor = this.deps.keyInfo();
    const before = monitor.latest;
    const after = await monitor.refresh(options.forceKey ? { force: true } : {}).catch(() => before);
    if (after !== before) this.post();
  }

  private compute(): DashboardState {
    if (this.aggregates === undefined) throw new Error('usage dashboard: computed before the totals were loaded');
    return buildDashboardFromAggregates({ aggregates: this.aggregates, filter: this.filter, now: this.now(), key: this.deps.keyInfo().latest });
  }

  private post(): void {
    const panel = this.panel;
    if (!panel || !this.ready || this.aggregates === undefined) return;
    const message: HostToDashboard = { type: 'dashboard/state', state: this.compute() };
    // Our own messages are checked too: a bug here must show up in the log, not as a blank panel.
    const checked = HostToDashboard.safeParse(message);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      this.deps.log.error(`usage dashboard: refused to post an invalid state (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
      return;
    }
    void panel.webview.postMessage(message);
  }

  private async exportInteractively(): Promise<void> {
    const name = csvFileName(this.now());
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? homeFolder();
    const target = await vscode.window.showSaveDialog({
      title: 'Export OpenRouter Usage',
      saveLabel: 'Export',
      filters: { 'CSV files': ['csv'] },
      ...(folder !== undefined ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (target === undefined) return;
    const count = await this.exportCsv(target);
    const file = target.path.slice(target.path.lastIndexOf('/') + 1);
    const choice = await vscode.window.showInformationMessage(`Exported ${count} request${count === 1 ? '' : 's'} to ${file}.`, 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(target);
  }
}

/** The user's home folder where the extension host knows it (not in a web worker). */
function homeFolder(): vscode.Uri | undefined {
  const env = processEnvironment();
  const home = env.HOME ?? env.USERPROFILE;
  return home ? vscode.Uri.file(home) : undefined;
}

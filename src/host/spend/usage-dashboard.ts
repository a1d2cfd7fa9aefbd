import * as vscode from 'vscode';
import { assertNever } from '../../core/assert-never';
import type { KeyInfoMonitor } from '../../core/openrouter/key-info';
import { ledgerToCsv } from '../../core/spend/csv';
import { buildDashboard, csvFileName, dashboardRecords } from '../../core/spend/dashboard/model';
import { DEFAULT_DASHBOARD_FILTER, type DashboardFilter, type DashboardState } from '../../protocol/dashboard-state';
import type { LedgerRecord } from '../../core/spend/ledger/record';
import { DashboardToHost, DashboardViewStateSchema, HostToDashboard } from '../../protocol/dashboard';
import { errorText } from '../../core/format';
import { processEnvironment } from '../../core/node-process';
import { Disposable } from '../disposable';
import type { SpendLedger } from './ledger';
import { renderWebviewHtml } from '../webview-html';

export interface UsageDashboardDeps {
  readonly extensionUri: vscode.Uri;
  readonly ledger: Pick<SpendLedger, 'all' | 'onDidChange'>;
  /** The service's monitor; a function because the service re-creates it when settings change. */
  readonly keyInfo: () => Pick<KeyInfoMonitor, 'latest' | 'refresh'>;
  readonly log: Pick<vscode.LogOutputChannel, 'warn' | 'error'>;
  readonly now?: () => number;
}

interface UpdateOptions {
  /** Fetch /key even if it was read less than a minute ago (the Refresh button). */
  readonly forceKey?: boolean;
}

/**
 * The usage dashboard: one webview panel with charts of the spend ledger, the credits from /key, and CSV export.
 * The host computes the whole view model (core/spend/dashboard/model.ts) and posts it after `dashboard/ready`, after
 * every filter change and whenever the ledger changes; the webview only draws it. Nothing is posted before the
 * webview says it is ready, and every message is validated both ways.
 */
export class UsageDashboard extends Disposable implements vscode.WebviewPanelSerializer {
  static readonly viewType = 'openrouter.usageDashboard';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private filter: DashboardFilter = DEFAULT_DASHBOARD_FILTER;
  private records: readonly LedgerRecord[] | undefined;
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
    return this.records === undefined ? undefined : this.compute();
  }

  /** Opens the dashboard, or brings the open one to the front. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(UsageDashboard.viewType, 'OpenRouter Usage', vscode.ViewColumn.Active, { enableFindWidget: true });
    this.attach(panel);
    await this.update();
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
    await this.update();
  }

  /**
   * Writes the records that `filter` (by default the dashboard's current one) selects to `target` as CSV, oldest
   * first. Returns how many records were written.
   */
  async exportCsv(target: vscode.Uri, filter: DashboardFilter = this.filter): Promise<number> {
    const records = dashboardRecords(await this.deps.ledger.all(), filter, this.now());
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ledgerToCsv(records)));
    return records.length;
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    panel.iconPath = vscode.Uri.joinPath(media, 'openrouter.svg');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    panel.webview.html = renderWebviewHtml(panel.webview, {
      title: 'OpenRouter Usage',
      script: vscode.Uri.joinPath(dist, 'dashboard.js'),
      stylesheets: [vscode.Uri.joinPath(dist, 'codicons/codicon.css'), vscode.Uri.joinPath(media, 'dashboard.css')],
    });
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
        // The records are kept current by the ledger's change events: a page that (re)loads needs only a post.
        if (this.records === undefined) {
          void this.update();
        } else {
          this.post();
          void this.refreshKey({});
        }
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
   * Reads the ledger and posts. Also refreshes /key (at most once a minute unless forced; a chat request forces
   * one) and posts again when that changed anything; that part is not awaited, the ledger does not wait for it.
   */
  private async update(options: UpdateOptions = {}): Promise<void> {
    void this.refreshKey(options);
    const read = ++this.reads;
    try {
      const records = await this.deps.ledger.all();
      if (read === this.reads && !this.isDisposed) {
        this.records = records;
        this.post();
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
    return buildDashboard({ records: this.records ?? [], filter: this.filter, now: this.now(), key: this.deps.keyInfo().latest });
  }

  private post(): void {
    const panel = this.panel;
    if (!panel || !this.ready || this.records === undefined) return;
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

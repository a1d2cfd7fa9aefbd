import * as vscode from 'vscode';
import { assertNever } from '../../core/assert-never';
import { comparisonToMarkdown } from '../../core/compare/compare-export';
import { columnOf } from '../../core/compare/comparison';
import { CompareToHost } from '../../protocol/compare';
import type { CodeActions } from '../chat/code-actions';
import { runPanelAction } from '../chat/panel-actions';
import { Disposable } from '../disposable';
import { renderWebviewHtml } from '../webview-html';
import type { CompareSession } from './compare-session';

export interface ComparePanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly codeActions: Pick<CodeActions, 'run'>;
  readonly log: Pick<vscode.LogOutputChannel, 'warn'>;
  /** Asks for another model for a column; undefined when the person cancels. */
  readonly pickModel: () => Promise<string | undefined>;
  /** Makes the column's answer the chat's, and continues the chat with its model. */
  readonly continueWith: (session: CompareSession, columnId: string) => Promise<boolean>;
}

/**
 * One comparison in an editor-area webview. Nothing is posted before the page says it is ready; then it gets the
 * whole comparison, and the session's channel posts the numbered changes. Closing the panel stops every column.
 */
export class ComparePanel extends Disposable {
  static readonly viewType = 'openrouter.compare';
  readonly panel: vscode.WebviewPanel;

  constructor(readonly session: CompareSession, private readonly deps: ComparePanelDeps) {
    super();
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(ComparePanel.viewType, 'Compare Models', vscode.ViewColumn.Active, { enableFindWidget: true });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'openrouter.svg');
    // The page first, then the options: changing the options redraws whatever page is set, and an empty one has no
    // content security policy.
    this.panel.webview.html = renderWebviewHtml(this.panel.webview, {
      title: 'Compare Models',
      script: vscode.Uri.joinPath(dist, 'compare.js'),
      stylesheets: [vscode.Uri.joinPath(dist, 'codicons/codicon.css'), vscode.Uri.joinPath(media, 'compare.css')],
    });
    this.panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    this._register(this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    // A hidden panel's page is gone (no retainContextWhenHidden); it says ready again when shown.
    this._register(this.panel.onDidChangeViewState(() => {
      if (!this.panel.visible) session.channel.disconnect();
    }));
    this._register(this.panel.onDidDispose(() => this.dispose()));
    this._register({ dispose: () => session.dispose() });
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = CompareToHost.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`compare: dropped a malformed message from the page: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    const { session } = this;
    switch (message.type) {
      case 'compare/ready':
        return session.connect((out) => void this.panel.webview.postMessage(out));
      case 'compare/stop':
        return session.stop(message.columnId);
      case 'compare/stopAll':
        return session.stopAll();
      case 'compare/rerun': {
        const model = message.pickModel ? await this.deps.pickModel() : columnOf(session.comparison, message.columnId)?.model;
        if (model) session.rerun(message.columnId, model);
        return;
      }
      case 'compare/pick':
        await this.deps.continueWith(session, message.columnId);
        return;
      case 'compare/reveal':
        session.comparison.revealed = true;
        return session.channel.meta(session.comparison);
      case 'compare/export': {
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: comparisonToMarkdown(session.comparison) });
        await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'action/run':
        return runPanelAction(message.action);
      case 'code/copy':
      case 'code/insert':
      case 'code/apply':
      case 'code/newFile':
      case 'code/terminal':
        return this.deps.codeActions.run(message);
      default:
        assertNever(message);
    }
  }
}

import * as vscode from 'vscode';
import { ViewId } from '../constants';
import { HostToWebview, WebviewToHost } from '../protocol/messages';
import { Disposable } from './disposable';
import { renderWebviewHtml } from './webview-html';

const PLACEHOLDER = 'The chat conversation is not available in this build yet. Run "OpenRouter: Show Log" to see what the extension is doing.';

/** The sidebar view. It posts only after the webview says it is ready, and validates everything it receives. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = ViewId.chat;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = renderWebviewHtml(view.webview, {
      title: 'OpenRouter Chat',
      script: vscode.Uri.joinPath(dist, 'webview.js'),
      stylesheet: vscode.Uri.joinPath(media, 'chat.css'),
    });
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => this.receive(view.webview, raw));
    view.onDidDispose(() => subscription.dispose());
    this._register(subscription);
  }

  private receive(webview: vscode.Webview, raw: unknown): void {
    const parsed = WebviewToHost.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`chat view: dropped a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    switch (parsed.data.type) {
      case 'webview/ready':
        void this.post(webview, { type: 'state/snapshot', placeholder: PLACEHOLDER });
        return;
    }
  }

  private post(webview: vscode.Webview, message: HostToWebview): Thenable<boolean> {
    return webview.postMessage(message);
  }
}

import * as vscode from 'vscode';
import { ViewId } from '../constants';
import { WebviewToHost, type HostToWebview } from '../protocol/messages';
import type { ChatController } from './chat/chat-controller';
import { Disposable } from './disposable';
import { renderWebviewHtml } from './webview-html';

/**
 * The sidebar chat view. It posts nothing until the webview says it is ready, validates every message both ways,
 * and keeps no state of its own: a reloaded or restored webview rebuilds from the controller's snapshot. It is kept
 * alive while hidden (see extension.ts), so switching back to it shows it at once.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = ViewId.chat;
  private view: vscode.WebviewView | undefined;
  /** The webview has said it is ready since it last (re)loaded; hidden, it unloads and will say so again. */
  private ready = false;
  /** Focus Chat Input ran before the webview could take it: the composer gets the cursor once it is ready. */
  private focusPending = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows the chat and puts the cursor in its composer, as soon as the webview can take it. */
  async focusComposer(): Promise<void> {
    this.focusPending = true;
    await vscode.commands.executeCommand(`${ViewId.chat}.focus`);
    // A webview that was already loaded (kept alive while hidden) is ready now; one that (re)loads takes the focus
    // when it says it is ready.
    if (this.view && this.ready) this.postFocus(this.view);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    // The page first, then the options: changing the options redraws whatever page is set, and an empty one has no
    // content security policy.
    view.webview.html = renderWebviewHtml(view.webview, {
      title: 'OpenRouter Chat',
      script: vscode.Uri.joinPath(dist, 'webview.js'),
      stylesheets: [vscode.Uri.joinPath(dist, 'codicons/codicon.css'), vscode.Uri.joinPath(media, 'chat.css')],
    });
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => this.receive(view, raw));
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.view === view) {
        this.view = undefined;
        this.controller.disconnect();
      }
    });
  }

  private receive(view: vscode.WebviewView, raw: unknown): void {
    const parsed = WebviewToHost.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`chat view: dropped a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'webview/ready') {
      // A (re)loaded webview: from now on it gets a snapshot, then numbered deltas; then the focus it was asked for.
      this.ready = true;
      void this.controller.connect((out) => this.post(view, out)).then(() => {
        if (this.focusPending && this.view === view) this.postFocus(view);
      });
      return;
    }
    this.controller.handle(message).catch((error: unknown) => this.log.error(`chat view: ${message.type} failed: ${String(error)}`));
  }

  private postFocus(view: vscode.WebviewView): void {
    this.focusPending = false;
    this.post(view, { type: 'composer/focus' });
  }

  /** Typed at compile time here; the webview validates what it receives, as this side validates its messages. */
  private post(view: vscode.WebviewView, message: HostToWebview): void {
    void view.webview.postMessage(message);
  }
}

import * as vscode from 'vscode';
import { Disposable } from './disposable';

export const ANSWER_SCHEME = 'openrouter-answer';

/**
 * Read-only Markdown documents whose text grows while an answer streams. Updates are coalesced so a fast stream
 * costs the editor a few refreshes a second instead of one per token.
 */
export class AnswerDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private counter = 0;
  /** Editors restored after a reload keep their URIs; a per-session prefix keeps new answers from reusing them. */
  private readonly session = Date.now().toString(36);

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(ANSWER_SCHEME, this));
    this._register({ dispose: () => clearTimeout(this.flushTimer) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '*This answer was shown in an earlier session and is no longer available here.*\n';
  }

  /** A new document; `title` becomes its tab name. */
  create(title: string, text = ''): vscode.Uri {
    this.counter += 1;
    const safe = title.replace(/[^\w .-]+/g, ' ').trim().slice(0, 60) || 'Answer';
    const uri = vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/${this.session}-${this.counter}/${safe}.md` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  text(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  append(uri: vscode.Uri, text: string): void {
    this.set(uri, this.text(uri) + text);
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.dirty.add(uri.toString());
    this.flushTimer ??= setTimeout(() => this.flush(), 50);
  }

  /** Pushes pending text to open editors now (at the end of an answer). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const key of this.dirty) this.changed.fire(vscode.Uri.parse(key));
    this.dirty.clear();
  }
}

import * as vscode from 'vscode';
import { Disposable } from './disposable';

export const PROPOSAL_SCHEME = 'openrouter-proposal';

/**
 * Read-only documents holding a proposed version of a file, the right-hand side of an Apply diff. Nothing is
 * written anywhere until the user applies the change.
 */
export class ProposalDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;
  /** Editors restored after a reload keep their URIs; a per-session prefix keeps new proposals from reusing them. */
  private readonly session = Date.now().toString(36);

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This proposal belonged to an earlier session and is no longer available.\n';
  }

  /** A new document named `fileName`: its extension gives it the file's language. */
  create(fileName: string, text: string): vscode.Uri {
    this.counter += 1;
    const safe = fileName.replace(/[^\w .()-]+/g, ' ').trim().slice(0, 80) || 'proposal';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${this.session}-${this.counter}/proposed/${safe}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}

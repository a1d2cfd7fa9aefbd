import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import { proposedEdit } from '../../core/chat/proposal';
import { Disposable } from '../disposable';
import { PROPOSAL_SCHEME, type ProposalDocuments } from '../proposal-documents';

interface Pending {
  target: vscode.Uri;
  range: vscode.Range;
  /** The file's version when the diff was made: a file edited since is not overwritten. */
  version: number;
  replacement: string;
  name: string;
  settle(applied: boolean): void;
}

/**
 * Proposed changes under review, each in a diff of the file with the proposal. The choice stays on the diff itself
 * (Apply and Discard in its title bar) for as long as it is open; closing the diff discards the proposal, and either
 * choice closes it.
 */
export class ProposalReview extends Disposable {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly documents: ProposalDocuments) {
    super();
    this._register(vscode.commands.registerCommand(CommandId.applyProposal, (uri?: unknown) => this.choose(uri, true)));
    this._register(vscode.commands.registerCommand(CommandId.discardProposal, (uri?: unknown) => this.choose(uri, false)));
    this._register(vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
      for (const tab of closed) {
        const proposal = tab.input instanceof vscode.TabInputTextDiff ? tab.input.modified.toString() : undefined;
        if (proposal) this.pending.get(proposal)?.settle(false);
      }
    }));
  }

  /**
   * Opens a diff of `editor`'s file (not as a preview tab, which opening another file would replace and so discard) with `code` in place of its selection (or the whole file when nothing is
   * selected). Resolves when the person has chosen: true once the change is applied.
   */
  async propose(editor: vscode.TextEditor, code: string): Promise<boolean> {
    const document = editor.document;
    const range = editor.selection.isEmpty ? new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)) : editor.selection;
    const edit = proposedEdit(document.getText(), document.offsetAt(range.start), document.offsetAt(range.end), code);
    const name = document.uri.path.split('/').pop() ?? 'file';
    const proposal = this.documents.create(name, edit.proposed);
    const decided = new Promise<boolean>((resolve) => {
      this.pending.set(proposal.toString(), {
        target: document.uri, range, version: document.version, replacement: edit.replacement, name,
        settle: (applied) => {
          this.pending.delete(proposal.toString());
          resolve(applied);
        },
      });
    });
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposal, `${name} ↔ Proposed by OpenRouter`, { preview: false });
    // The proposal reads in the file's language even where its name does not say it (an untitled file, a shebang).
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === proposal.toString());
    if (shown && shown.languageId !== document.languageId) await vscode.languages.setTextDocumentLanguage(shown, document.languageId);
    return decided;
  }

  /** Apply or Discard from the diff's title bar (which passes the proposal), or from the palette on the active one. */
  private async choose(uri: unknown, apply: boolean): Promise<boolean> {
    const key = uri instanceof vscode.Uri ? uri.toString() : this.activeProposal();
    const pending = key ? this.pending.get(key) : undefined;
    if (!key || !pending) {
      void vscode.window.showInformationMessage('There is no proposed change open to apply or discard.');
      return false;
    }
    let applied = false;
    if (apply) applied = await this.write(pending);
    pending.settle(applied);
    await this.closeDiff(key);
    return applied;
  }

  private async write(pending: Pending): Promise<boolean> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === pending.target.toString());
    if (document && document.version !== pending.version) {
      void vscode.window.showWarningMessage(`${pending.name} changed since the diff was made; nothing was applied.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(pending.target, pending.range, pending.replacement);
    return vscode.workspace.applyEdit(edit);
  }

  private activeProposal(): string | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === PROPOSAL_SCHEME) return active.toString();
    // One proposal open: the palette command means that one.
    return this.pending.size === 1 ? [...this.pending.keys()][0] : undefined;
  }

  private async closeDiff(proposal: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}

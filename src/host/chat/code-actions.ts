import * as vscode from 'vscode';
import { editorLanguageOf, terminalCommands } from '../../core/chat/code-language';
import type { CodeBlockMessage } from '../../core/conversation/panel-input';
import { PROPOSAL_SCHEME } from '../proposal-documents';
import type { ProposalReview } from './proposal-review';

/** Lines of a multi-line command shown in the confirmation before it runs. */
const PREVIEW_LINES = 12;

/**
 * Copy, Insert at Cursor, Insert into New File, Apply and Insert into Terminal for the code blocks of answers (and
 * Copy for whole answers).
 */
export class CodeActions {
  constructor(private readonly review: ProposalReview) {}

  /** Carries out what a code block's button asked for. */
  async run(message: CodeBlockMessage): Promise<void> {
    switch (message.type) {
      case 'code/copy':
        return this.copy(message.code);
      case 'code/insert':
        await this.insert(message.code);
        return;
      case 'code/apply':
        await this.apply(message.code);
        return;
      case 'code/newFile':
        return this.newFile(message.code, message.language);
      case 'code/terminal':
        return this.terminal(message.code);
    }
  }

  /** Copies `text`; `what` names it in the status bar's confirmation. */
  async copy(text: string, what: 'Code' | 'Answer' = 'Code'): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`$(check) ${what} copied`, 2000);
  }

  async insert(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) return false;
    return editor.edit((edit) => edit.replace(editor.selection, code));
  }

  /** Opens the code in a new untitled editor, in the language its fence names (plain text when the editor has none). */
  async newFile(code: string, fenceLabel: string): Promise<void> {
    const language = editorLanguageOf(fenceLabel, await vscode.languages.getLanguages());
    const document = await vscode.workspace.openTextDocument({ language, content: code });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /**
   * Puts a shell block's commands at the prompt of the active terminal (or a new one), without running them: the
   * user reads them and presses Enter. A terminal runs each line of a multi-line block as it arrives, so such a
   * block runs only once the user has read it in a modal confirmation and chosen to.
   */
  async terminal(code: string): Promise<void> {
    const commands = terminalCommands(code);
    if (commands === '') return;
    const lines = commands.split('\n');
    if (lines.length > 1) {
      const run = 'Run in Terminal';
      const shown = lines.slice(0, PREVIEW_LINES).map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line));
      if (lines.length > PREVIEW_LINES) shown.push(`… and ${lines.length - PREVIEW_LINES} more lines (Insert into New File shows them all)`);
      const choice = await vscode.window.showWarningMessage(`Run these ${lines.length} lines in the terminal?`, {
        modal: true,
        detail: `A terminal runs each line as it arrives, so they cannot be inserted without running.\n\n${shown.join('\n')}`,
      }, run);
      if (choice !== run) return;
    }
    const terminal = vscode.window.activeTerminal ?? vscode.window.createTerminal({ name: 'OpenRouter' });
    terminal.show();
    terminal.sendText(commands, lines.length > 1);
  }

  /**
   * Opens a diff of the active editor with the code in place of the selection (or the whole file when nothing is
   * selected). Nothing changes until the person chooses Apply on the diff; a file edited meanwhile is not touched.
   */
  async apply(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    return editor ? this.review.propose(editor, code) : false;
  }

  private targetEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== PROPOSAL_SCHEME);
    if (!editor || editor.document.uri.scheme === PROPOSAL_SCHEME) {
      void vscode.window.showInformationMessage('Open the file the code is for first.');
      return undefined;
    }
    return editor;
  }
}

import * as vscode from 'vscode';
import { editorLanguageOf, terminalCommands } from '../../core/chat/code-language';
import { shellReadyForInput, type StartingShell } from '../../core/chat/shell-ready';
import { systemClock } from '../../core/clock';
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
  /** The terminal opened here last, until its shell is ready for input. */
  private startingTerminal: { terminal: vscode.Terminal; ready: Promise<unknown> } | undefined;

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
   * Puts a shell block's commands at the prompt of the active terminal (or of a new one, once its shell is ready
   * for input), without running them: the user reads them and presses Enter. A terminal runs each line of a
   * multi-line block as it arrives, so such a block runs only once the user has read it in a modal confirmation and
   * chosen to.
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
    const terminal = await this.terminalAtPrompt();
    // Closed while its shell was starting: there is no prompt left to put the text at.
    if (terminal.exitStatus) return;
    terminal.sendText(commands, lines.length > 1);
  }

  /**
   * The active terminal, or a new one once its shell has drawn its prompt: text typed ahead of the prompt is echoed
   * as it arrives and shown again by the shell, so the command would read twice. A terminal opened here whose shell
   * is still starting is waited for too (the editor may not even call it active yet), so a second click lands at
   * the same prompt instead of opening another terminal.
   */
  private async terminalAtPrompt(): Promise<vscode.Terminal> {
    const starting = this.startingTerminal && !this.startingTerminal.terminal.exitStatus ? this.startingTerminal : undefined;
    const active = vscode.window.activeTerminal ?? starting?.terminal;
    if (active) {
      if (active === starting?.terminal) await starting.ready;
      active.show();
      return active;
    }
    const terminal = vscode.window.createTerminal({ name: 'OpenRouter' });
    // Listening starts before anything awaits, so a shell that reaches its prompt quickly is not missed.
    const opened = { terminal, ready: shellReadyForInput(startingShell(terminal), systemClock) };
    this.startingTerminal = opened;
    terminal.show();
    await opened.ready;
    if (this.startingTerminal === opened) this.startingTerminal = undefined;
    return terminal;
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

/** What `terminal` can tell about its starting shell, through shell integration where this editor reports it. */
function startingShell(terminal: vscode.Terminal): StartingShell {
  // Feature-detected: a host older than the API, or one that leaves it out, has no such event.
  const integrationEvent = (vscode.window as Partial<typeof vscode.window>).onDidChangeTerminalShellIntegration;
  const integrationOn = vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('shellIntegration.enabled', true);
  // Integration activates while the shell runs its startup files, before its prompt; the working directory is
  // reported from the prompt hook itself (bash, zsh, fish and PowerShell alike), so it is the sign of the prompt.
  const atPrompt = (): boolean => terminal.shellIntegration?.cwd !== undefined;
  return {
    onPrompt: integrationEvent && integrationOn
      ? (listener) => {
        if (atPrompt()) {
          listener();
          return () => undefined;
        }
        const subscription = integrationEvent((change) => {
          if (change.terminal === terminal && atPrompt()) listener();
        });
        return () => subscription.dispose();
      }
      : undefined,
    started: Promise.resolve(terminal.processId),
  };
}

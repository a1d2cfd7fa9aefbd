import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { Attachment } from '../../core/chat/model';
import { selectionLabel } from '../../core/chat/prompts';
import { parseSlash, slashCompletions, slashQuestion, userSlashCommands, type SlashCode } from '../../core/chat/slash-commands';
import type { ConversationInput } from '../../core/conversation/conversation-io';
import type { CompletionMessage } from '../../core/conversation/panel-input';
import { refuseMoreMentions } from '../../core/mentions/file-checks';
import { estimateTextTokens } from '../../core/spend/token-estimate';
import type { HostToWebview } from '../../protocol/messages';
import type { FromComposer } from '../compare/compare-origin';
import type { ExtensionSettings } from '../settings';
import { mentionItems, relative } from './mention-items';
import { readMention } from './mention-read';
import { runPanelAction } from './panel-actions';
import { WorkspaceFiles } from './workspace-files';

type AssistMessage = Extract<HostToWebview, { type: 'completion/items' | 'composer/notice' }>;

export interface ComposerAssistDeps {
  settings: ExtensionSettings;
  post(message: AssistMessage): void;
  /** The composer's chips as the conversation holds them now. */
  attachments(): readonly Attachment[];
  /** Runs an input through the conversation, resolving once it is applied (and any answer it started ended). */
  dispatch(input: ConversationInput): Promise<unknown>;
}

/**
 * The host's half of the composer's `#` and `/`: it answers the completion lists, reads a picked mention into a chip,
 * and looks at a message before it is sent (a typed slash command, a mentioned file deleted since).
 */
export class ComposerAssist {
  private readonly files = new WorkspaceFiles();

  constructor(private readonly deps: ComposerAssistDeps) {}

  async handle(message: CompletionMessage): Promise<void> {
    switch (message.type) {
      case 'completion/query': {
        const items = message.trigger === '#'
          ? await mentionItems(message.query, this.files)
          : slashCompletions(message.query, this.userCommands()).map(({ name, description }) => ({ kind: 'command' as const, id: name, label: `/${name}`, detail: description }));
        this.deps.post({ type: 'completion/items', seq: message.seq, trigger: message.trigger, items });
        return;
      }
      case 'mention/pick': {
        const full = refuseMoreMentions(this.deps.attachments().length);
        if (full) return this.notice(full);
        const chip = await readMention(message.kind, message.id);
        if (typeof chip === 'string') return this.notice(chip);
        await this.deps.dispatch({ type: 'attach', attachment: chip });
        return;
      }
    }
  }

  /**
   * A message from the composer: sent as a question or a command's turn, acted on (`/new`, `/model`, `/preset`, `/compare`), or
   * refused with a reason and put back in the composer, with its chips left where they are.
   */
  async send(text: string): Promise<void> {
    const missing = await missingFiles(this.deps.attachments());
    if (missing.length > 0) {
      const names = missing.join(', ');
      return this.notice(`${names} ${missing.length === 1 ? 'was' : 'were'} deleted after being attached; remove ${missing.length === 1 ? 'its chip' : 'their chips'} to send.`, text);
    }
    // `/compare` sends the words after it, with the composer's chips, to several models at once, in the compare panel.
    const compare = /^\/compare(?:\s+([\s\S]*))?$/.exec(text.trim());
    if (compare) return void vscode.commands.executeCommand(CommandId.compareModels, { fromComposer: true, prompt: compare[1] ?? '', sent: text } satisfies FromComposer);
    const parsed = parseSlash(text, this.userCommands());
    if (!parsed) {
      await this.deps.dispatch({ type: 'send', text });
      return;
    }
    if (parsed.kind === 'action') {
      if (parsed.action === 'new') await this.deps.dispatch({ type: 'newChat' });
      else await runPanelAction(parsed.action === 'model' ? 'pick_model' : 'pick_preset', parsed.words || undefined);
      return;
    }
    const chips = this.deps.attachments();
    const code: SlashCode | undefined = chips.length > 0 ? { attachments: [...chips], ...languageOf(chips) } : editorSelection();
    const question = slashQuestion(parsed, code);
    if (typeof question === 'string') return this.notice(question, text);
    // Chips already in the composer go with it as the conversation takes them; the editor's selection is added.
    const extra = chips.length > 0 ? [] : question.attachments;
    await this.deps.dispatch({ type: 'send', text: question.text, attachments: extra, command: question.command, typed: true });
  }

  private notice(text: string, draft?: string): void {
    this.deps.post({ type: 'composer/notice', text, ...(draft !== undefined ? { draft } : {}) });
  }

  private userCommands(): Map<string, string> {
    return userSlashCommands(this.deps.settings.current.slashCommands);
  }
}

/** The editor's selection as a command's code, like the editor commands take it; none when nothing is selected. */
function editorSelection(): SlashCode | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const { document, selection } = editor;
  const text = document.getText(selection);
  if (!text.trim()) return undefined;
  // A selection that ends at the start of a line (whole lines selected) does not include that line.
  const endLine = selection.end.line > selection.start.line && selection.end.character === 0 ? selection.end.line - 1 : selection.end.line;
  const attachment: Attachment = {
    kind: 'selection', label: selectionLabel(relative(document.uri), selection.start.line + 1, endLine + 1), text,
    tokens: estimateTextTokens(text), uris: [document.uri.toString()], language: document.languageId,
  };
  return { attachments: [attachment], languageId: document.languageId };
}

function languageOf(chips: readonly Attachment[]): { languageId?: string } {
  const language = chips.find((chip) => chip.language)?.language;
  return language ? { languageId: language } : {};
}

/** The chips' files that no longer exist (by their labels); files of other schemes (untitled) are not checked. */
async function missingFiles(chips: readonly Attachment[]): Promise<string[]> {
  const checks = chips.filter((chip) => chip.kind !== 'editors' && chip.uris?.[0]).map(async (chip) => {
    const uri = vscode.Uri.parse(chip.uris?.[0] as string);
    if (uri.scheme === 'untitled') return undefined;
    try {
      await vscode.workspace.fs.stat(uri);
      return undefined;
    } catch (error) {
      return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? chip.label : undefined;
    }
  });
  return (await Promise.all(checks)).filter((label): label is string => label !== undefined);
}

import * as vscode from 'vscode';
import { chatForEditorCommand, type EditorCommandChat } from '../../core/chat/command-turns';
import type { ChatController } from '../chat/chat-controller';
import type { ExtensionSettings } from '../settings';

const NEW_CHAT = 'New Chat';
const CONTINUE = 'Continue This Chat';

/**
 * Opens the chat an editor command's question goes to (see `chatForEditorCommand`): the open chat when it is empty
 * or the setting says to continue it, else a new one; `ask` asks, and remembers the answer in the user's settings,
 * where it can be changed. False when the person cancelled.
 */
export async function openChatForEditorCommand(controller: ChatController, settings: ExtensionSettings, commandTitle: string): Promise<boolean> {
  const where = chatForEditorCommand(settings.current['editorCommands.chat'], await controller.openChatIsEmpty());
  const choice = where === 'ask' ? await askWhere(settings, commandTitle) : where;
  if (choice === 'new') await controller.newChat();
  return choice !== undefined;
}

async function askWhere(settings: ExtensionSettings, commandTitle: string): Promise<'open' | 'new' | undefined> {
  const answer = await vscode.window.showInformationMessage(
    `${commandTitle}: start a new chat, or continue the open one?`,
    {
      modal: true,
      detail: 'A new chat sends only the selected code and the command. Continuing sends the open chat\'s messages along with it.\n\n'
        + 'Your answer is remembered for Explain, Improve and Write Tests; change it in Settings under OpenRouter › Editor Commands: Chat.',
    },
    NEW_CHAT,
    CONTINUE,
  );
  if (answer === undefined) return undefined;
  const remembered: EditorCommandChat = answer === NEW_CHAT ? 'newChat' : 'continue';
  // The command goes ahead even if the settings file cannot be written: then it simply asks again next time.
  await settings.update('editorCommands.chat', remembered).then(undefined, () => undefined);
  return answer === NEW_CHAT ? 'new' : 'open';
}

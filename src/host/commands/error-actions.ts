import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { OpenRouterError } from '../../core/openrouter/errors';

const CREDITS_URL = 'https://openrouter.ai/settings/credits';

/** An error notification whose buttons do what fixes it. */
export async function showErrorWithActions(error: OpenRouterError, continueWith?: string): Promise<void> {
  const actions: string[] = [];
  if (error.action === 'set_key') actions.push('Set API Key');
  if (error.action === 'top_up') actions.push('Top Up Credits');
  if (error.action === 'pick_model' || error.fallbackMayHelp) actions.push('Pick Another Model');
  if (continueWith) actions.push(`Use ${continueWith}`);
  const detail = error.providerMessage && error.providerMessage !== error.message ? ` (${error.source}: ${error.providerMessage.slice(0, 200)})` : '';
  const choice = await vscode.window.showErrorMessage(`${error.message}${detail}`, ...actions);
  if (choice === 'Set API Key') await vscode.commands.executeCommand(CommandId.setApiKey);
  else if (choice === 'Top Up Credits') await vscode.env.openExternal(vscode.Uri.parse(CREDITS_URL));
  else if (choice === 'Pick Another Model') await vscode.commands.executeCommand(CommandId.selectModel);
  else if (choice && continueWith) await vscode.commands.executeCommand(CommandId.selectModel, continueWith);
}

import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { PanelAction } from '../../core/conversation/conversation-io';
import type { FromComposer } from '../compare/compare-origin';

const CREDITS_URL = 'https://openrouter.ai/settings/credits';
/** Where a key's own credit limit is set. */
const KEYS_URL = 'https://openrouter.ai/settings/keys';
/** The account's data policy: whether providers that keep or train on prompts may be used. */
const PRIVACY_URL = 'https://openrouter.ai/settings/privacy';

/** The buttons of the panel that lead elsewhere: the key, credits, the model and preset pickers, usage, limits, Compare. */
export async function runPanelAction(action: PanelAction, query?: string): Promise<void> {
  switch (action) {
    case 'set_key':
      await vscode.commands.executeCommand(CommandId.setApiKey);
      return;
    case 'top_up':
      await vscode.env.openExternal(vscode.Uri.parse(CREDITS_URL));
      return;
    case 'pick_model':
      await vscode.commands.executeCommand(CommandId.selectModel, undefined, query ? { search: query } : undefined);
      return;
    case 'pick_preset':
      await vscode.commands.executeCommand(CommandId.selectPreset);
      return;
    case 'show_usage':
      await vscode.commands.executeCommand(CommandId.showUsage);
      return;
    case 'budget_settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'openrouter.budget');
      return;
    case 'key_settings':
      await vscode.env.openExternal(vscode.Uri.parse(KEYS_URL));
      return;
    case 'privacy_settings':
      await vscode.env.openExternal(vscode.Uri.parse(PRIVACY_URL));
      return;
    case 'routing_settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'openrouter.provider');
      return;
    case 'compare':
      // The draft (asked for, starting from it) and the composer's chips go to the comparison.
      await vscode.commands.executeCommand(CommandId.compareModels, { fromComposer: true } satisfies FromComposer);
      return;
  }
}

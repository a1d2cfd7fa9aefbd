// Registers our models with VS Code's chat where the API exists (VS Code 1.104 and later), and the command that
// chooses which of them VS Code's model picker offers. On 1.100–1.103 nothing is registered and nothing is said.
import * as vscode from 'vscode';
import { CommandId, ConfigSection } from '../../constants';
import { offerChoices, offeredModels, DEFAULT_CHAIN_ID } from '../../core/lm/offered-models';
import { describeModel } from '../commands/model-commands';
import { LM_VENDOR, OpenRouterChatModelProvider, type ChatModelProviderDeps } from './chat-model-provider';

export type RegisterDeps = Omit<ChatModelProviderDeps, 'chosenModels'>;

/** The setting that holds the entries chosen in Manage Models (empty: the default set). */
const CHOSEN_SETTING = 'vscodeChat.models';

export function registerChatModels(deps: RegisterDeps): vscode.Disposable[] {
  const disposables: vscode.Disposable[] = [vscode.commands.registerCommand(CommandId.manageChatModels, () => manageChatModels(deps))];
  const register = vscode.lm.registerLanguageModelChatProvider;
  if (typeof register !== 'function') {
    deps.log.info('VS Code chat: this VS Code has no language model provider API (it needs 1.104 or later); the panel works as usual.');
    return disposables;
  }
  const provider = new OpenRouterChatModelProvider({ ...deps, chosenModels: () => deps.settings.current[CHOSEN_SETTING] });
  disposables.push(provider, register(LM_VENDOR, provider));
  return disposables;
}

interface ChoiceItem extends vscode.QuickPickItem {
  readonly id: string;
}

/** A multi-select of every entry, with prices: the default set first, then the rest of the catalogue. */
async function manageChatModels(deps: RegisterDeps): Promise<void> {
  const view = await deps.service.catalogue.get();
  const settings = deps.settings.current;
  const find = (id: string) => deps.service.catalogue.find(id);
  const usual = offeredModels(settings, find);
  const usualIds = new Set(usual.map((entry) => entry.id));
  const chosen = new Set(settings[CHOSEN_SETTING].length > 0 ? settings[CHOSEN_SETTING] : usual.map((entry) => entry.id));
  const items: (ChoiceItem | vscode.QuickPickItem)[] = [{ label: 'Offered by default', kind: vscode.QuickPickItemKind.Separator }];
  for (const entry of usual) items.push({ id: entry.id, label: entry.name, ...(entry.id.includes('/') ? { description: entry.id } : {}), detail: entry.detail, picked: chosen.has(entry.id) });
  items.push({ label: 'Every model', kind: vscode.QuickPickItemKind.Separator });
  const named = new Set(offerChoices(settings).map((choice) => choice.id));
  for (const model of [...view.models].sort((a, b) => a.name.localeCompare(b.name))) {
    if (usualIds.has(model.id) || named.has(model.id)) continue;
    items.push({ id: model.id, label: model.name, description: model.id, detail: describeModel(model), picked: chosen.has(model.id) });
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: "OpenRouter Models in VS Code's Chat",
    placeHolder: view.models.length === 0 ? `Could not load models${view.error ? `: ${view.error.message}` : ''}` : 'Choose the models VS Code\'s model picker offers',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return;
  const ids = picked.flatMap((item) => ('id' in item ? [item.id] : []));
  const isDefault = ids.length === usual.length && ids.every((id) => usualIds.has(id));
  await vscode.workspace.getConfiguration(ConfigSection).update(CHOSEN_SETTING, isDefault ? [] : ids, vscode.ConfigurationTarget.Global);
  const chains = ids.includes(DEFAULT_CHAIN_ID) ? '' : ' The default chain, with its fallbacks, is not among them.';
  void vscode.window.showInformationMessage(`VS Code's chat offers ${ids.length} OpenRouter model${ids.length === 1 ? '' : 's'}.${chains}`);
}

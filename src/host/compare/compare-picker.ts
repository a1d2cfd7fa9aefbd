import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import { MAX_COMPARED_MODELS, MIN_COMPARED_MODELS } from '../../core/compare/comparison';
import { readsImages } from '../../core/chat/vision';
import type { ModelInfo } from '../../core/openrouter/catalogue-schemas';
import { describeModel } from '../commands/model-commands';
import type { OpenRouterService } from '../openrouter-service';

interface PickItem extends vscode.QuickPickItem {
  modelId?: string;
  option?: 'history' | 'blind';
}

export interface ComparePick {
  models: string[];
  keepHistory: boolean;
  blind: boolean;
}

export interface PickContext {
  /** The chat's model, preselected when no earlier comparison had two or more. */
  current: string;
  /** The open chat's turns: "Include this chat's … earlier messages" is offered when there are any. */
  earlierTurns: number;
  /** The prompt carries images: the models that cannot read them say so, since their columns answer without. */
  images: boolean;
}

export function lastCompared(state: vscode.Memento): string[] {
  const stored = state.get<unknown>(StateKey.compareModels);
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(0, MAX_COMPARED_MODELS) : [];
}

/**
 * The comparison's models, two to four, in a multi-select that shows each one's prices, with the last comparison's
 * set preselected; and its two options: keep the chat's earlier messages (when it has any), and hide the names.
 */
export async function pickComparedModels(service: OpenRouterService, state: vscode.Memento, { current, earlierTurns, images }: PickContext): Promise<ComparePick | undefined> {
  const picker = vscode.window.createQuickPick<PickItem>();
  picker.title = 'Compare Models';
  picker.canSelectMany = true;
  picker.matchOnDescription = true;
  picker.placeholder = `Pick ${MIN_COMPARED_MODELS} to ${MAX_COMPARED_MODELS} models to send the prompt to`;
  picker.busy = true;
  picker.show();
  const view = await service.catalogue.get();
  picker.busy = false;
  const last = lastCompared(state);
  const first = [...new Set([...last, current])];
  const byId = new Map(view.models.map((model) => [model.id, model]));
  const item = (model: ModelInfo): PickItem => ({
    label: model.name,
    description: model.id,
    // As the chat warns before sending to a model that does not read images: said here, before the columns start.
    detail: images && !readsImages(model) ? `$(warning) Does not read images: answers without them · ${describeModel(model)}` : describeModel(model),
    modelId: model.id,
  });
  const options: PickItem[] = [
    ...(earlierTurns > 0 ? [{ label: `$(history) Include this chat's ${earlierTurns} earlier messages`, option: 'history' as const }] : []),
    { label: '$(eye-closed) Hide model names until I pick an answer', option: 'blind' as const },
  ];
  const pinned = first.map((id) => byId.get(id)).filter((model): model is ModelInfo => model !== undefined);
  const rest = view.models.filter((model) => !first.includes(model.id)).sort((a, b) => a.name.localeCompare(b.name));
  picker.items = [
    ...options,
    { label: 'Models', kind: vscode.QuickPickItemKind.Separator },
    ...pinned.map(item),
    ...rest.map(item),
  ];
  const preselected = last.length >= MIN_COMPARED_MODELS ? last : [current];
  picker.selectedItems = picker.items.filter((i) => i.option === 'history' || (i.modelId !== undefined && preselected.includes(i.modelId)));
  return new Promise<ComparePick | undefined>((resolve) => {
    let settled = false;
    picker.onDidAccept(() => {
      const models = picker.selectedItems.flatMap((i) => (i.modelId ? [i.modelId] : []));
      if (models.length < MIN_COMPARED_MODELS || models.length > MAX_COMPARED_MODELS) {
        picker.placeholder = `Pick ${MIN_COMPARED_MODELS} to ${MAX_COMPARED_MODELS} models (${models.length} picked)`;
        return;
      }
      settled = true;
      const options = new Set(picker.selectedItems.flatMap((i) => (i.option ? [i.option] : [])));
      picker.hide();
      void state.update(StateKey.compareModels, models);
      resolve({ models, keepHistory: options.has('history'), blind: options.has('blind') });
    });
    picker.onDidHide(() => {
      picker.dispose();
      if (!settled) resolve(undefined);
    });
  });
}

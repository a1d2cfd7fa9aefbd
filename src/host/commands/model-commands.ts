import * as vscode from 'vscode';
import { CommandId, StateKey } from '../../constants';
import { formatAge, formatPerMillion, formatTokens } from '../../core/format';
import type { ModelInfo } from '../../core/openrouter/catalogue-schemas';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';

export interface ModelCommandDeps {
  service: OpenRouterService;
  settings: ExtensionSettings;
  globalState: vscode.Memento;
  /** The conversation's choice of model: it knows the model in use and keeps the preset and the model consistent. */
  selection: ModelSelection;
}

export interface ModelSelection {
  /** The model new answers use: the active preset's, or the default. */
  readonly model: string;
  /** The active preset, if it still exists in the settings. */
  readonly preset: string | undefined;
  pickModel(model: string): Promise<void>;
  pickPreset(preset: string | undefined): Promise<void>;
}

const RECENT_LIMIT = 5;

interface ModelItem extends vscode.QuickPickItem {
  modelId: string;
}

export function registerModelCommands(deps: ModelCommandDeps): vscode.Disposable[] {
  return [
    // A model id chooses it at once; otherwise the picker opens, searching for `options.search` when given.
    vscode.commands.registerCommand(CommandId.selectModel, (modelId?: unknown, options?: unknown) =>
      typeof modelId === 'string' ? chooseModel(deps, modelId) : pickModel(deps, { search: searchOf(options) })),
    vscode.commands.registerCommand(CommandId.selectPreset, (name?: unknown) => pickPreset(deps, typeof name === 'string' ? name : undefined)),
  ];
}

/** One line of facts per model: prices per million tokens, context, and badges. */
export function describeModel(model: ModelInfo): string {
  const badges = [model.isFree ? 'free' : undefined, model.reasoning ? 'reasoning' : undefined, model.supportsVision ? 'vision' : undefined].filter(Boolean);
  const context = model.contextLength ? `${formatTokens(model.contextLength)} context` : 'context unknown';
  const prices = model.isFree ? 'free' : `${formatPerMillion(model.pricing.prompt)}/M in · ${formatPerMillion(model.pricing.completion)}/M out`;
  return [prices, context, ...badges.map((b) => `$(${b === 'free' ? 'gift' : b === 'reasoning' ? 'lightbulb' : 'eye'}) ${b}`)].join(' · ');
}

function searchOf(options: unknown): string {
  const search = typeof options === 'object' && options !== null ? (options as { search?: unknown }).search : undefined;
  return typeof search === 'string' ? search.slice(0, 100) : '';
}

/** The models picked lately, newest first. */
export function recentModels(state: vscode.Memento): string[] {
  const stored = state.get<unknown>(StateKey.recentModels);
  return Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : [];
}

async function chooseModel(deps: ModelCommandDeps, modelId: string): Promise<string> {
  await deps.selection.pickModel(modelId);
  await rememberRecent(deps, modelId);
  return modelId;
}

async function rememberRecent(deps: ModelCommandDeps, modelId: string): Promise<void> {
  const recent = [modelId, ...recentModels(deps.globalState).filter((id) => id !== modelId)].slice(0, RECENT_LIMIT);
  await deps.globalState.update(StateKey.recentModels, recent);
}

/** A model for one answer (Regenerate with Another Model): the same picker, but the default model stays. */
export async function pickModelOnce(deps: ModelCommandDeps): Promise<string | undefined> {
  const modelId = await pickModel(deps, { title: 'Regenerate With', keep: false });
  if (modelId) await rememberRecent(deps, modelId);
  return modelId;
}

/**
 * The model picker: favourites and recent models first, search over names and ids, and a free-only filter. The
 * choice becomes the default model unless `keep` is false.
 */
async function pickModel(deps: ModelCommandDeps, { title = 'Select Model', keep = true, search = '' } = {}): Promise<string | undefined> {
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = title;
  picker.value = search;
  picker.placeholder = 'Search models by name or id';
  picker.matchOnDescription = true;
  picker.matchOnDetail = false;
  picker.busy = true;
  let freeOnly = false;
  const freeButton = (): vscode.QuickInputButton => ({
    iconPath: new vscode.ThemeIcon(freeOnly ? 'filter-filled' : 'filter'),
    tooltip: freeOnly ? 'Show all models' : 'Show only free models',
  });
  const favouriteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('star-empty'), tooltip: 'Add to favourites' };
  const unfavouriteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('star-full'), tooltip: 'Remove from favourites' };
  picker.buttons = [freeButton()];
  picker.show();

  const view = await deps.service.catalogue.get();
  picker.busy = false;
  if (view.error) {
    picker.title = view.models.length > 0 ? `${title} (offline: list from ${formatAge(view.ageMs ?? 0)})` : title;
    if (view.models.length === 0) picker.placeholder = `Could not load models: ${view.error.message}`;
  }

  const render = (): ModelItem | undefined => {
    const favourites = deps.settings.current.favoriteModels;
    const current = deps.selection.model;
    // The model in use counts as the most recent, however it was chosen (here, in the settings, or by a preset).
    const recent = [current, ...recentModels(deps.globalState).filter((id) => id !== current)];
    const visible = view.models.filter((m) => !freeOnly || m.isFree);
    const item = (model: ModelInfo): ModelItem => ({
      label: `${model.id === current ? '$(check) ' : ''}${model.name}`,
      description: model.id,
      detail: describeModel(model),
      modelId: model.id,
      buttons: [favourites.includes(model.id) ? unfavouriteButton : favouriteButton],
    });
    const byId = new Map(visible.map((m) => [m.id, m]));
    const pinned = (ids: string[]) => ids.map((id) => byId.get(id)).filter((m): m is ModelInfo => m !== undefined);
    const favouriteModels = pinned(favourites);
    const recentOnly = pinned(recent.filter((id) => !favourites.includes(id)));
    const rest = visible.filter((m) => !favourites.includes(m.id) && !recentOnly.some((r) => r.id === m.id)).sort((a, b) => a.name.localeCompare(b.name));
    const section = (label: string, models: ModelInfo[]): (ModelItem | vscode.QuickPickItem)[] =>
      models.length ? [{ label, kind: vscode.QuickPickItemKind.Separator }, ...models.map(item)] : [];
    const items = [...section('Favourites', favouriteModels), ...section('Recent', recentOnly), ...section(freeOnly ? 'Free models' : 'All models', rest)] as ModelItem[];
    picker.items = items;
    return items.find((i) => i.modelId === current);
  };
  // The model in use is where the picker opens, so Enter keeps it rather than switching to the first in the list;
  // unless the person typed a search while the list loaded, which it may not match.
  const currentItem = render();
  if (currentItem && picker.value === '') picker.activeItems = [currentItem];

  return new Promise<string | undefined>((resolve) => {
    picker.onDidTriggerButton(() => {
      freeOnly = !freeOnly;
      picker.buttons = [freeButton()];
      render();
    });
    picker.onDidTriggerItemButton(async (event) => {
      const favourites = deps.settings.current.favoriteModels;
      const id = event.item.modelId;
      await deps.settings.update('favoriteModels', favourites.includes(id) ? favourites.filter((f) => f !== id) : [...favourites, id]);
      render();
    });
    picker.onDidAccept(async () => {
      const chosen = picker.selectedItems[0];
      picker.hide();
      if (!chosen) resolve(undefined);
      else resolve(keep ? await chooseModel(deps, chosen.modelId) : chosen.modelId);
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(undefined);
    });
  });
}

interface PresetItem extends vscode.QuickPickItem {
  preset: string | undefined;
}

/** Task presets map a kind of work to a model; the chosen one applies to Ask and the selection commands. */
async function pickPreset(deps: ModelCommandDeps, name?: string): Promise<string | undefined> {
  const presets = deps.settings.current.presets;
  if (name !== undefined) {
    // An empty name goes back to the default model.
    if (name === '') {
      await deps.selection.pickPreset(undefined);
      return '';
    }
    if (!(name in presets)) {
      void vscode.window.showErrorMessage(`There is no preset "${name}". Presets are defined in the openrouter.presets setting.`);
      return undefined;
    }
    await deps.selection.pickPreset(name);
    return name;
  }
  const active = deps.selection.preset;
  const items: PresetItem[] = [
    { label: `${active ? '' : '$(check) '}Default model`, description: deps.settings.current.defaultModel, detail: 'No preset: use openrouter.defaultModel', preset: undefined },
    ...Object.entries(presets).map(([key, preset]) => ({
      label: `${key === active ? '$(check) ' : ''}${key}`,
      description: preset.model,
      detail: preset.description ?? '',
      preset: key,
    })),
  ];
  const chosen = await pickOne(items, items.find((item) => item.preset === active), { title: 'Select Task Preset', placeholder: 'Which kind of work is next?' });
  if (!chosen) return undefined;
  await deps.selection.pickPreset(chosen.preset);
  return chosen.preset ?? '';
}

/** A quick pick of `items` that opens on `current`, so Enter keeps what is in use. */
function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], current: T | undefined, options: { title: string; placeholder: string }): Promise<T | undefined> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.items = items;
  if (current) picker.activeItems = [current];
  return new Promise<T | undefined>((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]);
      picker.hide();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(undefined);
    });
    picker.show();
  });
}

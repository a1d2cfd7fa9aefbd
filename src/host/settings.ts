import * as vscode from 'vscode';
import { ConfigSection } from '../constants';
import { applyEnvironmentDefaults, parseSettings, type SettingName, type Settings } from '../core/config/settings';
import { Disposable } from './disposable';

/** Settings that may come only from the user's own settings: they decide where the key goes or who is named. */
const USER_ONLY: ReadonlySet<SettingName> = new Set(['baseUrl', 'attribution.referer', 'attribution.title', 'user']);

/** Environment variables, where the host has them (not in a web worker). */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  const candidate = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return candidate?.env ?? {};
}

/**
 * The one reader of `openrouter.*`. It validates every value with the settings schema, warns once per bad value,
 * and fires `onDidChange` only when our section changed.
 */
export class ExtensionSettings extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<Settings>());
  readonly onDidChange = this.changed.event;
  private value: Settings;
  private readonly warned = new Set<string>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly env: Readonly<Record<string, string | undefined>> = processEnvironment(),
  ) {
    super();
    this.value = this.read();
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(ConfigSection)) return;
      this.value = this.read();
      this.changed.fire(this.value);
    }));
  }

  get current(): Settings {
    return this.value;
  }

  /** Writes a user-level setting (the model picker's choice, favourites). */
  async update<K extends SettingName>(name: K, value: Settings[K] | undefined): Promise<void> {
    await vscode.workspace.getConfiguration(ConfigSection).update(name, value, vscode.ConfigurationTarget.Global);
  }

  private read(): Settings {
    const config = vscode.workspace.getConfiguration(ConfigSection);
    const userHasSet = (name: SettingName): boolean => {
      const inspected = config.inspect(name);
      if (!inspected) return false;
      if (USER_ONLY.has(name)) return inspected.globalValue !== undefined;
      return [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].some((v) => v !== undefined);
    };
    const { settings, warnings } = parseSettings((name) => {
      if (!userHasSet(name)) return undefined;
      // A repository's .vscode/settings.json must never choose where the key is sent, whatever VS Code's scope rules do.
      return USER_ONLY.has(name) ? config.inspect(name)?.globalValue : config.get(name);
    });
    for (const warning of warnings) {
      if (this.warned.has(warning.message)) continue;
      this.warned.add(warning.message);
      this.log.warn(warning.message);
      void vscode.window.showWarningMessage(warning.message, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', warning.setting);
      });
    }
    return applyEnvironmentDefaults(settings, (name) => userHasSet(name), this.env);
  }
}


import * as vscode from 'vscode';
import { ConfigSection } from '../constants';
import { applyEnvironmentDefaults, parseSettings, settingValue, type SettingName, type Settings } from '../core/config/settings';
import { settingInSection } from '../core/config/inspected-section';
import { processEnvironment } from '../core/node-process';
import { Disposable } from './disposable';

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
    // One inspection of the whole section, not one per setting: each costs milliseconds (inspected-section.ts).
    const section = vscode.workspace.getConfiguration().inspect(ConfigSection);
    const valueOf = (name: SettingName): unknown => settingValue(name, settingInSection(section, name));
    const { settings, warnings } = parseSettings(valueOf);
    for (const warning of warnings) {
      if (this.warned.has(warning.message)) continue;
      this.warned.add(warning.message);
      this.log.warn(warning.message);
      void vscode.window.showWarningMessage(warning.message, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', warning.setting);
      });
    }
    return applyEnvironmentDefaults(settings, (name) => valueOf(name) !== undefined, this.env);
  }
}


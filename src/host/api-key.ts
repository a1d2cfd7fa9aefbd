import * as vscode from 'vscode';
import { ContextKey, SecretKey } from '../constants';
import { Disposable } from './disposable';

/**
 * The API key, kept only in SecretStorage. Every window sees changes made in another through
 * `secrets.onDidChange`, and the `openrouter.hasKey` context key follows it (the welcome view depends on it).
 */
export class ApiKeyStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<boolean>());
  /** Fires with whether a key is now set. */
  readonly onDidChange = this.changed.event;
  private cached: Promise<string | undefined> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(secrets.onDidChange((event) => {
      if (event.key !== SecretKey.apiKey) return;
      this.cached = undefined;
      void this.refreshContext().then((hasKey) => this.changed.fire(hasKey));
    }));
    void this.refreshContext();
  }

  get(): Promise<string | undefined> {
    this.cached ??= Promise.resolve(this.secrets.get(SecretKey.apiKey)).then((key) => key?.trim() || undefined);
    return this.cached;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SecretKey.apiKey, key.trim());
    this.cached = undefined;
    this.changed.fire(await this.refreshContext());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SecretKey.apiKey);
    this.cached = undefined;
    this.changed.fire(await this.refreshContext());
  }

  private async refreshContext(): Promise<boolean> {
    const hasKey = (await this.get()) !== undefined;
    await vscode.commands.executeCommand('setContext', ContextKey.hasKey, hasKey);
    return hasKey;
  }
}

import * as vscode from 'vscode';
import { StateKey } from '../constants';
import { checkBaseUrl, keyDestination } from '../core/config/settings';
import { DEFAULT_BASE_URL } from '../core/openrouter/api-request';

export type DestinationVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Asks before the key goes to a host it has not been sent to. OpenRouter's own origin needs no question; any other
 * (a proxy, a local server, another OpenAI-compatible service) is confirmed once and remembered.
 */
export class KeyDestinationGuard {
  private readonly pending = new Map<string, Promise<DestinationVerdict>>();
  /**
   * Base URLs found allowed, checked before every request. A host is never taken off the confirmed list, so an
   * allowed URL stays allowed; a changed setting is another URL, checked afresh.
   */
  private readonly allowed = new Set<string>();

  constructor(private readonly state: vscode.Memento) {}

  /** Whether the key may go to this base URL without asking; background refreshes use this and never prompt. */
  isAllowed(baseUrl: string): boolean {
    if (this.allowed.has(baseUrl)) return true;
    if (!checkBaseUrl(baseUrl).ok) return false;
    const origin = keyDestination(baseUrl);
    const allowed = origin === keyDestination(DEFAULT_BASE_URL) || this.confirmed().includes(origin);
    if (allowed) this.allowed.add(baseUrl);
    return allowed;
  }

  /** Asks the user when the key has not been sent to this host before. */
  check(baseUrl: string): Promise<DestinationVerdict> {
    if (this.isAllowed(baseUrl)) return Promise.resolve({ allowed: true });
    const url = checkBaseUrl(baseUrl);
    if (!url.ok) return Promise.resolve({ allowed: false, reason: `openrouter.baseUrl is not usable: ${url.reason}.` });
    const origin = keyDestination(baseUrl);
    // Several requests may start at once; the user answers one question.
    let verdict = this.pending.get(origin);
    if (!verdict) {
      verdict = this.ask(origin).finally(() => this.pending.delete(origin));
      this.pending.set(origin, verdict);
    }
    return verdict;
  }

  private confirmed(): string[] {
    const stored = this.state.get<unknown>(StateKey.confirmedKeyHosts);
    return Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : [];
  }

  private async ask(origin: string): Promise<DestinationVerdict> {
    const send = `Send Key to ${new URL(origin).host}`;
    // A notification rather than a modal: the request waits for the answer without blocking the whole window.
    const choice = await vscode.window.showWarningMessage(
      `Send your OpenRouter API key to ${origin}? openrouter.baseUrl points there, and it has not received your key before. ` +
        'Only continue if you trust this server: it will be able to spend your credits.',
      send,
      'Cancel',
    );
    if (choice !== send) return { allowed: false, reason: `Your key was not sent: ${origin} was not confirmed. Confirm it, or change openrouter.baseUrl.` };
    await this.state.update(StateKey.confirmedKeyHosts, [...this.confirmed(), origin]);
    return { allowed: true };
  }
}

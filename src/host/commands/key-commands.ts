import * as vscode from 'vscode';
import { CommandId, ExtensionId, StateKey } from '../../constants';
import { findApiKeyInDotenv, looksLikeOpenRouterKey, API_KEY_VARIABLE } from '../../core/auth/dotenv';
import { exchangeAuthCode } from '../../core/auth/exchange';
import { checkKeyFormat, CURRENT_KEY_PREFIX } from '../../core/auth/key-format';
import { authorizationUrl, codeChallengeOf, createCodeVerifier } from '../../core/auth/pkce';
import { systemClock } from '../../core/clock';
import { formatUsd } from '../../core/format';
import { globalFetch } from '../../core/openrouter/api-request';
import { fetchKeyInfo, type KeyInfo } from '../../core/openrouter/key-info';
import type { ApiKeyStore } from '../api-key';
import { AuthCallbackHandler } from '../auth-callback';
import type { KeyDestinationGuard } from '../key-destination';
import type { ExtensionSettings } from '../settings';

export interface KeyCommandDeps {
  keys: ApiKeyStore;
  settings: ExtensionSettings;
  guard: KeyDestinationGuard;
  callbacks: AuthCallbackHandler;
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

export function registerKeyCommands(deps: KeyCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.setApiKey, (key?: unknown) => setApiKey(deps, typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand(CommandId.signIn, () => signIn(deps)),
    vscode.commands.registerCommand(CommandId.clearApiKey, (options?: { confirm?: boolean }) => clearApiKey(deps, options?.confirm ?? true)),
  ];
}

function describeKey(info: KeyInfo): string {
  const label = info.label ? `"${info.label}"` : 'Your key';
  const limit = info.limitUsd === null ? 'no spending limit' : `${formatUsd(info.limitRemainingUsd ?? 0)} left of its ${formatUsd(info.limitUsd)} limit`;
  return `${label} is ready: ${limit}${info.isFreeTier ? ' (free tier)' : ''}.`;
}

const TRY_AGAIN = 'Try Again';
const CREATE_KEY = 'Create a Key';

/** What happened to a key: saved, refused by OpenRouter (401), or not saved for another reason. */
type KeyOutcome = 'saved' | 'rejected' | 'not-saved';

/**
 * Asks for a key (unless `key` is given), checks it against GET /key and stores it only when OpenRouter accepts
 * it. Returns whether it was saved. `key` lets other extensions and tests pass the key instead of typing it.
 * A rejected key is kept only in this closure, to refill the box when the user picks Try Again.
 */
export async function setApiKey(deps: KeyCommandDeps, key?: string, typedBefore = ''): Promise<boolean> {
  const entered = (key ?? (await askForKey(typedBefore)))?.trim();
  if (!entered) return false;
  const issue = checkKeyFormat(entered);
  if (issue?.blocking) {
    // Only a key passed by a caller gets here: the box does not accept a blocked value.
    void vscode.window.showErrorMessage(`Not a usable OpenRouter key: ${issue.message}`);
    return false;
  }
  const outcome = await verifyAndStore(deps, entered, { tryAgain: () => setApiKey(deps, undefined, entered) });
  return outcome === 'saved';
}

function askForKey(value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'OpenRouter API Key',
    prompt: `Paste a key from openrouter.ai/settings/keys; it starts with ${CURRENT_KEY_PREFIX}. It is stored in VS Code's secret storage.`,
    placeHolder: `${CURRENT_KEY_PREFIX}…`,
    value,
    password: true,
    ignoreFocusOut: true,
    validateInput: (typed) => {
      const issue = checkKeyFormat(typed);
      if (!issue) return undefined;
      // An Error keeps Enter from accepting the value; a Warning lets the user go on.
      return { message: issue.message, severity: issue.blocking ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning };
    },
  });
}

function showRejected(tryAgain: (() => unknown) | undefined): void {
  const message = 'OpenRouter rejected this key (401 Unauthorized). Nothing was saved. Check that you copied the whole key, or create a new one.';
  const actions = tryAgain ? [TRY_AGAIN, CREATE_KEY] : [CREATE_KEY];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === TRY_AGAIN) void tryAgain?.();
    if (choice === CREATE_KEY) void vscode.env.openExternal(vscode.Uri.parse('https://openrouter.ai/settings/keys'));
  });
}

async function verifyAndStore(deps: KeyCommandDeps, key: string, options: { tryAgain?: () => unknown } = {}): Promise<KeyOutcome> {
  const baseUrl = deps.settings.current.baseUrl;
  const verdict = await deps.guard.check(baseUrl);
  if (!verdict.allowed) {
    void vscode.window.showErrorMessage(verdict.reason);
    return 'not-saved';
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking the key with OpenRouter…' },
    () => fetchKeyInfo(key, { baseUrl, fetch: globalFetch, clock: systemClock }),
  );
  if (!result.ok) {
    if (result.error.kind === 'auth') {
      deps.log.warn('set key: OpenRouter rejected the key (401); nothing saved');
      showRejected(options.tryAgain);
      return 'rejected';
    }
    deps.log.warn(`set key: could not check the key: ${result.error.kind}`);
    const save = 'Save Anyway';
    const choice = await vscode.window.showWarningMessage(`Could not check the key: ${result.error.message}`, { modal: true, detail: 'Save it anyway and check it on the first request?' }, save);
    if (choice !== save) return 'not-saved';
    await deps.keys.set(key);
    return 'saved';
  }
  await deps.keys.set(key);
  deps.log.info('key saved');
  void vscode.window.showInformationMessage(describeKey(result.info));
  return 'saved';
}

async function clearApiKey(deps: KeyCommandDeps, confirm: boolean): Promise<boolean> {
  if (confirm) {
    const remove = 'Remove Key';
    const choice = await vscode.window.showWarningMessage('Remove your OpenRouter API key from this machine?', { modal: true, detail: 'Chats and history stay. You can set a key again at any time.' }, remove);
    if (choice !== remove) return false;
  }
  await deps.keys.clear();
  deps.log.info('key removed');
  return true;
}

/** OAuth PKCE: the browser approves, the callback (or a pasted code) comes back, POST /auth/keys gives the key. */
async function signIn(deps: KeyCommandDeps): Promise<boolean> {
  const baseUrl = deps.settings.current.baseUrl;
  const verifier = createCodeVerifier();
  const challenge = await codeChallengeOf(verifier);
  const callback = await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${ExtensionId}${AuthCallbackHandler.path}`));
  const url = authorizationUrl(new URL(baseUrl).origin, callback.toString(true), challenge);
  deps.log.info(`sign in: opening ${new URL(url).origin}/auth`);
  // Passed as the string itself: vscode.Uri.parse would decode the nested callback URL's `%26`s into `&`s, splitting
  // it into separate parameters. The extension host accepts a string here and forwards it untouched.
  await vscode.env.openExternal(url as unknown as vscode.Uri);

  const code = await waitForCode(deps.callbacks);
  if (!code) return false;
  const exchanged = await exchangeAuthCode({ baseUrl, fetch: globalFetch, clock: systemClock, code, verifier });
  if (!exchanged.ok) {
    void vscode.window.showErrorMessage(exchanged.message);
    return false;
  }
  return (await verifyAndStore(deps, exchanged.key)) === 'saved';
}

/** Whichever comes first: the callback, or the code pasted by the user (when the browser cannot call back). */
async function waitForCode(callbacks: AuthCallbackHandler): Promise<string | undefined> {
  const input = vscode.window.createInputBox();
  input.title = 'Sign In with OpenRouter';
  input.prompt = 'Approve the key in your browser; VS Code continues by itself. If the page shows a code instead, paste it here.';
  input.placeholder = 'Waiting for OpenRouter…';
  input.ignoreFocusOut = true;
  const cancel = new vscode.CancellationTokenSource();
  const pasted = new Promise<string | undefined>((resolve) => {
    input.onDidAccept(() => resolve(input.value.trim() || undefined));
    input.onDidHide(() => resolve(undefined));
  });
  input.show();
  const code = await Promise.race([callbacks.nextCode(cancel.token), pasted]);
  cancel.cancel();
  input.dispose();
  cancel.dispose();
  return code;
}

/**
 * First run without a key: offer the OPENROUTER_API_KEY environment variable, or a workspace `.env` that defines
 * it. The `.env` is read only after the user says yes; each source is offered once.
 */
export async function offerKeyImport(deps: KeyCommandDeps, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  if (await deps.keys.get()) return;
  const fromEnv = env[API_KEY_VARIABLE]?.trim();
  if (fromEnv && looksLikeOpenRouterKey(fromEnv) && !deps.globalState.get(StateKey.envImportOffered)) {
    await deps.globalState.update(StateKey.envImportOffered, true);
    const use = 'Use It';
    const choice = await vscode.window.showInformationMessage(`${API_KEY_VARIABLE} is set in your environment. Use it as your OpenRouter key?`, use, 'Not Now');
    if (choice === use) await verifyAndStore(deps, fromEnv);
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || !vscode.workspace.isTrusted || deps.workspaceState.get(StateKey.envImportOffered)) return;
  const dotenv = vscode.Uri.joinPath(folder.uri, '.env');
  const exists = await vscode.workspace.fs.stat(dotenv).then(() => true, () => false);
  if (!exists) return;
  await deps.workspaceState.update(StateKey.envImportOffered, true);
  const read = 'Read .env';
  const choice = await vscode.window.showInformationMessage(`This workspace has a .env file. Look in it for ${API_KEY_VARIABLE} and use that as your OpenRouter key?`, read, 'Not Now');
  if (choice !== read) return;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(dotenv));
  const key = findApiKeyInDotenv(text);
  if (!key) {
    void vscode.window.showWarningMessage(`.env does not define ${API_KEY_VARIABLE}.`);
    return;
  }
  await verifyAndStore(deps, key);
}

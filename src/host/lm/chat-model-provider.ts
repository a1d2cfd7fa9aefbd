// OpenRouter models in VS Code's own chat, agent mode and `vscode.lm`: a Language Model Chat Provider over the same
// engine, budget check and ledger as the panel. Each request is converted (core/lm), checked before sending, run
// through the service (retries, fallbacks, the key-destination guard, the ledger) and streamed back as parts.
import * as vscode from 'vscode';
import { LmMessageError, reasoningDetailsData, REASONING_DETAILS_MIME, toChatMessages } from '../../core/lm/lm-messages';
import { ReasoningMemory } from '../../core/lm/reasoning-memory';
import { buildLmRequest, checkLmRequest, LmRequestError } from '../../core/lm/lm-request';
import { offeredModels, type OfferedModel } from '../../core/lm/offered-models';
import { vscodeChatOrigin } from '../../core/lm/request-initiator';
import type { LimitName } from '../../core/spend/budget';
import { estimateTextTokens } from '../../core/spend/token-estimate';
import type { DoneInfo } from '../../core/openrouter/chat';
import type { OpenRouterError } from '../../core/openrouter/errors';
import type { ChatRequest } from '../../core/openrouter/http';
import type { ApiKeyStore } from '../api-key';
import { Disposable } from '../disposable';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import { lmMessagesOf, textOf } from './lm-parts';
import { conversationSessionId } from '../../core/lm/session-id';

/** Our vendor id in VS Code's model picker; VS Code's own OpenRouter provider uses `openrouter`. */
export const LM_VENDOR = 'openrouter-chat';

export type OfferedInformation = vscode.LanguageModelChatInformation & { readonly offer: OfferedModel };

/** The budget check the panel's requests pass (it never asks in a dialog); a blocked request says which budget. */
export interface LmBudgetCheck {
  check(request: ChatRequest): Promise<{ proceed: true; request: ChatRequest; clamped?: string } | { proceed: false; reason: string; limit: LimitName }>;
}

export interface ChatModelProviderDeps {
  service: OpenRouterService;
  settings: ExtensionSettings;
  keys: ApiKeyStore;
  gate: LmBudgetCheck;
  /** The entries the user chose in Manage Models (a setting, so its changes arrive with the settings'); empty offers the default set. */
  chosenModels: () => readonly string[];
  log: vscode.LogOutputChannel;
}

export class OpenRouterChatModelProvider extends Disposable implements vscode.LanguageModelChatProvider<OfferedInformation> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  private readonly reasoning = new ReasoningMemory();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: ChatModelProviderDeps) {
    super();
    const fire = (): void => this.changed.fire();
    this._register(deps.settings.onDidChange(fire));
    this._register(deps.keys.onDidChange(fire));
    this._register(deps.service.onDidChangeCatalogue(fire));
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<OfferedInformation[]> {
    if (!(await this.deps.keys.get())) {
      // Asked by a person (the picker's "manage" flow), not in the background: lead them to a key.
      if (!options.silent) void vscode.commands.executeCommand('openrouter.setApiKey');
      return [];
    }
    const catalogue = this.deps.service.catalogue;
    await catalogue.get().catch(() => undefined);
    return offeredModels(this.deps.settings.current, (id) => catalogue.find(id), this.deps.chosenModels()).map((offer) => ({
      id: offer.id,
      name: offer.name,
      family: offer.family,
      version: offer.version,
      tooltip: offer.tooltip,
      detail: offer.detail,
      maxInputTokens: offer.maxInputTokens,
      maxOutputTokens: offer.maxOutputTokens,
      capabilities: offer.capabilities,
      offer,
    }));
  }

  async provideLanguageModelChatResponse(
    model: OfferedInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!(await this.deps.keys.get())) throw vscode.LanguageModelError.NoPermissions('OpenRouter needs an API key first: run "OpenRouter: Set API Key".');
    const request = await this.requestFor(model, messages, options);
    const verdict = await this.deps.gate.check(request);
    if (!verdict.proceed) throw new Error(`${verdict.reason} ${verdict.limit === 'key' ? "Raise the key's limit on openrouter.ai/settings/keys." : 'Raise it in the openrouter.budget settings, or wait for the next period.'}`);
    if (verdict.clamped) this.deps.log.info(`VS Code chat: ${verdict.clamped}`);

    const abort = new AbortController();
    // VS Code 1.104 does not cancel a consumer's request mid-stream, so the token is honoured here, closing the socket.
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      if (token.isCancellationRequested) return;
      for await (const event of this.deps.service.chat(verdict.request, abort.signal, vscodeChatOrigin(options))) {
        if (event.type === 'delta') progress.report(new vscode.LanguageModelTextPart(event.text));
        else if (event.type === 'done') this.reportEnd(event, progress);
        else if (event.type === 'error') {
          if (token.isCancellationRequested) return;
          throw errorFor(event.error);
        }
      }
    } finally {
      cancelled.dispose();
    }
  }

  provideTokenCount(_model: OfferedInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return Promise.resolve(estimateTextTokens(typeof text === 'string' ? text : textOf(text)));
  }

  private async requestFor(
    model: OfferedInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
  ): Promise<ChatRequest> {
    const lmMessages = lmMessagesOf(messages);
    try {
      const request = buildLmRequest(this.deps.settings.current, {
        target: model.offer.target,
        messages: toChatMessages(lmMessages, (ids) => this.reasoning.recall(ids)),
        tools: (options.tools ?? []).map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema })),
        toolRequired: options.toolMode === vscode.LanguageModelChatToolMode.Required,
        modelOptions: options.modelOptions,
        sessionId: await conversationSessionId(lmMessages),
        factsOf: (id) => this.deps.service.catalogue.find(id),
      });
      const catalogue = this.deps.service.catalogue;
      checkLmRequest(request, (id) => catalogue.find(id));
      return request;
    } catch (error) {
      if (error instanceof LmRequestError) throw error.code === 'not_found' ? vscode.LanguageModelError.NotFound(error.message) : new Error(error.message);
      if (error instanceof LmMessageError) throw new Error(error.message);
      throw error;
    }
  }

  /**
   * The answer's tool calls, the reasoning that must come back with them, then its usage for VS Code's context
   * indicator; the fallback path goes to the log.
   */
  private reportEnd(done: DoneInfo, progress: vscode.Progress<vscode.LanguageModelResponsePart>): void {
    const callIds: string[] = [];
    for (const call of done.toolCalls) {
      let input: object;
      try {
        const parsed: unknown = call.arguments.trim() ? JSON.parse(call.arguments) : {};
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        input = parsed;
      } catch {
        throw new Error(`${done.model} called the tool ${call.name} with arguments that are not a JSON object. Ask again, or pick another model.`);
      }
      const callId = call.id ?? `call_${call.name}_${callIds.length}`;
      callIds.push(callId);
      progress.report(new vscode.LanguageModelToolCallPart(callId, call.name, input));
    }
    if (callIds.length > 0 && done.reasoningDetails.length > 0) {
      this.reasoning.remember(callIds, done.reasoningDetails);
      const details = dataPart(reasoningDetailsData(done.reasoningDetails), REASONING_DETAILS_MIME);
      if (details) progress.report(details as vscode.LanguageModelResponsePart);
    }
    const usage = usagePart(done);
    if (usage) progress.report(usage as vscode.LanguageModelResponsePart);
    if (done.fallbackPath.length > 1) this.deps.log.info(`VS Code chat: answered by ${done.model} after ${done.fallbackPath.slice(0, -1).join(', ')}`);
  }
}

type DataPartClass = new (data: Uint8Array, mimeType: string) => unknown;

/** A data part, where this VS Code has them (1.104 has no such class; VS Code returns ours with the history). */
function dataPart(data: Uint8Array, mimeType: string): unknown {
  const DataPart = (vscode as unknown as { LanguageModelDataPart?: DataPartClass }).LanguageModelDataPart;
  return DataPart ? new DataPart(data, mimeType) : undefined;
}

/** The usage as a data part with mime type `usage`, OpenAI-shaped: recent VS Code fills its context indicator. */
function usagePart(done: DoneInfo): unknown {
  if (!done.usage) return undefined;
  const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = done.usage;
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
  return dataPart(new TextEncoder().encode(JSON.stringify(usage)), 'usage');
}

const MISSING_MODEL_CODES: ReadonlySet<string> = new Set(['model_not_found', 'model_deprecated', 'free_variant_ended']);

/** An engine error as VS Code shows it: our message names the cause and the fix. */
function errorFor(error: OpenRouterError): Error {
  if (error.kind === 'auth') return vscode.LanguageModelError.NoPermissions(error.message);
  if (error.status === 404 && error.kind !== 'no_provider') return vscode.LanguageModelError.NotFound(error.message);
  // A model that does not exist, was retired or is no longer free will not come back: VS Code's own word for that.
  if (error.availability && MISSING_MODEL_CODES.has(error.availability.code)) return vscode.LanguageModelError.NotFound(error.message);
  return new Error(error.message);
}

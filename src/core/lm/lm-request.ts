// The request for one answer in VS Code's chat: the same request the panel builds (settings, routing, limits), with
// VS Code's tools and options, checked before sending for what would surely fail. Pure.
import { buildChatRequest, type RequestSettings } from '../chat/chat-request';
import { chainReasoning, type ReasoningFacts } from '../chat/chain-reasoning';
import { reasoningBody } from '../chat/reasoning-choice';
import type { Settings } from '../config/settings';
import type { ChatMessage, ChatRequest } from '../openrouter/http';
import type { ModelInfo } from '../openrouter/catalogue-schemas';
import { estimatePromptTokens } from '../spend/token-estimate';
import { formatTokens } from '../format';
import type { OfferTarget } from './offered-models';

export interface LmTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object | undefined;
}

export interface LmRequestInput {
  readonly target: OfferTarget;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly LmTool[];
  /** VS Code's Required tool mode: the model must call a tool. */
  readonly toolRequired: boolean;
  readonly modelOptions: Readonly<Record<string, unknown>> | undefined;
  readonly sessionId: string;
  /** Catalogue entries, so each model of the chain is sent only the reasoning it accepts; absent: sent as chosen. */
  readonly factsOf?: ReasoningFacts | undefined;
}

/** Why a request was refused before sending: the message VS Code shows, and whether a model is missing. */
export class LmRequestError extends Error {
  constructor(
    message: string,
    readonly code: 'not_found' | 'bad_request',
  ) {
    super(message);
  }
}

/**
 * `modelOptions` that are OpenRouter request parameters; anything else a caller passes is VS Code's or another
 * provider's business and is not sent.
 */
const PASSED_OPTIONS = ['temperature', 'top_p', 'top_k', 'max_tokens', 'stop', 'seed', 'frequency_penalty', 'presence_penalty', 'repetition_penalty', 'reasoning', 'response_format', 'service_tier'] as const;

/** The reasoning effort (or budget) picked for a model in the panel applies to it here too, unless the caller sets one. */
export type LmRequestSettings = RequestSettings & Partial<Pick<Settings, 'reasoning'>>;

export function buildLmRequest(settings: LmRequestSettings, input: LmRequestInput): ChatRequest {
  const { target } = input;
  // The caller owns the prompt: the panel's system prompt is not slipped into an agent's conversation. A plain model
  // entry has no fallbacks: the user picked that model, not the chain.
  const request = buildChatRequest({ ...settings, systemPrompt: '', fallbackModels: [...target.fallbacks] }, input.messages, {
    model: target.model,
    maxTokens: target.maxTokens,
    temperature: target.temperature,
    sessionId: input.sessionId,
    reasoning: input.modelOptions?.['reasoning'] === undefined ? reasoningBody(settings.reasoning?.[target.model], input.factsOf?.(target.model)) : undefined,
  });
  // A caller's own reasoning is what the model asked for gets; the fallbacks get it fitted to what each accepts.
  const callerReasoning = input.modelOptions?.['reasoning'];
  const asked = isObject(callerReasoning) ? callerReasoning : request.reasoning;
  const reasoningByModel = chainReasoning(target.model, request.fallbacks ?? [], asked, settings.reasoning, input.factsOf ?? (() => undefined));
  if (reasoningByModel) request.reasoningByModel = reasoningByModel;
  if (input.tools.length > 0) {
    request.tools = input.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.inputSchema ?? { type: 'object', properties: {} } },
    }));
    if (input.toolRequired) request.tool_choice = 'required';
  }
  const extra: Record<string, unknown> = {};
  for (const name of PASSED_OPTIONS) {
    const value = input.modelOptions?.[name];
    if (value !== undefined) extra[name] = value;
  }
  if (typeof extra['max_tokens'] === 'number') request.max_tokens = extra['max_tokens'];
  if (typeof extra['temperature'] === 'number') request.temperature = extra['temperature'];
  delete extra['max_tokens'];
  delete extra['temperature'];
  // VS Code places cache breakpoints only for its own providers; buildChatRequest placed ours (cache-breakpoints.ts),
  // and session_id keeps the provider (and its cache) sticky.
  if (Object.keys(extra).length > 0) request.extra = { ...request.extra, ...extra };
  return request;
}

/**
 * What would surely fail, caught before anything is sent (and paid): a model the catalogue no longer lists, tools
 * for a model that cannot call them, a prompt over the context window. Throws LmRequestError naming the cause.
 */
export function checkLmRequest(request: ChatRequest, find: (id: string) => ModelInfo | undefined): void {
  for (const tool of request.tools ?? []) {
    const problem = toolProblem(tool);
    if (problem) throw new LmRequestError(`The tool ${problem.name} cannot be sent to OpenRouter: ${problem.reason}. The extension that offers it must fix it.`, 'bad_request');
  }
  const model = find(request.model);
  if (!model) throw new LmRequestError(`OpenRouter no longer lists ${request.model}. Pick another model, or refresh the model list.`, 'not_found');
  if (request.tools?.length && !model.supportedParameters.includes('tools')) {
    throw new LmRequestError(`${request.model} cannot call tools. Pick a model that can call tools, or ask without them.`, 'bad_request');
  }
  const context = model.contextLength;
  if (context === undefined) return;
  const prompt = estimatePromptTokens(request.messages);
  const output = request.max_tokens ?? 0;
  if (prompt + output > context) {
    throw new LmRequestError(
      `The conversation is about ${formatTokens(prompt)} tokens${output ? ` plus ${formatTokens(output)} for the answer` : ''}, over ${request.model}'s context of ${formatTokens(context)}. Start a new chat, or pick a model with a larger context.`,
      'bad_request',
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Function names as the API takes them. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Why a tool would be refused by the API (its name, or an input schema that is not a JSON Schema object). */
function toolProblem(tool: unknown): { name: string; reason: string } | undefined {
  const fn = (tool as { function?: { name?: unknown; parameters?: unknown } }).function;
  const name = typeof fn?.name === 'string' ? fn.name : '(unnamed)';
  if (!TOOL_NAME.test(name)) return { name: `"${name.slice(0, 80)}"`, reason: 'its name must be 1 to 64 letters, digits, _ or -' };
  const schema = fn?.parameters;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { name, reason: 'its input schema is not a JSON object' };
  const type = (schema as { type?: unknown }).type;
  if (type !== undefined && type !== 'object') return { name, reason: `its input schema describes ${JSON.stringify(type)}, where a tool's input must be an object` };
  return undefined;
}

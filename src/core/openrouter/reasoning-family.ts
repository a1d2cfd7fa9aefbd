// `reasoning_details` go back with the assistant turns of a tool loop, unchanged, but only to the family of models
// that wrote them: their `format` names it, and signed or encrypted reasoning from one family is refused by another
// (a chat that moves from Claude to GPT, or falls back across families, would otherwise fail on history it cannot
// read). Details of another known family are left out for the model asked; unknown formats are kept.
import type { ChatMessage } from './http';

/** OpenRouter's `reasoning_details[].format` values, by the model-id prefix of the family that writes them. */
const FORMATS_BY_PREFIX: readonly (readonly [string, readonly string[]])[] = [
  ['anthropic/', ['anthropic-claude-v1']],
  ['openai/', ['openai-responses-v1', 'azure-openai-responses-v1']],
  ['x-ai/', ['xai-responses-v1']],
  ['google/', ['google-gemini-v1']],
];
const KNOWN_FORMATS = new Set(FORMATS_BY_PREFIX.flatMap(([, formats]) => formats));

/** The formats `model`'s family writes and reads; empty for a family that has none of its own. */
function formatsOf(model: string): readonly string[] {
  return FORMATS_BY_PREFIX.find(([prefix]) => model.startsWith(prefix))?.[1] ?? [];
}

function formatOf(detail: unknown): string | undefined {
  const format = typeof detail === 'object' && detail !== null ? (detail as { format?: unknown }).format : undefined;
  return typeof format === 'string' ? format : undefined;
}

/** Whether `model` can be sent this detail: its own family's, or one no known family claims. */
function readable(detail: unknown, model: string): boolean {
  const format = formatOf(detail);
  return format === undefined || !KNOWN_FORMATS.has(format) || formatsOf(model).includes(format);
}

/** Whether any message carries a detail of a known family's format: only then does the model asked matter. */
export function carriesFamilyReasoning(messages: readonly ChatMessage[]): boolean {
  return messages.some((message) => detailsOf(message)?.some((detail) => KNOWN_FORMATS.has(formatOf(detail) ?? '')) === true);
}

/** The formats of `a` and `b` are read alike, so one request body serves both. */
export function sameReasoningFamily(a: string, b: string): boolean {
  return formatsOf(a).join() === formatsOf(b).join();
}

/** The messages as `model` can take them; the same array when nothing had to be left out. */
export function messagesForModel(messages: readonly ChatMessage[], model: string): readonly ChatMessage[] {
  if (!carriesFamilyReasoning(messages)) return messages;
  return messages.map((message) => {
    const details = detailsOf(message);
    if (!details) return message;
    const kept = details.filter((detail) => readable(detail, model));
    if (kept.length === details.length) return message;
    const { reasoning_details: _dropped, ...rest } = message;
    return kept.length > 0 ? { ...rest, reasoning_details: kept } : rest as ChatMessage;
  });
}

function detailsOf(message: ChatMessage): readonly unknown[] | undefined {
  const details = message['reasoning_details'];
  return Array.isArray(details) ? details : undefined;
}

// Reading what OpenRouterClient.chat() yields, for the tests of the engine and of what its events carry.
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/openrouter/chat';

export async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const all: ChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** The last event, which must be of `type` (a chat ends with exactly one `done` or `error`). */
export function lastOf<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }> {
  const event = events.at(-1);
  assert.equal(event?.type, type, `last event: ${JSON.stringify(event)}`);
  return event as Extract<ChatEvent, { type: T }>;
}

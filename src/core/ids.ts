// The ids the extension gives its own records: chats, turns, and requests in the spend ledger.

export type IdPrefix = 'chat' | 'turn' | 'req';

/**
 * A unique id: the prefix, the time in base 36 so ids sort by when they were made, and a random part so two
 * windows making an id in the same millisecond never collide.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

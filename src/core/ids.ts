// The ids the extension gives its own records: chats, turns, comparisons, and requests and sessions in the spend
// ledger.

export type IdPrefix = 'chat' | 'turn' | 'req' | 'session' | 'compare';

/**
 * A unique id: the prefix, the time in base 36 so ids sort by when they were made, and a random part so two
 * windows making an id in the same millisecond never collide.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The first `bytes` bytes of the SHA-256 of `text`, in hex: a short, stable, non-reversible tag. */
export async function sha256Hex(text: string, bytes: number): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

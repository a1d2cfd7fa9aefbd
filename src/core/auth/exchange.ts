// The last step of OAuth PKCE: trade the one-time code and our verifier for a key with POST /auth/keys.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { Clock } from '../clock';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestJson, type FetchLike } from '../openrouter/api-request';

const KeyResponse = lazySchema(() => z.looseObject({ key: z.string().min(1) }));

export type ExchangeResult = { ok: true; key: string } | { ok: false; message: string };

export async function exchangeAuthCode(options: {
  baseUrl: string;
  fetch: FetchLike;
  clock: Clock;
  code: string;
  verifier: string;
  signal?: AbortSignal;
  /** Default DEFAULT_REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
}): Promise<ExchangeResult> {
  const result = await requestJson({
    fetch: options.fetch,
    clock: options.clock,
    baseUrl: options.baseUrl,
    path: 'auth/keys',
    body: JSON.stringify({ code: options.code.trim(), code_verifier: options.verifier, code_challenge_method: 'S256' }),
    signal: options.signal,
    timeouts: { totalMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS },
  });
  const withoutKey = 'OpenRouter answered the sign-in without a key. Try signing in again.';
  if (result.ok) {
    const parsed = KeyResponse.safeParse(result.body);
    return parsed.success ? { ok: true, key: parsed.data.key } : { ok: false, message: withoutKey };
  }
  // No status: no answer came (offline, timed out, stopped).
  if (result.status === undefined) {
    return { ok: false, message: 'Could not reach OpenRouter to finish signing in. Check your connection and try again.' };
  }
  if (result.status >= 200 && result.status < 300) return { ok: false, message: withoutKey };
  const reason = result.error.providerMessage;
  // 400/403: the code was wrong, used already or expired (codes are single-use and last ten minutes).
  return {
    ok: false,
    message: `OpenRouter did not accept the sign-in code (${result.status}${reason ? `: ${reason.slice(0, 200)}` : ''}). Codes work once and expire after ten minutes; sign in again.`,
  };
}

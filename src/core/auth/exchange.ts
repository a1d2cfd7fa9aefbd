// The last step of OAuth PKCE: trade the one-time code and our verifier for a key with POST /auth/keys.
import * as z from 'zod';
import { joinUrl } from '../openrouter/http';
import type { FetchLike } from '../openrouter/http';

const KeyResponse = z.looseObject({ key: z.string().min(1) });
const ErrorResponse = z.looseObject({ error: z.looseObject({ message: z.string().optional() }).optional() });

export type ExchangeResult = { ok: true; key: string } | { ok: false; message: string };

export async function exchangeAuthCode(options: {
  baseUrl: string;
  fetch: FetchLike;
  code: string;
  verifier: string;
  signal?: AbortSignal;
}): Promise<ExchangeResult> {
  let response: Response;
  try {
    response = await options.fetch(joinUrl(options.baseUrl, 'auth/keys'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: options.code.trim(), code_verifier: options.verifier, code_challenge_method: 'S256' }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch {
    return { ok: false, message: 'Could not reach OpenRouter to finish signing in. Check your connection and try again.' };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = KeyResponse.safeParse(body);
    if (parsed.success) return { ok: true, key: parsed.data.key };
    return { ok: false, message: 'OpenRouter answered the sign-in without a key. Try signing in again.' };
  }
  const detail = ErrorResponse.safeParse(body);
  const reason = detail.success ? detail.data.error?.message : undefined;
  // 400/403: the code was wrong, used already or expired (codes are single-use and last ten minutes).
  return {
    ok: false,
    message: `OpenRouter did not accept the sign-in code (${response.status}${reason ? `: ${reason.slice(0, 200)}` : ''}). Codes work once and expire after ten minutes; sign in again.`,
  };
}

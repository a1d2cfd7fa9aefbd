// OAuth PKCE for "Sign In with OpenRouter": the verifier stays with us, only its S256 challenge goes into the
// browser URL, and the one-time code is exchanged for a key with POST /auth/keys.

const VERIFIER_BYTES = 48; // 64 base64url characters, inside RFC 7636's 43–128

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createCodeVerifier(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return base64Url(random(new Uint8Array(VERIFIER_BYTES)));
}

export async function codeChallengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The page on openrouter.ai where the user approves the key. The API base's origin serves it. */
export function authorizationUrl(authOrigin: string, callbackUrl: string | undefined, challenge: string): string {
  const url = new URL('/auth', authOrigin);
  if (callbackUrl) url.searchParams.set('callback_url', callbackUrl);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

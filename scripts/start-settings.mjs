// The user settings and the fake's address for `npm start`, apart from start.mjs so a unit test can check them.

/**
 * Loopback addresses for the fake OpenRouter, best first. code-server rewrites links to 127.0.0.1 and localhost
 * into its own port proxy and drops their path, so Sign In would open the proxy's 404 instead of the fake's /auth
 * page; IPv6's [::1] it leaves alone. 127.0.0.1 is the fallback on machines without IPv6.
 */
export const FAKE_HOSTS = ['::1', '127.0.0.1'];

/** User settings of the `npm start` instance; `fakeBaseUrl` points the extension at the fake OpenRouter. */
export function startUserSettings({ fakeBaseUrl } = {}) {
  return {
    // The start workspace sits inside this repository's folder: without this, git asks on every start whether to
    // open the repository it found in a parent folder.
    'git.openRepositoryInParentFolders': 'never',
    ...(fakeBaseUrl ? { 'openrouter.baseUrl': fakeBaseUrl } : {}),
  };
}

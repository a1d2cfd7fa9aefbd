// Launches Debian's Chromium headless through playwright-core (Playwright never downloads a browser here).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchChromium(extRoot, { headless = true, colorScheme = 'dark' } = {}) {
  const { chromium } = createRequire(path.join(extRoot, 'package.json'))('playwright-core');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-chromium-'));
  const userDataDir = path.join(root, 'profile');
  // Webviews live on http://<hash>.localhost:PORT, a third-party frame that needs a service worker; Chromium
  // refuses those while third-party cookies are blocked, so allow them in the fresh profile.
  fs.mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Default/Preferences'), JSON.stringify({
    profile: { cookie_controls_mode: 0, block_third_party_cookies: false, default_content_setting_values: { cookies: 1 } },
  }));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless,
    colorScheme,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_CACHE_HOME: path.join(root, 'cache') },
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

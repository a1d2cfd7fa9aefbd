// Packages the extension as a VSIX, checks what is inside, installs it into code-server with
// --install-extension and checks that it activates there. This catches .vscodeignore and bundling mistakes
// that a development-folder run cannot see. Prints `vsix: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { startCodeServer } from './code-server.mjs';
import { makeWorkspace, startFake } from './fake.mjs';

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = path.join(extRoot, 'dist/openrouter-chat.vsix');
const MAX_BYTES = 1024 * 1024;
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

function listVsix() {
  // A VSIX is a zip; unzip -Z1 would need another package, so read the central directory ourselves.
  const buffer = fs.readFileSync(vsix);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extra = buffer.readUInt16LE(offset + 30);
    const comment = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

await check('npm run package builds a VSIX', () => {
  fs.rmSync(vsix, { force: true });
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: extRoot, stdio: 'pipe' });
  if (!fs.existsSync(vsix)) throw new Error('no VSIX was written');
});

await check(`the VSIX is under ${MAX_BYTES / 1024} KB`, () => {
  const bytes = fs.statSync(vsix).size;
  console.log(`       ${(bytes / 1024).toFixed(1)} KB`);
  if (bytes >= MAX_BYTES) throw new Error(`${bytes} bytes`);
});

await check('the VSIX holds only what runs', () => {
  const names = listVsix();
  const unwanted = names.filter((name) => /(^|\/)(src|test|node_modules|\.vscode-test)\/|\.map$|\.ts$/.test(name.replace(/^extension\//, '')));
  if (unwanted.length) throw new Error(`unexpected files: ${unwanted.slice(0, 5).join(', ')}`);
  for (const needed of ['extension/dist/extension.node.js', 'extension/dist/extension.web.js', 'extension/dist/webview.js', 'extension/package.json']) {
    if (!names.includes(needed)) throw new Error(`missing ${needed}`);
  }
});

const fake = await startFake(extRoot);
const { workspace, remove } = makeWorkspace(fake);
let server;
await check('code-server installs the VSIX', async () => {
  server = await startCodeServer({ extRoot, workspace, vsix });
  const installed = fs.readdirSync(server.extensionsDir).filter((name) => name.startsWith('openrouter-chat.openrouter-chat-'));
  if (installed.length !== 1) throw new Error(`extensions dir holds ${fs.readdirSync(server.extensionsDir).join(', ')}`);
});

if (server) {
  const browser = await launchChromium(extRoot);
  await check('the installed extension activates: spend in the status bar, welcome view in the sidebar', async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url());
    // The status bar item exists only once the extension's code has run.
    await page.locator('.statusbar-item[aria-label^="OpenRouter spend"]').first().waitFor({ timeout: 60000 });
    await page.locator('.activitybar [aria-label^="OpenRouter"]').first().click();
    await page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).waitFor({ timeout: 30000 });
  });
  await browser.close();
  await server.stop();
}
await fake.close();
remove();
console.log(`vsix: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Starts the fake OpenRouter (bundled by esbuild into dist/test/fake-openrouter.js) and prepares a workspace
// folder that tells the tests inside the extension host where it listens. Tests read `openrouter-test.json`
// through vscode.workspace.fs, which works in the Node and the web-worker hosts alike.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function startFake(extRoot, options = {}) {
  const { startFakeOpenRouter } = createRequire(path.join(extRoot, 'package.json'))(path.join(extRoot, 'dist/test/fake-openrouter.js'));
  return startFakeOpenRouter(options);
}

export function makeWorkspace(fake) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-workspace-'));
  fs.writeFileSync(path.join(workspace, 'openrouter-test.json'), JSON.stringify({ origin: fake.origin, baseUrl: fake.baseUrl }, null, 2));
  fs.writeFileSync(path.join(workspace, 'hello.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
  return { workspace, remove: () => fs.rmSync(workspace, { recursive: true, force: true }) };
}

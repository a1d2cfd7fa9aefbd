// `npm run fake-openrouter`: serves the fake OpenRouter on a fixed port for demos and manual testing.
//   FAKE_OPENROUTER_PORT=8787 (default). Point `openrouter.baseUrl` at http://127.0.0.1:8787/api/v1.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startFakeOpenRouter } = createRequire(path.join(root, 'package.json'))(path.join(root, 'dist/test/fake-openrouter.js'));
const port = Number(process.env.FAKE_OPENROUTER_PORT || 8787);
const fake = await startFakeOpenRouter({ port });
console.log(`fake OpenRouter listening on ${fake.baseUrl}`);
console.log('script a model:  curl -X POST ' + `${fake.origin}/__fake/script -d '{"model":"openai/gpt-4o-mini","scenarios":[{"kind":"http-error","status":429,"retryAfter":2}]}'`);
const stop = async () => { await fake.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

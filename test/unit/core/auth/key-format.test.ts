import * as assert from 'node:assert/strict';
import { checkKeyFormat } from '../../../../src/core/auth/key-format';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

function blocks(value: string, message: RegExp): void {
  const issue = checkKeyFormat(value);
  assert.ok(issue, `${JSON.stringify(value)} should be refused`);
  assert.equal(issue.blocking, true, `${JSON.stringify(value)} should be refused`);
  assert.match(issue.message, message);
}

function warns(value: string, message: RegExp): void {
  const issue = checkKeyFormat(value);
  assert.ok(issue, `${JSON.stringify(value)} should warn`);
  assert.equal(issue.blocking, false, `${JSON.stringify(value)} should only warn`);
  assert.match(issue.message, message);
}

describe('the format of a typed API key', () => {
  it('accepts a key in today\'s format, with stray spaces around it', () => {
    assert.equal(checkKeyFormat(KEY), undefined);
    assert.equal(checkKeyFormat(`  ${KEY}\n`), undefined);
  });

  it('asks for a key when the box is empty', () => {
    blocks('   ', /Enter a key/);
  });

  it('refuses what was pasted around the key, and says what to remove', () => {
    blocks(`Bearer ${KEY}`, /Remove "Bearer "/);
    blocks(`bearer ${KEY}`, /Remove "Bearer "/);
    blocks(`"${KEY}"`, /Remove the quotes/);
    blocks(`'${KEY}'`, /Remove the quotes/);
    blocks(`“${KEY}”`, /Remove the quotes/);
    blocks(`OPENROUTER_API_KEY=${KEY}`, /without the variable name/);
    blocks(`export OPENROUTER_API_KEY=${KEY}`, /without the variable name/);
  });

  it('refuses spaces and line breaks inside the key', () => {
    blocks(`${KEY.slice(0, 30)} ${KEY.slice(30)}`, /no spaces or line breaks/);
    blocks(`${KEY.slice(0, 30)}\n${KEY.slice(30)}`, /no spaces or line breaks/);
  });

  it('recognises the shortened key of OpenRouter\'s key list', () => {
    blocks('sk-or-v1-012...def', /shortened key.*create a new key/);
    blocks('sk-or-v1-012…def', /shortened key/);
    blocks('sk-or-v1-****************', /shortened key/);
  });

  it('recognises other providers\' keys', () => {
    blocks('sk-ant-api03-abcdefghijklmnopqrstuvwxyz', /Anthropic key.*start with sk-or-/);
    blocks('sk-proj-abcdefghijklmnopqrstuvwxyz0123', /OpenAI key/);
  });

  it('notices that the start of the key was not copied', () => {
    blocks(KEY.slice(2), /start of the key is missing.*sk-or-v1-/);
    blocks(KEY.slice(3), /start of the key is missing/);
    blocks(KEY.slice(6), /start of the key is missing/);
    blocks(KEY.slice(9), /start of the key is missing/);
  });

  it('refuses a fragment far too short to be a key', () => {
    blocks('sk-or-v1-', /too short/);
    blocks('sk-or-v1-abc', /too short/);
  });

  it('only warns about what a future format might have: another prefix, length or characters', () => {
    warns('rk-live-abcdefghijklmnopqrstuvwxyz', /start with sk-or-.*checks it before it is saved/);
    warns('sk-or-v2-abcdefghijklmnopqrstuvwxyz+/=', /only letters, digits.*"\+"/);
    warns(KEY.slice(0, -1), /64 characters after sk-or-v1-; this one has 63/);
    warns('sk-or-v1-invalid-key', /this one has 11/);
    assert.equal(checkKeyFormat('sk-or-v2-abcdefghijklmnopqrstuvwxyz'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { applyEnvironmentDefaults, checkBaseUrl, parseSettings, settingValue, type SettingName } from '../../../../src/core/config/settings';
import { DEFAULT_BASE_URL } from '../../../../src/core/openrouter/api-request';

function read(values: Partial<Record<SettingName, unknown>>) {
  return (name: SettingName) => values[name];
}

describe('settings', () => {
  it('fills every unset setting with its default and warns about nothing', () => {
    const { settings, warnings } = parseSettings(read({}));
    assert.equal(settings.baseUrl, DEFAULT_BASE_URL);
    assert.equal(settings['retry.maxAttempts'], 3);
    assert.deepEqual(settings.fallbackModels, []);
    assert.equal(warnings.length, 0);
  });

  it('keeps valid values', () => {
    const { settings } = parseSettings(read({ defaultModel: 'anthropic/claude-sonnet-4:nitro', maxTokens: null, provider: { sort: 'price', zdr: true } }));
    assert.equal(settings.defaultModel, 'anthropic/claude-sonnet-4:nitro');
    assert.equal(settings.maxTokens, null);
    assert.deepEqual(settings.provider, { sort: 'price', zdr: true });
  });

  it('replaces each bad value by its default with one warning naming the setting', () => {
    const { settings, warnings } = parseSettings(read({
      'retry.maxAttempts': 'three',
      fallbackModels: ['ok/model', 'bad model id with spaces'],
      provider: { sort: 'cheapest' },
      temperature: 7,
    }));
    assert.equal(settings['retry.maxAttempts'], 3);
    assert.deepEqual(settings.fallbackModels, []);
    assert.deepEqual(settings.provider, {});
    assert.equal(settings.temperature, null);
    assert.deepEqual(warnings.map((w) => w.setting).sort(), ['openrouter.fallbackModels', 'openrouter.provider', 'openrouter.retry.maxAttempts', 'openrouter.temperature']);
    assert.match(warnings.find((w) => w.setting === 'openrouter.provider')?.message ?? '', /at sort/);
  });

  it('never throws on hostile values', () => {
    const hostile = [null, 0, -1, NaN, '', '\u0000', [], {}, { __proto__: { model: 'x' } }, 'x'.repeat(100_000)];
    for (const value of hostile) {
      const names = ['baseUrl', 'presets', 'provider', 'maxTokens', 'systemPrompt'] as const;
      for (const name of names) assert.doesNotThrow(() => parseSettings(read({ [name]: value })));
    }
  });
});

describe('which level a setting comes from', () => {
  it('never takes where the key is sent, or who is named, from a workspace', () => {
    const fromRepository = { workspaceValue: 'http://127.0.0.1:9/api/v1', workspaceFolderValue: 'http://127.0.0.1:9/api/v1' };
    for (const name of ['baseUrl', 'attribution.referer', 'attribution.title', 'user'] as const) {
      assert.equal(settingValue(name, fromRepository), undefined, name);
      assert.equal(settingValue(name, { ...fromRepository, globalValue: 'mine' }), 'mine', name);
    }
  });

  it('takes other settings from the most specific level that sets them', () => {
    assert.equal(settingValue('defaultModel', { globalValue: 'a/user', workspaceValue: 'b/workspace', workspaceFolderValue: 'c/folder' }), 'c/folder');
    assert.equal(settingValue('defaultModel', { globalValue: 'a/user', workspaceValue: 'b/workspace' }), 'b/workspace');
    assert.equal(settingValue('defaultModel', { globalValue: 'a/user' }), 'a/user');
    assert.equal(settingValue('defaultModel', {}), undefined);
    assert.equal(settingValue('defaultModel', undefined), undefined);
  });
});

describe('environment defaults', () => {
  const base = parseSettings(read({})).settings;

  it('seed the default and fallback models when the user has not set them', () => {
    const settings = applyEnvironmentDefaults(base, () => false, { DEFAULT_MODEL: 'openai/gpt-4o', FALLBACK_MODEL: 'a/b, c/d' });
    assert.equal(settings.defaultModel, 'openai/gpt-4o');
    assert.deepEqual(settings.fallbackModels, ['a/b', 'c/d']);
  });

  it('never override what the user set', () => {
    const settings = applyEnvironmentDefaults({ ...base, defaultModel: 'x/y' }, () => true, { DEFAULT_MODEL: 'openai/gpt-4o', FALLBACK_MODEL: 'a/b' });
    assert.equal(settings.defaultModel, 'x/y');
    assert.deepEqual(settings.fallbackModels, []);
  });

  it('ignore values that are not model ids', () => {
    const settings = applyEnvironmentDefaults(base, () => false, { DEFAULT_MODEL: 'rm -rf /', FALLBACK_MODEL: ' , ' });
    assert.equal(settings.defaultModel, base.defaultModel);
    assert.deepEqual(settings.fallbackModels, []);
  });
});

describe('base URL check', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(checkBaseUrl('https://openrouter.ai/api/v1').ok, true);
    assert.equal(checkBaseUrl('http://127.0.0.1:8787/api/v1').ok, true);
    assert.equal(checkBaseUrl('http://localhost:1234/v1').ok, true);
    assert.equal(checkBaseUrl('http://[::1]:1234/v1').ok, true);
    const remote = checkBaseUrl('http://example.com/v1');
    assert.equal(remote.ok, false);
    assert.match(remote.ok ? '' : remote.reason, /only for this machine/);
  });

  it('rejects non-URLs, other schemes and embedded credentials', () => {
    assert.equal(checkBaseUrl('openrouter.ai').ok, false);
    assert.equal(checkBaseUrl('ftp://openrouter.ai').ok, false);
    assert.equal(checkBaseUrl('https://user:pw@openrouter.ai/api/v1').ok, false);
    assert.equal(checkBaseUrl('http://127.0.0.1.evil.com/').ok, false);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandId, ContextKey, ViewId } from '../../src/constants';
import { SETTINGS } from '../../src/core/config/settings';
import { DEFAULT_TIMEOUTS } from '../../src/core/openrouter/chat';
import { DEFAULT_RETRY_OPTIONS } from '../../src/core/openrouter/retry-policy';

interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string; scope?: string }> };
    viewsWelcome: { view: string; when?: string }[];
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('package.json and src/constants.ts', () => {
  it('declare the same commands, all in the OpenRouter category', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(CommandId).sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'OpenRouter', command.command);
  });

  it('declare the same views and container', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [ViewId.container]);
    const views = (manifest.contributes.views[ViewId.container] ?? []).map((v) => v.id).sort();
    assert.deepEqual(views, [ViewId.chat, ViewId.welcome].sort());
  });

  it('declare every setting of the settings schema, with the same defaults and a description', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(SETTINGS).map((name) => `openrouter.${name}`).sort());
    for (const [name, spec] of Object.entries(SETTINGS)) {
      const declared = properties[`openrouter.${name}`];
      assert.ok(declared?.markdownDescription, `openrouter.${name} has no markdownDescription`);
      assert.deepEqual(declared.default, spec.default, `default of openrouter.${name}`);
    }
  });

  it('keep baseUrl at application scope so a repository cannot redirect the key', () => {
    assert.equal(manifest.contributes.configuration.properties['openrouter.baseUrl']?.scope, 'application');
  });

  it('restrict the sensitive settings in untrusted workspaces', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['openrouter.provider', 'openrouter.systemPrompt', 'openrouter.defaultModel', 'openrouter.presets']) {
      assert.ok(restricted.includes(name), name);
    }
  });

  it('bind Ctrl+Alt+O to the composer, and Ctrl+Alt+E to Explain Selection in any editor (the current line when nothing is selected)', () => {
    const bound = (key: string) => manifest.contributes.keybindings.find((k) => k.key === key);
    assert.deepEqual(bound('ctrl+alt+o'), { command: CommandId.focusComposer, key: 'ctrl+alt+o', mac: 'cmd+alt+o' });
    assert.deepEqual(bound('ctrl+alt+e'), { command: CommandId.explainSelection, key: 'ctrl+alt+e', mac: 'cmd+alt+e', when: 'editorTextFocus' });
    const commands: string[] = Object.values(CommandId);
    for (const { command } of manifest.contributes.keybindings) assert.ok(commands.includes(command), `${command} is one of ours`);
  });

  it('show the welcome view only without a key', () => {
    assert.ok(manifest.contributes.viewsWelcome.some((w) => w.view === ViewId.welcome && w.when === `!${ContextKey.hasKey}`));
  });
});

describe('the engine\'s defaults', () => {
  // The settings schema reads its defaults from the engine's constants, and package.json is checked against the
  // schema above; this pins the values themselves, which the README and the settings' descriptions state.
  it('keep the values the settings UI shows: 90 s to the first byte, 60 s idle, 30 s of retries, 3 attempts', () => {
    assert.deepEqual(DEFAULT_TIMEOUTS, { firstByteMs: 90_000, idleMs: 60_000 });
    assert.equal(DEFAULT_RETRY_OPTIONS.maxWaitMs, 30_000);
    assert.equal(DEFAULT_RETRY_OPTIONS.maxAttempts, 3);
  });
});

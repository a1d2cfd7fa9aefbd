import * as assert from 'node:assert/strict';
import { settingInSection } from '../../../../src/core/config/inspected-section';
import { settingValue } from '../../../../src/core/config/settings';

describe('settings read from one inspection of the section', () => {
  const section = {
    globalValue: { defaultModel: 'a/user', budget: { session: 2, daily: 5 }, baseUrl: 'https://mine.example/api/v1', provider: { order: ['x'] } },
    workspaceValue: { defaultModel: 'b/workspace', budget: { daily: 1 }, baseUrl: 'https://repo.example/api/v1' },
    workspaceFolderValue: { 'vscodeChat.models': ['c/folder'] },
  };

  it('picks each level of a nested setting out of the section', () => {
    assert.deepEqual(settingInSection(section, 'budget.daily'), { globalValue: 5, workspaceValue: 1 });
    assert.deepEqual(settingInSection(section, 'budget.session'), { globalValue: 2 });
    assert.deepEqual(settingInSection(section, 'provider'), { globalValue: { order: ['x'] } });
  });

  it('reads a key written with its dots as one name', () => {
    assert.deepEqual(settingInSection(section, 'vscodeChat.models'), { workspaceFolderValue: ['c/folder'] });
  });

  it('gives the value the per-setting read gave, the user-only rule included', () => {
    assert.equal(settingValue('defaultModel', settingInSection(section, 'defaultModel')), 'b/workspace');
    assert.equal(settingValue('budget.daily', settingInSection(section, 'budget.daily')), 1);
    assert.equal(settingValue('baseUrl', settingInSection(section, 'baseUrl')), 'https://mine.example/api/v1');
  });

  it('finds nothing where nothing is set, or a level is not an object', () => {
    assert.deepEqual(settingInSection(section, 'temperature'), {});
    assert.deepEqual(settingInSection(section, 'budget.monthly'), {});
    assert.deepEqual(settingInSection({ globalValue: 'not a section' }, 'defaultModel'), {});
    assert.equal(settingInSection(undefined, 'defaultModel'), undefined);
  });
});

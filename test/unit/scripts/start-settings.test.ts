import * as assert from 'node:assert/strict';
import { FAKE_HOSTS, startUserSettings } from '../../../scripts/start-settings.mjs';

describe('the settings `npm start` writes', () => {
  it('turns off git\'s question about the repository in a parent folder of the start workspace', () => {
    assert.equal(startUserSettings()['git.openRepositoryInParentFolders'], 'never');
    assert.equal(startUserSettings({ fakeBaseUrl: 'http://[::1]:8787/api/v1' })['git.openRepositoryInParentFolders'], 'never');
  });

  it('points the extension at the fake OpenRouter only when there is one', () => {
    assert.equal(startUserSettings({ fakeBaseUrl: 'http://[::1]:8787/api/v1' })['openrouter.baseUrl'], 'http://[::1]:8787/api/v1');
    assert.equal('openrouter.baseUrl' in startUserSettings(), false);
  });

  it('serves the fake on [::1] first: code-server rewrites links to 127.0.0.1 and would lose the sign-in page', () => {
    assert.equal(FAKE_HOSTS[0], '::1');
  });
});

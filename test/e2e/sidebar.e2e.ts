import * as assert from 'node:assert/strict';
import { chatFrame, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

describe('the OpenRouter sidebar in the workbench', function () {
  let workbench: Workbench;

  before(async function () {
    workbench = await openWorkbench();
  });

  after(async function () {
    await workbench?.stop();
  });

  it('shows the OpenRouter entry in the activity bar', async () => {
    const entry = workbench.page.locator('.activitybar [aria-label^="OpenRouter"]').first();
    await entry.waitFor();
    assert.equal(await entry.isVisible(), true);
  });

  it('renders the chat view when the entry is clicked', async () => {
    await workbench.page.locator('.activitybar [aria-label^="OpenRouter"]').first().click();
    const frame = chatFrame(workbench.page);
    const heading = frame.getByRole('heading', { name: 'OpenRouter Chat' });
    await heading.waitFor({ timeout: 30000 });
    assert.match(await frame.locator('.placeholder').innerText(), /Show Log/);
    await screenshot(workbench.page, 'sidebar');
  });

  it('runs "OpenRouter: Show Log" from the command palette', async () => {
    await runCommand(workbench.page, 'OpenRouter: Show Log');
    // The Output panel opens on our channel, whose first line records the activation.
    const output = workbench.page.locator('.output-view, .panel .monaco-editor').filter({ hasText: 'activated in' }).first();
    await output.waitFor({ timeout: 15000 });
    assert.match(await output.innerText(), /activated in a (desktop|web) extension host/);
  });
});

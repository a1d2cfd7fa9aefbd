import * as assert from 'node:assert/strict';
import type { AnswerVersion, AssistantTurn } from '../../src/core/chat/model';
import { answer, HostScript, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, type PanelPage } from './panel-page';

interface FocusProbe {
  document: { activeElement: { getAttribute(name: string): string | null } | null };
}
const focusedLabel = (): string | null => (globalThis as unknown as FocusProbe).document.activeElement?.getAttribute('aria-label') ?? null;

const FIRST: AnswerVersion = {
  text: 'The first answer.', reasoning: '', status: 'done', createdAt: 1_700_000_000_000, notices: [],
  meta: meta({ model: 'openai/gpt-4o-mini', cost: { usd: 0.0125, basis: 'exact', source: 'usage' } }),
};
const SECOND: AnswerVersion = {
  text: 'The second answer.', reasoning: '', status: 'done', createdAt: 1_700_000_000_001, notices: [],
  meta: meta({ model: 'openai/gpt-4o', requestedModel: 'openai/gpt-4o', cost: { usd: 0.0375, basis: 'exact', source: 'usage' } }),
};

/** Answer `a1` showing version `shown` of FIRST and SECOND, as the host sends it. */
function twoVersions(shown: 0 | 1, extra: Partial<AssistantTurn> = {}): AssistantTurn {
  const [shownVersion, other] = shown === 0 ? [FIRST, SECOND] : [SECOND, FIRST];
  return answer('a1', shownVersion.text, { ...shownVersion, versions: [other], shownVersion: shown, ...extra });
}

describe('the versions of an answer', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('show ‹ 2/2 › on an answer asked again, browse back by keyboard, and show each version\'s own footer', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Hi'), twoVersions(1)] })));
    const { page } = panel;
    const versions = page.getByRole('group', { name: 'Answer 2 of 2' });
    await versions.waitFor();
    assert.equal(await versions.innerText(), '2/2');
    const previous = versions.getByRole('button', { name: 'Previous Answer' });
    const next = versions.getByRole('button', { name: 'Next Answer' });
    assert.equal(await next.getAttribute('aria-disabled'), 'true', 'the newest is shown');
    assert.equal(await previous.getAttribute('aria-disabled'), 'false');
    await page.getByRole('list', { name: 'Answer details' }).filter({ hasText: 'openai/gpt-4o' }).waitFor();

    // Keyboard: Tab reaches the button, Enter presses it; the host answers with the answer redrawn.
    await previous.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('chat/showVersion'), { type: 'chat/showVersion', turnId: 'a1', version: 0 });
    await panel.send(new HostScript(1).turn(twoVersions(0)));
    const first = page.getByRole('group', { name: 'Answer 1 of 2' });
    await first.waitFor();
    await page.getByRole('article', { name: 'Answer' }).filter({ hasText: 'The first answer.' }).waitFor();
    assert.equal(await page.getByText('The second answer.').count(), 0, 'one version shows at a time');
    const footer = page.getByRole('list', { name: 'Answer details' });
    assert.match(await footer.innerText(), /openai\/gpt-4o-mini/);
    assert.match(await footer.innerText(), /0\.0125/);
    assert.equal(await page.evaluate(focusedLabel), 'Previous Answer', 'the focus stays on the button pressed');
    assert.equal(await first.getByRole('button', { name: 'Previous Answer' }).getAttribute('aria-disabled'), 'true');

    // At the first version Previous does nothing; Tab goes on to Next, which goes forward again.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(focusedLabel), 'Next Answer');
    await page.keyboard.press('Enter');
    await panel.waitForPosted('chat/showVersion', { version: 1 });
    const posted = (await panel.posted()).filter((m) => m.type === 'chat/showVersion');
    assert.deepEqual(posted.map((m) => m.type === 'chat/showVersion' && m.version), [0, 1]);
  });

  it('shows no ‹ › on an answer asked once, and browses nothing while an answer streams', async () => {
    panel = await openPanel();
    const streaming = answer('a2', '', { status: 'streaming', versions: [FIRST], shownVersion: 1 });
    await panel.send(snapshot(1, state({ streaming: true }, { turns: [userTurn('u0', 'Hello'), answer('a0', 'Once.'), userTurn('u1', 'Hi'), streaming] })));
    const { page } = panel;
    assert.equal(await page.getByRole('article', { name: 'Answer' }).filter({ hasText: 'Once.' }).getByRole('group').count(), 0);
    const versions = page.getByRole('group', { name: 'Answer 2 of 2' });
    await versions.waitFor();
    const previous = versions.getByRole('button', { name: 'Previous Answer' });
    assert.equal(await previous.getAttribute('aria-disabled'), 'true');
    // Forced: a click that a person could still make on a button that only says it is unavailable.
    await previous.click({ force: true });
    const host = new HostScript(1);
    await panel.send(host.delta('a2', 'Done.'));
    await panel.send(host.end(answer('a2', 'Done.', { versions: [FIRST], shownVersion: 1 }), { meta: meta() }));
    await page.waitForFunction(() => document.querySelector('.answer-versions:not([hidden]) [aria-label="Previous Answer"]')?.getAttribute('aria-disabled') === 'false');
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/showVersion').length, 0, 'nothing was asked while it streamed');
    await previous.click();
    await panel.waitForPosted('chat/showVersion', { turnId: 'a2', version: 0 });
  });
});

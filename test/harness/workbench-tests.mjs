// Opens a workbench whose server was started with an extensionTestsPath and waits for the test runner's exit
// code. The workbench reports it through window.codeAutomationExit(code) and forwards the extension host's
// console through window.codeAutomationLog(type, args); both must be exposed before the page loads.
import util from 'node:util';

/**
 * Plays the user for the one question integration tests cannot answer from inside the extension host: the
 * notification that asks before the key goes to a new host (here, the fake on 127.0.0.1). The e2e suite tests that
 * question itself.
 */
function confirmKeyDestinations(page, { notificationCentre = false } = {}) {
  let stopped = false;
  // By role, not by the toast's classes, which differ between VS Code versions.
  const button = page.getByRole('button', { name: /^Send Key to / });
  // VS Code 1.139 keeps an extension's notification in the notification centre without a toast: the bell opens it.
  const bell = page.locator('.statusbar-item[id*="notifications"]').last();
  const centre = page.locator('.notifications-center');
  (async () => {
    while (!stopped) {
      try {
        await button.first().click({ timeout: notificationCentre ? 2000 : 0 });
        console.log('[harness] confirmed sending the key to the fake OpenRouter');
      } catch {
        if (page.isClosed()) return;
        if (!(await centre.isVisible().catch(() => false))) await bell.click({ timeout: 1000 }).catch(() => undefined);
      }
    }
  })();
  return () => { stopped = true; };
}

/**
 * `afterRun` may return more checks, `{ title, ok, detail }`, made from outside the workbench once its tests have
 * run (logs on disk); each counts as one test.
 */
export async function runTestsInWorkbench(context, url, { label, timeoutMs = 240000, notificationCentre = false, afterRun }) {
  const counts = { passing: 0, failing: 0, pending: 0 };
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => { console.error(`${label}: timed out after ${timeoutMs} ms`); resolve(1); }, timeoutMs);
    (async () => {
      const page = context.pages()[0] ?? await context.newPage();
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = util.format(...args);
        (console[type] ?? console.log)(text);
        for (const name of Object.keys(counts)) {
          const match = text.match(new RegExp(`^\\s*(\\d+) ${name}\\b`));
          if (match) counts[name] = Number(match[1]);
        }
      });
      await page.exposeFunction('codeAutomationExit', (exitCode) => { clearTimeout(timer); resolve(exitCode); });
      page.on('pageerror', (error) => console.error('[pageerror]', error.message));
      await page.goto(url);
      confirmKeyDestinations(page, { notificationCentre });
    })().catch((error) => { console.error(error); clearTimeout(timer); resolve(1); });
  });
  let extra = { passed: 0, failed: 0 };
  for (const check of (await afterRun?.()) ?? []) {
    console.log(`  ${check.ok ? '✔' : '✗'} ${check.title}${check.ok ? '' : `\n${check.detail}`}`);
    extra = check.ok ? { ...extra, passed: extra.passed + 1 } : { ...extra, failed: extra.failed + 1 };
  }
  // A skipped test counts as a failure: every test must run.
  const ok = code === 0 && counts.pending === 0 && counts.passing > 0 && extra.failed === 0;
  const failed = code === 0 && counts.pending === 0 && counts.passing > 0 ? extra.failed : Math.max(counts.failing + counts.pending, 1) + extra.failed;
  console.log(`${label}: ${counts.passing + extra.passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

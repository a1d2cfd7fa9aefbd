// Opens a workbench whose server was started with an extensionTestsPath and waits for the test runner's exit
// code. The workbench reports it through window.codeAutomationExit(code) and forwards the extension host's
// console through window.codeAutomationLog(type, args); both must be exposed before the page loads.
import util from 'node:util';

export async function runTestsInWorkbench(context, url, { label, timeoutMs = 240000 }) {
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
    })().catch((error) => { console.error(error); clearTimeout(timer); resolve(1); });
  });
  // A skipped test counts as a failure: every test must run.
  const ok = code === 0 && counts.pending === 0 && counts.passing > 0;
  const failed = ok ? 0 : Math.max(counts.failing + counts.pending, 1);
  console.log(`${label}: ${counts.passing} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

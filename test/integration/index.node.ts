// Test entry for the Node extension host: VS Code calls run() and reports its outcome as the exit code.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration-suites', mocha);
  // esbuild's suites plugin turns this into a require of every test/integration/suite/*.test.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('integration-suites');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}

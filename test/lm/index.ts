// Test entry of the consumer extension: VS Code calls run() in the consumer's extension host and reports the outcome
// as the exit code. The suites call our models only through `vscode.lm`, as any other extension would.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'lm-suites', mocha);
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./models.lm');
  require('./requests.lm');
  require('./spend.lm');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}

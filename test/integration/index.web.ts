// Test entry for the web-worker extension host: mocha's browser build, the same suites as the Node host.
import 'mocha/mocha';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 30000 });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('integration-suites');
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

// Injected into the web-worker test bundle: Node polyfills that mocha's assert pulls in expect a global `process`.
export const process = {
  env: {}, platform: 'browser', version: '', versions: {}, browser: true, cwd: () => '/',
  nextTick: (fn, ...args) => setTimeout(() => fn(...args), 0),
};

// The Node process, where there is one. The desktop and code-server run the extension's Node bundle; VS Code for
// the Web runs the same code in a web worker, which has no `process` at all, so every use goes through here.

interface NodeProcessLike {
  readonly env?: Record<string, string | undefined>;
  readonly versions?: { readonly node?: string };
}

function nodeProcess(): NodeProcessLike | undefined {
  return (globalThis as { process?: NodeProcessLike }).process;
}

/** Whether this is the Node extension host (not the web worker). */
export function runsInNode(): boolean {
  return typeof nodeProcess()?.versions?.node === 'string';
}

/** Environment variables, where the host has them; empty in a web worker. */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return nodeProcess()?.env ?? {};
}

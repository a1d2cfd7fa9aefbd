import type * as vscode from 'vscode';

/**
 * A part built the first time it is used rather than at activation, and disposed with the extension once built.
 * Activation then pays only for what shows the status bar and registers the commands and views.
 */
export function lazy<T extends vscode.Disposable>(subscriptions: vscode.Disposable[], make: () => T): () => T {
  let made: T | undefined;
  return () => {
    if (made === undefined) {
      made = make();
      subscriptions.push(made);
    }
    return made;
  };
}

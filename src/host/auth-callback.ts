import * as vscode from 'vscode';

/**
 * Receives `vscode://openrouter-chat.openrouter-chat/auth-callback?code=…` after the user approves the key in the
 * browser. `env.asExternalUri` turns that address into one that reaches this window in desktop VS Code,
 * code-server and VS Code for the Web alike.
 */
export class AuthCallbackHandler implements vscode.UriHandler {
  static readonly path = '/auth-callback';
  private waiting: ((code: string) => void) | undefined;

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== AuthCallbackHandler.path) return;
    const code = new URLSearchParams(uri.query).get('code');
    if (code && this.waiting) this.waiting(code);
  }

  /** Resolves with the next code that arrives, or undefined when the token is cancelled. */
  nextCode(token: vscode.CancellationToken): Promise<string | undefined> {
    return new Promise((resolve) => {
      const subscription = token.onCancellationRequested(() => finish(undefined));
      const finish = (code: string | undefined): void => {
        subscription.dispose();
        this.waiting = undefined;
        resolve(code);
      };
      this.waiting = finish;
    });
  }
}

// The baseline of the view-switch benchmark: webview views whose page is one heading, one kept alive while hidden
// (as the chat view is) and one not (VS Code's default, which loads the page again each time it is shown).
/* global require, exports */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads this file as it is, as CommonJS
const vscode = require('vscode');

exports.activate = (context) => {
  for (const [id, retainContextWhenHidden] of [['trivialWebview.view', false], ['retainedTrivialWebview.view', true]]) {
    const provider = {
      resolveWebviewView(view) {
        view.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>
<body><h1 id="${id}">Trivial webview</h1></body></html>`;
      },
    };
    context.subscriptions.push(vscode.window.registerWebviewViewProvider(id, provider, { webviewOptions: { retainContextWhenHidden } }));
  }
};

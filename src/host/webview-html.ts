import * as vscode from 'vscode';

/** A fresh nonce per render: only our own script and stylesheet may run under the content security policy. */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface WebviewPage {
  title: string;
  script: vscode.Uri;
  stylesheets: vscode.Uri[];
}

/** The HTML shell of a webview: a strict CSP with a nonce, and nothing but our bundle and stylesheet. */
export function renderWebviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = createNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.stylesheets.map((sheet) => `<link rel="stylesheet" nonce="${nonce}" href="${webview.asWebviewUri(sheet).toString()}">`).join('\n')}
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}" src="${webview.asWebviewUri(page.script).toString()}"></script>
</body>
</html>`;
}

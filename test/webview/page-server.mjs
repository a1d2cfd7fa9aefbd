// Serves the chat webview, the usage dashboard and the compare panel outside VS Code, for the component tests and the render
// benchmark: the same HTML shell and content security policy as src/host/webview-html.ts, the real bundles and
// stylesheets, and a stub of `acquireVsCodeApi` that records what the page posts. Every request is logged, so a
// test can prove that no image or other remote resource was fetched (any URL aimed at this server that is not an
// asset gets a 404 and is remembered).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const ASSETS = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/dist/dashboard.js': ['dist/dashboard.js', 'text/javascript'],
  '/dist/compare.js': ['dist/compare.js', 'text/javascript'],
  '/media/compare.css': ['media/compare.css', 'text/css'],
  '/media/dashboard.css': ['media/dashboard.css', 'text/css'],
  '/media/chat.css': ['media/chat.css', 'text/css'],
  '/media/markdown.css': ['media/markdown.css', 'text/css'],
  '/media/transcript.css': ['media/transcript.css', 'text/css'],
  '/dist/codicons/codicon.css': ['dist/codicons/codicon.css', 'text/css'],
  '/dist/codicons/codicon.ttf': ['dist/codicons/codicon.ttf', 'font/ttf'],
  '/test/theme.css': ['test/webview/theme.css', 'text/css'],
};

/** The pages: the chat panel, the usage dashboard and the compare panel, each with its title, stylesheet and bundle. */
const PAGES = {
  '/panel.html': { title: 'OpenRouter Chat', stylesheet: '/media/chat.css', bundle: '/dist/webview.js' },
  '/dashboard.html': { title: 'OpenRouter Usage', stylesheet: '/media/dashboard.css', bundle: '/dist/dashboard.js' },
  '/compare.html': { title: 'Compare Models', stylesheet: '/media/compare.css', bundle: '/dist/compare.js' },
};

// Runs before the webview script. `acquireVsCodeApi` mirrors VS Code's: postMessage, getState, setState.
const STUB = `(() => {
  const posted = [];
  const violations = [];
  let state = window.__initialViewState;
  window.__posted = posted;
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective + ' ' + event.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage(message) { posted.push(JSON.parse(JSON.stringify(message))); },
    getState() { return state; },
    setState(value) { state = value; window.__savedViewState = value; },
  });
})();`;

function page(origin, { title, stylesheet, bundle }, { csp, theme, viewState, script }) {
  const nonce = randomBytes(16).toString('hex');
  const policy = [
    "default-src 'none'",
    `style-src ${origin} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${origin}`,
    `img-src ${origin} data:`,
  ].join('; ');
  const state = viewState ? `<script nonce="${nonce}">window.__initialViewState = ${JSON.stringify(JSON.parse(viewState)).replace(/</g, '\\u003c')};</script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${policy}">` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" nonce="${nonce}" href="/test/theme.css">
<link rel="stylesheet" nonce="${nonce}" href="/dist/codicons/codicon.css">
<link rel="stylesheet" nonce="${nonce}" href="${stylesheet}">
</head>
<body class="vscode-${theme}">
<main id="root"></main>
${state}
<script nonce="${nonce}" src="/stub.js"></script>
${script ? `<script nonce="${nonce}" src="${bundle}"></script>` : ''}
</body>
</html>`;
}

/**
 * Starts the server on 127.0.0.1. `url({ csp, theme })` is the panel page: `csp: false` leaves out the policy so a
 * test can see what the sanitiser alone lets through; `theme` is dark, light or high-contrast; `script: false`
 * leaves out the webview bundle (a benchmark's baseline). `dashboardUrl({ theme })` is the usage dashboard.
 */
export async function startPageServer(extRoot) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const shell = PAGES[url.pathname];
    if (shell) {
      const options = {
        csp: url.searchParams.get('csp') !== 'off',
        theme: url.searchParams.get('theme') ?? 'dark',
        viewState: url.searchParams.get('viewState'),
        script: url.searchParams.get('script') !== 'off',
      };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page(origin, shell, options));
      return;
    }
    if (url.pathname === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(STUB);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const asset = ASSETS[url.pathname];
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    fs.readFile(path.join(extRoot, asset[0]), (error, body) => {
      if (error) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
        return;
      }
      res.writeHead(200, { 'content-type': asset[1], 'cache-control': 'no-store' });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    requests,
    /** Paths the server was asked for that are not the page or its assets. */
    unexpectedRequests: () => requests.filter((p) => !(p.split('?')[0] in PAGES || p === '/stub.js' || p === '/favicon.ico' || p.split('?')[0] in ASSETS)),
    url: ({ csp = true, theme = 'dark', viewState, script = true } = {}) =>
      `${origin}/panel.html?csp=${csp ? 'on' : 'off'}&theme=${theme}&script=${script ? 'on' : 'off'}` +
      (viewState ? `&viewState=${encodeURIComponent(JSON.stringify(viewState))}` : ''),
    dashboardUrl: ({ theme = 'dark' } = {}) => `${origin}/dashboard.html?theme=${theme}`,
    compareUrl: ({ theme = 'dark' } = {}) => `${origin}/compare.html?theme=${theme}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

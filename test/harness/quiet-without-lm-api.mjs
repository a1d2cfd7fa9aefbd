// On a VS Code without the Language Model Chat Provider API (1.100–1.103) the extension must say nothing alarming
// about it: no error and no warning in its own log or in the extension host's log, only the one information line.
// Read from the logs code-server writes under its user data folder, after the suite has run. The same logs show
// whether a webview of ours was ever shown without its content security policy.
import fs from 'node:fs';
import path from 'node:path';

const ABOUT_THE_API = /language ?model|languageModelChatProvider|vscode\.lm|VS Code chat/i;
const ALARMING = /\[(error|warning)\]/i;

function logFiles(userData) {
  const root = path.join(userData, 'logs');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.log'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The checks, each `{ title, ok, detail }`, counted by the runner like tests. */
export function checkQuietWithoutLmApi(userData) {
  const files = logFiles(userData);
  const ours = files.filter((file) => file.includes('openrouter-chat.openrouter-chat'));
  const hosts = files.filter((file) => /exthost/i.test(path.basename(file)));
  const read = (list) => list.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').map((line) => ({ file: path.basename(file), line })));
  const ourLines = read(ours);
  const said = ourLines.some(({ line }) => /\[info\].*no language model provider API/.test(line));
  const missingCsp = read(hosts).filter(({ line }) => /openrouter-chat created a webview without a content security policy/.test(line));
  const alarming = [...ourLines, ...read(hosts)].filter(({ line }) => ALARMING.test(line) && ABOUT_THE_API.test(line));
  return [
    {
      title: 'on VS Code 1.100 the extension says once, as information, that the provider API is missing',
      ok: said,
      detail: said ? '' : `no such line in ${ours.length ? ours.map((f) => path.basename(f)).join(', ') : 'any log of the extension'}`,
    },
    {
      // VS Code warns when a webview is shown with HTML that has no CSP: for us, only ever an empty page.
      title: 'no webview of ours is ever shown without its content security policy',
      ok: hosts.length > 0 && missingCsp.length === 0,
      detail: missingCsp.map(({ file, line }) => `${file}: ${line}`).join('\n'),
    },
    {
      title: 'on VS Code 1.100 neither its log nor the extension host log has an error or warning about it',
      ok: hosts.length > 0 && alarming.length === 0,
      detail: hosts.length === 0 ? 'no extension host log found' : alarming.map(({ file, line }) => `${file}: ${line}`).join('\n'),
    },
  ];
}

// The chat panel's script. It renders what the host sends and owns no state of its own.
import { HostToWebview } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root');

function render(placeholder: string): void {
  if (!root) return;
  const heading = document.createElement('h2');
  heading.textContent = 'OpenRouter Chat';
  const text = document.createElement('p');
  text.className = 'placeholder';
  text.textContent = placeholder;
  root.replaceChildren(heading, text);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostToWebview.safeParse(event.data);
  if (!parsed.success) {
    console.warn('openrouter chat: dropped a malformed message from the host');
    return;
  }
  switch (parsed.data.type) {
    case 'state/snapshot':
      render(parsed.data.placeholder);
      return;
  }
});

vscode.postMessage({ type: 'webview/ready' });

// The chat panel's script: connects to the host, builds the panel, and says it is ready. The host answers with a
// full snapshot; the panel renders whatever it is sent and owns no state of its own.
import './zod-jitless';
import { connectToHost } from './host-bridge';
import { ChatPanel } from './panel';

const root = document.getElementById('root');
if (!root) throw new Error('openrouter chat: the page has no #root element');

// Messages arrive only after `webview/ready` is posted, by which time the panel exists.
const panelRef: { current?: ChatPanel } = {};
const bridge = connectToHost((message) => panelRef.current?.receive(message));
panelRef.current = new ChatPanel(root, bridge);
bridge.post({ type: 'webview/ready' });

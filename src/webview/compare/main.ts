// The compare panel's script: connects to the host, builds the page, and says it is ready. The host answers with
// the whole comparison, then numbered changes as the columns stream.
import '../zod-jitless';
import { HostToCompare } from '../../protocol/compare';
import { connectVsCode } from '../vscode-api';
import { CompareView } from './compare-view';

const root = document.getElementById('root');
if (!root) throw new Error('openrouter compare: the page has no #root element');

// Messages arrive only after `compare/ready` is posted, by which time the view exists.
const viewRef: { current?: CompareView } = {};
const api = connectVsCode(HostToCompare, 'openrouter compare', (message) => viewRef.current?.receive(message));
viewRef.current = new CompareView(root, (message) => api.postMessage(message));
api.postMessage({ type: 'compare/ready' });

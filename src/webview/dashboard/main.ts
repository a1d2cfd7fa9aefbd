// The usage dashboard's script: connects to the host, builds the page, and says it is ready. The host answers with
// the whole view model; the page draws whatever it is sent and owns no state of its own.
import '../zod-jitless';
import { connectDashboard } from './bridge';
import { DashboardView } from './dashboard-view';

const root = document.getElementById('root');
if (!root) throw new Error('openrouter usage: the page has no #root element');

// Messages arrive only after `dashboard/ready` is posted, by which time the view exists.
const viewRef: { current?: DashboardView } = {};
const bridge = connectDashboard((message) => viewRef.current?.receive(message));
viewRef.current = new DashboardView(root, bridge);
bridge.post({ type: 'dashboard/ready' });

// The dashboard's only link to VS Code: posts typed messages, validates everything received, and keeps the filter
// in the webview state so a restored panel reopens with it.
import type { DashboardFilter } from '../../protocol/dashboard-state';
import { DashboardViewStateSchema, HostToDashboard, type DashboardToHost } from '../../protocol/dashboard';
import { connectVsCode } from '../vscode-api';

export interface DashboardBridge {
  post(message: DashboardToHost): void;
  saveFilter(filter: DashboardFilter): void;
}

/** Connects to the host; `receive` gets only messages that match the catalogue. */
export function connectDashboard(receive: (message: HostToDashboard) => void): DashboardBridge {
  const api = connectVsCode(HostToDashboard, 'openrouter usage', receive);
  return {
    post: (message) => api.postMessage(message),
    saveFilter: (filter) => api.setState(DashboardViewStateSchema.parse({ filter })),
  };
}

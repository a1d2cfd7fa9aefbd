// The dashboard's only link to VS Code: posts typed messages, validates everything received, and keeps the filter
// in the webview state so a restored panel reopens with it.
import type { DashboardFilter } from '../../core/spend/dashboard-schema';
import { DashboardViewStateSchema, HostToDashboard, type DashboardToHost } from '../../protocol/dashboard';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface DashboardBridge {
  post(message: DashboardToHost): void;
  saveFilter(filter: DashboardFilter): void;
}

/** Connects to the host; `receive` gets only messages that match the catalogue. */
export function connectDashboard(receive: (message: HostToDashboard) => void): DashboardBridge {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = HostToDashboard.safeParse(event.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      console.warn(`openrouter usage: dropped a malformed message from the host (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
      return;
    }
    receive(parsed.data);
  });
  return {
    post: (message) => api.postMessage(message),
    saveFilter: (filter) => api.setState(DashboardViewStateSchema.parse({ filter })),
  };
}

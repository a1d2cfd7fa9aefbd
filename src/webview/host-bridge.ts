// The chat panel's link to VS Code: posts typed messages, validates everything received, and keeps the small
// piece of view state (scroll position) that VS Code may hand back when the webview is re-created.
import * as z from 'zod';
import { HostToWebview, type WebviewToHost } from '../protocol/messages';
import { connectVsCode } from './vscode-api';

/** Where the reader was; nothing else is kept in the webview, the host owns the rest. */
const ViewStateSchema = z.object({
  chatId: z.string(),
  scrollTop: z.number().nonnegative(),
  atBottom: z.boolean(),
});
export type ViewState = z.infer<typeof ViewStateSchema>;

export interface HostBridge {
  post(message: WebviewToHost): void;
  loadViewState(): ViewState | undefined;
  saveViewState(state: ViewState): void;
}

/** Connects to the host; `receive` gets only messages that match the catalogue. */
export function connectToHost(receive: (message: HostToWebview) => void): HostBridge {
  const api = connectVsCode(HostToWebview, 'openrouter chat', receive);
  return {
    post: (message) => api.postMessage(message),
    loadViewState() {
      const parsed = ViewStateSchema.safeParse(api.getState());
      return parsed.success ? parsed.data : undefined;
    },
    saveViewState: (state) => api.setState(state),
  };
}

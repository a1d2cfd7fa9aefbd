// What a webview script gets from VS Code, shared by the chat panel and the dashboard: the API object (which a
// page may acquire only once) and a listener that lets through only messages matching the page's catalogue.
import type * as z from 'zod';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * Acquires the API and passes every message from the host that `schema` accepts to `receive`. Anything else is
 * dropped with a warning in the webview's console, prefixed with `source` ("openrouter chat").
 */
export function connectVsCode<T>(schema: z.ZodType<T>, source: string, receive: (message: T) => void): VsCodeApi {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = schema.safeParse(event.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      console.warn(`${source}: dropped a malformed message from the host (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
      return;
    }
    receive(parsed.data);
  });
  return api;
}

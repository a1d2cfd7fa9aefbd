// Types of the plain-JavaScript page server that the TypeScript webview tests import.
declare module '*/webview/page-server.mjs' {
  export interface PageServer {
    origin: string;
    requests: string[];
    unexpectedRequests(): string[];
    url(options?: { csp?: boolean; theme?: 'dark' | 'light' | 'high-contrast'; viewState?: unknown; script?: boolean }): string;
    dashboardUrl(options?: { theme?: 'dark' | 'light' | 'high-contrast' }): string;
    compareUrl(options?: { theme?: 'dark' | 'light' | 'high-contrast' }): string;
    close(): Promise<void>;
  }
  export function startPageServer(extRoot: string): Promise<PageServer>;
}

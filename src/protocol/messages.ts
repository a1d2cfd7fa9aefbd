// Every message between the chat webview and the extension host. Both sides safeParse what they receive.
import * as z from 'zod';

export const WebviewReady = z.object({ type: z.literal('webview/ready') });

/** Messages the webview sends to the host. */
export const WebviewToHost = z.discriminatedUnion('type', [WebviewReady]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;

export const StateSnapshot = z.object({
  type: z.literal('state/snapshot'),
  /** What the panel shows until the conversation view exists. */
  placeholder: z.string().max(2000),
});

/** Messages the host sends to the webview. */
export const HostToWebview = z.discriminatedUnion('type', [StateSnapshot]);
export type HostToWebview = z.infer<typeof HostToWebview>;

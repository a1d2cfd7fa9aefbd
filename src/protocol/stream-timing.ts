// How often streamed text moves, agreed by both ends of the panel's protocol. No DOM and no editor: the host, the
// webview and their tests all import it.

/**
 * A streaming answer is redrawn at most this often, about 30 times a second: words still flow smoothly, and the
 * fixed cost of every redraw (layout and paint included) is paid half as often as at 60 frames a second.
 */
export const STREAM_REDRAW_INTERVAL_MS = 30;

/**
 * The host posts streamed text at most this often, merging what arrives in between. Providers send a chunk every
 * token or two, hundreds a second for a fast model, and every message is serialised, relayed through the webview's
 * frames and validated. The panel redraws no more often than this, so posting more often would show nothing sooner.
 */
export const STREAM_POST_INTERVAL_MS = STREAM_REDRAW_INTERVAL_MS;

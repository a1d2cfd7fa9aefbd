// Timing the panel and its tests share. No DOM here: the component tests import it from Node.

/**
 * A streaming answer is redrawn at most this often, about 30 times a second: words still flow smoothly, and the
 * fixed cost of every redraw (layout and paint included) is paid half as often as at 60 frames a second.
 */
export const STREAM_REDRAW_INTERVAL_MS = 30;

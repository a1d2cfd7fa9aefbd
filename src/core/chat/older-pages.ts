// How many older turns the panel asks for at a time. A reader who opens a long chat and scrolls up slowly reads a
// page at a time; one who flings to the top wants to get there in a few round trips, not fifty. So a request that
// follows the last page quickly asks for twice as many, and a pause brings the page back to its first size.

/** The first page after a snapshot, and the page a reader who pauses gets. */
export const FIRST_OLDER_PAGE = 40;
/** The most turns one `history/older` reply may carry: each is rendered (and laid out) when it arrives. */
export const MAX_OLDER_PAGE = 640;
/** A request within this long of the last page's arrival means the reader is still scrolling up. */
export const FAST_SCROLL_MS = 1500;

/** The size of the next page, from the size of the last one and how long ago it arrived (undefined: none yet). */
export function nextOlderPageSize(lastSize: number | undefined, msSinceLastPage: number | undefined): number {
  if (lastSize === undefined || msSinceLastPage === undefined || msSinceLastPage > FAST_SCROLL_MS) return FIRST_OLDER_PAGE;
  return Math.min(MAX_OLDER_PAGE, Math.max(FIRST_OLDER_PAGE, Math.floor(lastSize) * 2));
}

/** The page size the host honours: what the panel asked for, within bounds (an older panel asks for none). */
export function olderPageSize(asked: number | undefined): number {
  if (asked === undefined || !Number.isFinite(asked)) return FIRST_OLDER_PAGE;
  return Math.min(MAX_OLDER_PAGE, Math.max(1, Math.floor(asked)));
}

/**
 * Whether a reply of older turns continues what the panel shows: it must end exactly where the panel's first turn
 * begins. A reply to a request made before a snapshot rebuilt the panel (another page, another length of chat)
 * does not, and prepending it would leave a gap, or repeat turns, above the reader.
 */
export function continuesShownTurns(shownOlderCount: number, reply: { olderCount: number; turnCount: number }): boolean {
  return reply.olderCount + reply.turnCount === shownOlderCount && reply.olderCount < shownOlderCount;
}

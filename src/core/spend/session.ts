// What "this session" means to the session budget. A session is a stretch of use of one workspace's window: it
// survives Reload Window and a restart of VS Code, and ends once the window has gone a long time without use
// (SESSION_IDLE_MS since its last request or start). The session's id is kept in the workspace's storage and
// written on every ledger record, so the session's spend is read back from the ledger after a reload.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

/** A window that starts this long after its session was last used starts a new session. */
export const SESSION_IDLE_MS = 4 * 60 * 60 * 1000;

const SpendSessionSchema = lazySchema(() => z.object({ id: z.string().min(1).max(100), lastUsedAt: z.number().int().nonnegative() }));
export type SpendSession = z.infer<typeof SpendSessionSchema>;

/**
 * The session of a window starting at `now`: the saved one, when it was used less than `idleMs` ago; a new one
 * otherwise (nothing saved, something unreadable, too long ago, or a clock that went back). Either way used `now`.
 */
export function resumeSession(saved: unknown, now: number, newId: () => string, idleMs = SESSION_IDLE_MS): SpendSession {
  const parsed = SpendSessionSchema.safeParse(saved);
  const since = parsed.success ? now - parsed.data.lastUsedAt : -1;
  const id = parsed.success && since >= 0 && since < idleMs ? parsed.data.id : newId();
  return { id, lastUsedAt: now };
}

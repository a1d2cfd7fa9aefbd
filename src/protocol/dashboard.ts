// Every message between the usage dashboard webview and the extension host, named `scope/verb`. Both sides
// safeParse what they receive, drop (and log) what does not parse, and dispatch with an exhaustive switch.
//
// The host owns all state and computes the whole view model; after `dashboard/ready` (first load, reload, restore)
// and after every change it posts a complete `dashboard/state`. The dashboard is small, so there are no deltas.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { DashboardFilterSchema, DashboardStateSchema } from './dashboard-state';

// ---- webview -> host ----

export const DashboardToHost = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('dashboard/ready') }),
  /** The user changed the range, model or workspace; the host answers with a new state. */
  z.object({ type: z.literal('dashboard/filter'), filter: DashboardFilterSchema }),
  /** Export the records the current filter shows, through a save dialog. */
  z.object({ type: z.literal('dashboard/exportCsv') }),
  /** Read the ledger and /key again now. */
  z.object({ type: z.literal('dashboard/refresh') }),
]));
export type DashboardToHost = z.infer<typeof DashboardToHost>;

// ---- host -> webview ----

export const HostToDashboard = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('dashboard/state'), state: DashboardStateSchema }),
]));
export type HostToDashboard = z.infer<typeof HostToDashboard>;

/** What the webview keeps with `setState`, so a restored panel comes back with the same filters. */
export const DashboardViewStateSchema = lazySchema(() => z.object({ filter: DashboardFilterSchema }));
export type DashboardViewState = z.infer<typeof DashboardViewStateSchema>;

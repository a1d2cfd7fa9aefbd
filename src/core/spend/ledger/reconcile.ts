// Turning an estimated ledger record into an exact one with OpenRouter's own record of the generation.
//
// A record is an estimate when the stream ended before the usage frame (a cancel, a dropped connection) and the
// cost was computed from catalogue prices. GET /generation has the charge OpenRouter actually made, seconds later;
// `pollGeneration` waits for it. The caller injects the lookup, so this stays free of HTTP and timers.
import type { Generation, GenerationPollResult } from '../../openrouter/generation';
import type { LedgerRecord } from './record';

/** Looks one generation up, normally `(id) => pollGeneration(id, request)`. */
export type GenerationLookupFn = (generationId: string) => Promise<GenerationPollResult>;

/** Whether reconciling can change the record: an estimate that knows its generation id. */
export function needsReconciliation(record: LedgerRecord): boolean {
  return record.costSource === 'estimate' && record.generationId !== undefined && record.generationId !== '';
}

/**
 * The record with OpenRouter's exact charge: the user's real spend (for bring-your-own-key, OpenRouter's fee plus
 * the provider's charge, as cost.ts counts it), marked `exact`. The model and provider are filled in when the
 * record did not know them; tokens stay as the response reported them, since the ledger totals those.
 */
export function reconciledRecord(record: LedgerRecord, generation: Generation): LedgerRecord {
  const reconciled: LedgerRecord = {
    ...record,
    cost: Math.max(0, generation.userCostUsd),
    costSource: 'exact',
    isByok: generation.isByok,
  };
  if (reconciled.model === undefined && generation.model !== undefined) reconciled.model = generation.model.slice(0, 200);
  if (reconciled.provider === undefined && generation.providerName !== undefined) reconciled.provider = generation.providerName.slice(0, 200);
  return reconciled;
}

/**
 * Looks the record's generation up and returns the exact record, or undefined when there is nothing to reconcile
 * or OpenRouter did not have the figure in time (the estimate then stays, and is labelled as one).
 */
export async function reconcileRecord(record: LedgerRecord, lookup: GenerationLookupFn): Promise<LedgerRecord | undefined> {
  if (!needsReconciliation(record) || record.generationId === undefined) return undefined;
  const result = await lookup(record.generationId);
  return result.status === 'available' ? reconciledRecord(record, result.generation) : undefined;
}

// The model catalogue: GET /models (or /models/user when a key is set), normalised, cached for a while, persisted by
// the host, and served from the last copy when OpenRouter cannot be reached.
//
// Why /models/user: it lists only the models the key's guardrails allow, so the picker does not offer models that
// would fail with 403/404. It needs a valid key; when it refuses the key (4xx) the public /models list is used and the
// refusal is reported beside it, so the UI can say "key rejected" while still showing models.

import { sha256Hex } from '../ids';
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { OpenRouterError } from './errors';
import { invalidResponseError } from './errors';
import { getJson, type JsonResult, type GetRequest, type KeyProvider } from './api-request';
import { type ModelInfo, ModelInfoSchema, parseModelList } from './catalogue-schemas';
import { metadataIdOf } from './model-id';
import { excerptOf } from './schemas';

/** Prices and models change a few times a day at most; an hour keeps the picker current without chatter. */
export const DEFAULT_CATALOGUE_TTL_MS = 60 * 60 * 1000;

export type CatalogueSource = 'models' | 'models/user';

export const CatalogueSnapshotSchema = lazySchema(() => z.object({
  /** Bumped when ModelInfo changes shape; older snapshots are then ignored rather than misread. */
  version: z.literal(1),
  models: z.array(ModelInfoSchema),
  fetchedAt: z.number(),
  source: z.enum(['models', 'models/user']),
  /** A hash of the key the list was fetched with (never the key itself); absent when fetched without one. */
  keyFingerprint: z.string().optional(),
}));
export type CatalogueSnapshot = z.infer<typeof CatalogueSnapshotSchema>;

/** Where the host keeps the last catalogue (globalState, a file…). Errors are the store's own business. */
export interface CatalogueStore {
  load(): Promise<unknown>;
  save(snapshot: CatalogueSnapshot): Promise<void>;
}

export interface CatalogueView {
  readonly models: readonly ModelInfo[];
  /** When the copy was fetched; undefined when there is no copy at all. */
  readonly fetchedAt: number | undefined;
  readonly ageMs: number | undefined;
  /** The copy is older than the time-to-live, or belongs to another key: a refresh was due and did not happen. */
  readonly stale: boolean;
  readonly source: CatalogueSource | undefined;
  /** Why the last refresh failed, when it did (offline, timeout, invalid response). */
  readonly error?: OpenRouterError;
  /** /models/user refused the key, so `models` is the unfiltered public list. */
  readonly userListError?: OpenRouterError;
  /** Entries of the last response that were malformed and left out. */
  readonly skippedEntries: number;
}

/** The request options (timeoutMs per request; see getJson) and where the key and the cached list come from. */
export interface ModelCatalogueOptions extends Omit<GetRequest, 'signal'> {
  readonly getKey: KeyProvider;
  readonly store?: CatalogueStore | undefined;
  readonly ttlMs?: number | undefined;
  /** Called when another list is in use (read from the store or fetched), for views that show models to refresh. */
  readonly onInstalled?: (() => void) | undefined;
}

interface Loaded {
  readonly snapshot: CatalogueSnapshot;
  readonly byId: ReadonlyMap<string, ModelInfo>;
}

/** A short, stable, non-reversible tag of the key, so a persisted list can be matched to the key it came from. */
export async function keyFingerprint(key: string): Promise<string> {
  return sha256Hex(`openrouter-chat/catalogue:${key}`, 8);
}

export class ModelCatalogue {
  private readonly options: ModelCatalogueOptions;
  private readonly ttlMs: number;
  private loaded: Loaded | undefined;
  private storeRead: Promise<void> | undefined;
  private refreshing: Promise<void> | undefined;
  private lastError: OpenRouterError | undefined;
  private userListError: OpenRouterError | undefined;
  private skipped = 0;
  private currentFingerprint: string | undefined;
  /** The last key hashed and its fingerprint: a budget check reads the catalogue before every request. */
  private hashed: { key: string; fingerprint: Promise<string> } | undefined;

  constructor(options: ModelCatalogueOptions) {
    this.options = options;
    this.ttlMs = options.ttlMs ?? DEFAULT_CATALOGUE_TTL_MS;
  }

  /**
   * The catalogue, refreshed first when the copy is missing, older than the TTL, fetched for another key, or when
   * `force` is set. Never rejects: a failed refresh serves the last copy with `error` set.
   */
  async get(options: { force?: boolean } = {}): Promise<CatalogueView> {
    await this.readStore();
    // A key store that fails is treated like an empty one: the public list still works.
    const key = await this.options.getKey().catch(() => undefined);
    const fingerprint = key === undefined ? undefined : await this.fingerprintOf(key);
    this.currentFingerprint = fingerprint;
    if (options.force || this.needsRefresh()) await this.refresh(key, fingerprint);
    return this.view();
  }

  /** A changed key is hashed again, so it is never taken for the key the copy was fetched with. */
  private fingerprintOf(key: string): Promise<string> {
    if (this.hashed?.key !== key) this.hashed = { key, fingerprint: keyFingerprint(key) };
    return this.hashed.fingerprint;
  }

  /** The copy in memory, without fetching; undefined before the first get(). */
  peek(): CatalogueView | undefined {
    return this.loaded || this.lastError ? this.view() : undefined;
  }

  /** The model for an id from the copy in memory; routing suffixes (`:nitro`…) are ignored, `:free` is not. */
  find(modelId: string): ModelInfo | undefined {
    const byId = this.loaded?.byId;
    return byId?.get(modelId) ?? byId?.get(metadataIdOf(modelId));
  }

  private needsRefresh(): boolean {
    if (!this.loaded) return true;
    return this.isStale(this.loaded.snapshot);
  }

  private isStale(snapshot: CatalogueSnapshot): boolean {
    if (snapshot.keyFingerprint !== this.currentFingerprint) return true;
    return this.options.clock.now() - snapshot.fetchedAt >= this.ttlMs;
  }

  private view(): CatalogueView {
    const snapshot = this.loaded?.snapshot;
    const now = this.options.clock.now();
    const fetchedAt = snapshot?.fetchedAt;
    return {
      models: snapshot?.models ?? [],
      fetchedAt,
      ageMs: fetchedAt === undefined ? undefined : Math.max(0, now - fetchedAt),
      stale: snapshot ? this.isStale(snapshot) : true,
      source: snapshot?.source,
      ...(this.lastError ? { error: this.lastError } : {}),
      ...(this.userListError ? { userListError: this.userListError } : {}),
      skippedEntries: this.skipped,
    };
  }

  /** Reads the persisted copy once; a missing, corrupt or outdated one is ignored. */
  private readStore(): Promise<void> {
    this.storeRead ??= (async () => {
      const store = this.options.store;
      if (!store) return;
      let raw: unknown;
      try {
        raw = await store.load();
      } catch {
        return; // an unreadable store is the same as an empty one; the network will fill it
      }
      const parsed = CatalogueSnapshotSchema.safeParse(raw);
      if (parsed.success && !this.loaded) this.install(parsed.data);
    })();
    return this.storeRead;
  }

  private install(snapshot: CatalogueSnapshot): void {
    const byId = new Map<string, ModelInfo>();
    for (const model of snapshot.models) byId.set(model.id, model);
    this.loaded = { snapshot, byId };
    this.options.onInstalled?.();
  }

  /** One refresh at a time: callers arriving while one runs share it. */
  private refresh(key: string | undefined, fingerprint: string | undefined): Promise<void> {
    this.refreshing ??= this.fetchAndInstall(key, fingerprint).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchAndInstall(key: string | undefined, fingerprint: string | undefined): Promise<void> {
    const request = {
      baseUrl: this.options.baseUrl,
      fetch: this.options.fetch,
      clock: this.options.clock,
      app: this.options.app,
      timeoutMs: this.options.timeoutMs,
    };
    let source: CatalogueSource = 'models';
    let result: JsonResult | undefined;
    let userListError: OpenRouterError | undefined;
    if (key !== undefined) {
      result = await getJson('models/user', { ...request, key });
      source = 'models/user';
      // A refused key (401), a forbidden list (403) or an endpoint this server lacks (404): the public list still
      // works. Network failures and 5xx would fail the same way on /models, so they are not retried there.
      if (!result.ok && result.status !== undefined && result.status >= 400 && result.status < 500) {
        userListError = result.error;
        result = undefined;
      }
    }
    if (!result) {
      // The public list needs no key; leaving it out means a rejected key cannot break it too.
      result = await getJson('models', request);
      source = 'models';
    }
    if (!result.ok) {
      this.lastError = result.error;
      return;
    }
    const parsed = parseModelList(result.body);
    if (!parsed) {
      this.lastError = invalidResponseError(`${source}: expected { data: [...] }`, excerptOf(result.text));
      return;
    }
    const snapshot: CatalogueSnapshot = {
      version: 1,
      models: parsed.models,
      fetchedAt: this.options.clock.now(),
      source,
      ...(fingerprint !== undefined ? { keyFingerprint: fingerprint } : {}),
    };
    this.install(snapshot);
    this.lastError = undefined;
    this.userListError = userListError;
    this.skipped = parsed.skippedCount;
    try {
      await this.options.store?.save(snapshot);
    } catch {
      // Persisting is a convenience for the next start; the list in memory is already good.
    }
  }
}

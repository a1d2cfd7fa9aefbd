// Model ids and their `:variant` suffixes.
//
// OpenRouter ids look like `author/slug` with an optional `:variant`. Two kinds of suffix exist and they must be
// treated differently:
//  - catalogue variants (`:free`, `:batch`, and older ones such as `:thinking` or `:extended`) are models of their
//    own in GET /models, with their own prices and limits. Stripping `:free` would show a paid model's prices for a
//    free one, so anything we do not know to be routing-only is kept.
//  - routing variants (`:nitro` sort by throughput, `:floor` sort by price, `:exacto` tool-calling quality, and the
//    deprecated `:online` web plugin) only change how OpenRouter routes the request. They never appear in the
//    catalogue, so metadata look-ups must drop them.

/** Suffixes that only steer routing; never part of a catalogue id. */
export const ROUTING_VARIANTS = ['nitro', 'floor', 'exacto', 'online'] as const;
export type RoutingVariant = (typeof ROUTING_VARIANTS)[number];

/** Suffixes known to name catalogue entries of their own. Others are kept too; this list is for display. */
export const CATALOGUE_VARIANTS = ['free', 'batch'] as const;

export interface ParsedModelId {
  /** The id as given. */
  readonly id: string;
  /** The id to look up in the catalogue: routing suffixes removed, catalogue suffixes kept. */
  readonly metadataId: string;
  /** Routing suffixes that were removed, in the order they appeared. */
  readonly routingVariants: readonly RoutingVariant[];
  /** The catalogue suffix that remains on `metadataId`, without the colon (`free`, `batch`, …). */
  readonly catalogueVariant: string | undefined;
}

function isRoutingVariant(suffix: string): suffix is RoutingVariant {
  return (ROUTING_VARIANTS as readonly string[]).includes(suffix);
}

/** Splits an id into its catalogue id and its routing suffixes. Never throws. */
export function parseModelId(id: string): ParsedModelId {
  const trimmed = id.trim();
  // Preset references (`@preset/slug`) are not catalogue ids; leave them untouched.
  if (trimmed.startsWith('@')) {
    return { id, metadataId: trimmed, routingVariants: [], catalogueVariant: undefined };
  }
  let rest = trimmed;
  const removed: RoutingVariant[] = [];
  // Strip routing suffixes from the end, repeatedly, so `x:free:nitro` keeps `:free`.
  for (;;) {
    const colon = rest.lastIndexOf(':');
    if (colon <= 0) break;
    const suffix = rest.slice(colon + 1).toLowerCase();
    if (!isRoutingVariant(suffix)) break;
    removed.unshift(suffix);
    rest = rest.slice(0, colon);
  }
  const colon = rest.lastIndexOf(':');
  const catalogueVariant = colon > 0 ? rest.slice(colon + 1) : undefined;
  return { id, metadataId: rest, routingVariants: removed, catalogueVariant };
}

/** The id under which GET /models lists this model: `a/b:nitro` → `a/b`, `a/b:free` → `a/b:free`. */
export function metadataIdOf(modelId: string): string {
  return parseModelId(modelId).metadataId;
}

/** Whether the id names a `:free` catalogue entry (own rate limits: 20/min and a daily cap). */
export function isFreeVariantId(modelId: string): boolean {
  return parseModelId(modelId).catalogueVariant?.toLowerCase() === 'free';
}

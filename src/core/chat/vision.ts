// Which models read images, and which one to offer when the model in use does not: the nearest the person already
// chose, looking first at the fallback chain, then the favourites, then the models picked recently.

export interface InputFacts {
  readonly inputModalities?: readonly string[];
}

/** Whether a model reads images; a model the catalogue does not know is given the benefit of the doubt. */
export function readsImages(facts: InputFacts | undefined): boolean {
  return facts?.inputModalities === undefined || facts.inputModalities.includes('image');
}

export interface VisionCandidates {
  readonly chain: readonly string[];
  readonly favourites: readonly string[];
  readonly recent: readonly string[];
}

/** The first model of the chain, the favourites or the recent ones that the catalogue says reads images. */
export function nearestVisionModel(current: string, candidates: VisionCandidates, factsOf: (model: string) => InputFacts | undefined): string | undefined {
  const ordered = [...candidates.chain, ...candidates.favourites, ...candidates.recent];
  // Only models the catalogue knows: offering one it does not could fail the same way.
  return ordered.find((model) => model !== current && factsOf(model)?.inputModalities?.includes('image') === true);
}

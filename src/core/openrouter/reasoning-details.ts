// `reasoning_details` as a stream delivers them: fragments of each detail, one per chunk, told apart by `index`.
// Anthropic and Gemini reject a tool turn that does not bring its reasoning back unchanged, so the fragments are put
// back together exactly: text and summary pieces joined in order, the other fields (signature, data, id, format) as
// the last fragment that had them says.

type Detail = Record<string, unknown>;

const JOINED = ['text', 'summary'] as const;

export class ReasoningDetails {
  private readonly byIndex = new Map<number, Detail>();

  add(fragments: readonly unknown[]): void {
    for (const [position, fragment] of fragments.entries()) {
      if (typeof fragment !== 'object' || fragment === null || Array.isArray(fragment)) continue;
      const piece = fragment as Detail;
      const index = typeof piece['index'] === 'number' ? piece['index'] : this.byIndex.size + position;
      const detail = this.byIndex.get(index);
      if (!detail || (piece['type'] !== undefined && detail['type'] !== piece['type'])) {
        this.byIndex.set(index, { ...piece });
        continue;
      }
      for (const [key, value] of Object.entries(piece)) {
        if (value === undefined || value === null) continue;
        const joined = (JOINED as readonly string[]).includes(key) && typeof value === 'string' && typeof detail[key] === 'string';
        detail[key] = joined ? `${detail[key] as string}${value}` : value;
      }
    }
  }

  /** The details as they go back to the API, in index order. */
  get all(): unknown[] {
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([, detail]) => detail);
  }
}

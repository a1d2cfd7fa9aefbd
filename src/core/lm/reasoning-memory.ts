// The reasoning details of recent tool turns, by their tool call ids. Anthropic and Gemini reject a tool turn sent
// back without the reasoning that came with it. A VS Code with data parts returns ours with the history; an older
// one drops them, and then the details are found here by the call ids VS Code does return. Bounded: the oldest go
// first, and a conversation that old can carry on without them only where the provider allows it.
export class ReasoningMemory {
  private readonly byCall = new Map<string, readonly unknown[]>();

  constructor(private readonly capacity = 200) {}

  remember(callIds: readonly string[], details: readonly unknown[]): void {
    if (details.length === 0) return;
    for (const id of callIds) {
      this.byCall.delete(id);
      this.byCall.set(id, details);
    }
    while (this.byCall.size > this.capacity) {
      const oldest = this.byCall.keys().next().value;
      if (oldest === undefined) break;
      this.byCall.delete(oldest);
    }
  }

  recall(callIds: readonly string[]): readonly unknown[] | undefined {
    for (const id of callIds) {
      const details = this.byCall.get(id);
      if (details) return details;
    }
    return undefined;
  }
}

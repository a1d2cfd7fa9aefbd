// Up and Down in an empty composer (or with the caret at its very start/end) walk through earlier prompts, like a
// shell history. The prompts come from the chat; only the position in them and the unsent draft live here.

export class PromptRecall {
  /** Index into the prompts while recalling; undefined when showing the user's own draft. */
  private index: number | undefined;
  private draft = '';

  /** The prompt before the one shown, or undefined at the oldest. `current` is what the composer holds now. */
  older(prompts: readonly string[], current: string): string | undefined {
    if (prompts.length === 0) return undefined;
    if (this.index === undefined) {
      this.draft = current;
      this.index = prompts.length;
    }
    if (this.index === 0) return undefined;
    this.index--;
    return prompts[this.index];
  }

  /** The prompt after the one shown; past the newest, the draft the user was writing. */
  newer(prompts: readonly string[]): string | undefined {
    if (this.index === undefined) return undefined;
    this.index++;
    if (this.index >= prompts.length) {
      this.index = undefined;
      return this.draft;
    }
    return prompts[this.index];
  }

  get isRecalling(): boolean {
    return this.index !== undefined;
  }

  /** The user typed or sent: the next Up starts again from the newest prompt. */
  reset(): void {
    this.index = undefined;
    this.draft = '';
  }
}

// DOM work for streamed messages is batched: a burst of deltas between two frames costs one update, and the
// panel stays responsive however fast tokens arrive.

export type FrameTask = () => void;

export class FrameScheduler {
  private readonly pending = new Set<FrameTask>();
  private frameRequested = false;

  /** Runs `task` in the next animation frame, once however often it is scheduled before then. */
  schedule(task: FrameTask): void {
    this.pending.add(task);
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.flush());
  }

  /** Drops work scheduled for views that no longer exist (a snapshot rebuilds them all). */
  clear(): void {
    this.pending.clear();
  }

  private flush(): void {
    this.frameRequested = false;
    if (this.pending.size === 0) return;
    const tasks = [...this.pending];
    this.pending.clear();
    for (const task of tasks) task();
  }
}

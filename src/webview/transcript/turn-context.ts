// What a turn view needs from the panel around it, passed in so views never reach for globals.
import type { WebviewToHost } from '../../protocol/messages';
import type { FrameTask } from '../frame-scheduler';
import type { CodeActions } from '../markdown/code-actions';

export interface TurnContext {
  post(message: WebviewToHost): void;
  codeActions: CodeActions;
  /** Runs DOM work in the next animation frame, batched with everything else. */
  schedule(task: FrameTask): void;
  focusComposer(): void;
}

/** What the transcript tells every turn after a change: some buttons only make sense at some times. */
export interface TurnInteractivity {
  streaming: boolean;
  /** This is the newest answer (the one Regenerate would replace). */
  isLastAnswer: boolean;
}

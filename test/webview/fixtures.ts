// Protocol messages as the host would send them, with defaults for everything a test does not care about.
import type { AnswerError, AnswerMeta, AssistantTurn, Notice, Turn, UserTurn } from '../../src/core/chat/model';
import { answerEndMessage, type HostToWebview, type PanelState } from '../../src/protocol/messages';

export const CHAT_ID = 'chat-1';

export function userTurn(id: string, text: string, extra: Partial<UserTurn> = {}): UserTurn {
  return { id, role: 'user', text, createdAt: 1_700_000_000_000, attachments: [], ...extra };
}

export function answer(id: string, text: string, extra: Partial<AssistantTurn> = {}): AssistantTurn {
  return { id, role: 'assistant', text, reasoning: '', status: 'done', createdAt: 1_700_000_000_000, notices: [], ...extra };
}

export function meta(extra: Partial<AnswerMeta> = {}): AnswerMeta {
  return { requestedModel: 'openai/gpt-4o-mini', model: 'openai/gpt-4o-mini', fallbackPath: [], ...extra };
}

export function state(extra: Partial<PanelState> = {}, chat: Partial<PanelState['chat']> = {}): PanelState {
  return {
    hasKey: true,
    model: 'openai/gpt-4o-mini',
    chat: { id: CHAT_ID, title: 'First chat', turns: [], olderCount: 0, ...chat },
    chats: [{ id: CHAT_ID, title: 'First chat', updatedAt: Date.now(), turns: 0, cost: 0 }],
    streaming: false,
    waiting: false,
    composer: { draft: '', draftRevision: 0, attachments: [] },
    ...extra,
  };
}

export function snapshot(seq: number, panelState: PanelState = state()): HostToWebview {
  return { type: 'state/snapshot', seq, state: panelState };
}

/** Numbered host messages, in order, starting after a snapshot's seq. */
export class HostScript {
  constructor(private seq: number) {}

  private next(): number {
    this.seq += 1;
    return this.seq;
  }

  turn(turn: UserTurn | AssistantTurn): HostToWebview {
    return { type: 'chat/turn', seq: this.next(), turn };
  }

  delta(turnId: string, text: string): HostToWebview {
    return { type: 'chat/delta', seq: this.next(), turnId, text };
  }

  reasoning(turnId: string, text: string): HostToWebview {
    return { type: 'chat/reasoning', seq: this.next(), turnId, text };
  }

  notice(turnId: string, notice: Notice): HostToWebview {
    return { type: 'chat/notice', seq: this.next(), turnId, notice };
  }

  waiting(waiting: boolean): HostToWebview {
    return { type: 'chat/waiting', seq: this.next(), waiting };
  }

  /** The end of `turn`, whose text and reasoning are what the deltas carried in all (the message has their lengths). */
  end(turn: AssistantTurn, extra: { meta?: AnswerMeta; error?: AnswerError } = {}): HostToWebview {
    return { ...answerEndMessage(turn), ...extra, seq: this.next() };
  }

  /** Skips a number, as a lost message would. */
  skip(): void {
    this.next();
  }
}

/**
 * Shows a chat of `turns` (from a snapshot numbered `seq`), then a new answer `a1` starting to stream; returns the
 * host script that carries it on.
 */
export async function startStreaming(panel: { send(message: HostToWebview): Promise<void> }, turns: Turn[] = [], seq = 1): Promise<HostScript> {
  await panel.send(snapshot(seq, state({}, { turns })));
  const host = new HostScript(seq);
  await panel.send(host.turn(answer('a1', '', { status: 'streaming' })));
  return host;
}

/** Splits `text` into chunks of `size` characters (the last may be shorter). */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

// The chat controller's line to its webview, when one is connected. Numbered messages get their `seq` here, and
// streamed text goes through a batcher first: it reaches the panel in at most one message per redraw interval,
// never overtaken by a message posted after it.
import { lightenedMessage } from './panel-media';
import { TextBatcher } from './text-batcher';
import type { HostToWebview, PanelState } from '../../protocol/messages';
import { STREAM_POST_INTERVAL_MS } from '../../protocol/stream-timing';
import type { Delta, PanelUpdate } from './conversation-io';

/** Where the whole state comes from, read only when a webview is there to get it. */
export interface PanelSource {
  panelState(): PanelState;
  composerState(): PanelState['composer'];
  readonly chats: PanelState['chats'];
  readonly deletedChat: PanelState['deleted'];
}

type Unnumbered = Extract<HostToWebview, {
  type: 'history/older' | 'composer/state' | 'chats/list' | 'chats/found' | 'completion/items' | 'composer/notice' | 'composer/fileRead';
}>;

export class PanelChannel {
  private post: ((message: HostToWebview) => void) | undefined;
  private seq = 0;
  private readonly text = new TextBatcher((chunk) => this.postNumbered(chunk), STREAM_POST_INTERVAL_MS);

  constructor(private readonly source: PanelSource) {}

  /** One of the conversation core's updates, built from its state if it needs the whole of it. */
  update(update: PanelUpdate): void {
    switch (update.type) {
      case 'snapshot':
        return this.snapshot(() => this.source.panelState());
      case 'composer':
        return this.send(() => ({ type: 'composer/state', composer: this.source.composerState() }));
      case 'chats':
        return this.send(() => {
          const deleted = this.source.deletedChat;
          return { type: 'chats/list', chats: this.source.chats, ...(deleted ? { deleted } : {}) };
        });
      case 'history/older':
      case 'chats/found':
      case 'composer/notice':
        return this.send(() => update);
      default:
        return this.emit(update);
    }
  }

  connect(post: (message: HostToWebview) => void): void {
    this.post = (message) => post(lightenedMessage(message));
  }

  disconnect(): void {
    this.post = undefined;
  }

  /** A numbered change; streamed text may wait briefly to go with the text that follows it. */
  emit(delta: Delta): void {
    if (delta.type === 'chat/delta' || delta.type === 'chat/reasoning') {
      this.text.push(delta);
      return;
    }
    this.text.flush();
    if (delta.type === 'chat/end') this.text.ended(delta.turn.id);
    this.postNumbered(delta);
  }

  /** The whole state; built only when a webview is there to get it. */
  snapshot(state: () => PanelState): void {
    // The turns in the snapshot already hold the text still waiting to be posted.
    this.text.discard();
    this.post?.({ type: 'state/snapshot', seq: this.seq, state: state() });
  }

  /** A message outside the numbered sequence (nothing a snapshot would not restore); built only if it can go. */
  send(message: () => Unnumbered): void {
    this.post?.(message());
  }

  dispose(): void {
    this.text.dispose();
  }

  private postNumbered(delta: Delta): void {
    this.seq += 1;
    this.post?.({ ...delta, seq: this.seq } as HostToWebview);
  }
}

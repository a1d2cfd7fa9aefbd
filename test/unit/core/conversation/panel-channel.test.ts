import assert from 'node:assert/strict';
import { PanelChannel, type PanelSource } from '../../../../src/core/conversation/panel-channel';
import type { HostToWebview, PanelState } from '../../../../src/protocol/messages';

const state = { hasKey: true, model: 'm', chat: { id: 'chat-1', title: 't', turns: [], olderCount: 0 }, chats: [], streaming: true, waiting: false, composer: { draft: '', draftRevision: 0, attachments: [] } } satisfies PanelState;

function channel(): { panel: PanelChannel; posted: HostToWebview[]; reads: string[] } {
  const reads: string[] = [];
  const source: PanelSource = {
    panelState: () => (reads.push('state'), state),
    composerState: () => (reads.push('composer'), state.composer),
    get chats() {
      reads.push('chats');
      return [];
    },
    deletedChat: undefined,
  };
  const posted: HostToWebview[] = [];
  const panel = new PanelChannel(source);
  panel.connect((message) => posted.push(message));
  return { panel, posted, reads };
}

describe('panel channel', () => {
  it('a webview reload mid-answer: the snapshot replaces text still batched, and numbering goes on from it', () => {
    const { panel, posted } = channel();
    panel.update({ type: 'chat/delta', turnId: 't', text: 'Hel' });
    panel.update({ type: 'chat/delta', turnId: 't', text: 'lo' });
    panel.update({ type: 'snapshot' });
    panel.update({ type: 'chat/notice', turnId: 't', notice: { kind: 'info', text: 'n' } });
    panel.dispose();
    assert.deepEqual(posted.map((m) => [m.type, 'seq' in m ? m.seq : undefined]), [['chat/delta', 1], ['state/snapshot', 1], ['chat/notice', 2]]);
  });

  it('sends batched text before any later change, so nothing is overtaken', () => {
    const { panel, posted } = channel();
    panel.update({ type: 'chat/delta', turnId: 't', text: 'a' });
    panel.update({ type: 'chat/delta', turnId: 't', text: 'b' });
    panel.update({ type: 'chat/delta', turnId: 't', text: 'c' });
    panel.update({ type: 'chat/waiting', waiting: false });
    panel.dispose();
    assert.deepEqual(posted.map((m) => (m.type === 'chat/delta' ? m.text : m.type)), ['a', 'bc', 'chat/waiting']);
  });

  it('reads the whole state only when a webview is connected', () => {
    const { panel, reads } = channel();
    panel.disconnect();
    panel.update({ type: 'snapshot' });
    panel.update({ type: 'composer' });
    panel.update({ type: 'chats' });
    assert.deepEqual(reads, []);
    panel.connect(() => undefined);
    panel.update({ type: 'snapshot' });
    panel.update({ type: 'composer' });
    panel.update({ type: 'chats' });
    panel.dispose();
    assert.deepEqual(reads, ['state', 'composer', 'chats']);
  });
});

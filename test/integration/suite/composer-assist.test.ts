import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Attachment } from '../../../src/core/chat/model';
import type { ConversationInput } from '../../../src/core/conversation/conversation-io';
import { MAX_MENTIONS } from '../../../src/core/mentions/file-checks';
import type { HostToWebview } from '../../../src/protocol/messages';
import { ComposerAssist } from '../../../src/host/chat/composer-assist';
import type { ExtensionSettings } from '../../../src/host/settings';

// The host's half of the composer, with the conversation played by arrays: what it posts and what it dispatches.
describe('the composer\'s mentions and commands, on the host', () => {
  const posted: HostToWebview[] = [];
  const dispatched: ConversationInput[] = [];
  let chips: Attachment[] = [];
  const settings = { current: { slashCommands: { haiku: 'Write a haiku.' } } } as unknown as ExtensionSettings;
  const assist = new ComposerAssist({
    settings,
    post: (message) => posted.push(message),
    attachments: () => chips,
    dispatch: async (input) => dispatched.push(input),
  });
  const folder = (): vscode.Uri => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first);
    return first.uri;
  };

  beforeEach(async () => {
    posted.length = 0;
    dispatched.length = 0;
    chips = [];
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses a mention past the bound (500 mentions) with a clear message, adding nothing', async () => {
    chips = Array.from({ length: MAX_MENTIONS }, (_, i) => ({ kind: 'file', label: `f${i}.ts`, text: '', tokens: 0, uris: [`file:///w/f${i}.ts`] }));
    for (let i = 0; i < 500 - MAX_MENTIONS; i++) await assist.handle({ type: 'mention/pick', kind: 'file', id: vscode.Uri.joinPath(folder(), 'hello.ts').toString() });
    assert.strictEqual(dispatched.length, 0);
    assert.strictEqual(posted.length, 500 - MAX_MENTIONS);
    assert.deepStrictEqual(posted[0], { type: 'composer/notice', text: `A message can hold at most ${MAX_MENTIONS} mentions and attachments; remove some chips first.` });
  });

  it('adds a picked workspace file as a chip', async () => {
    await assist.handle({ type: 'mention/pick', kind: 'file', id: vscode.Uri.joinPath(folder(), 'hello.ts').toString() });
    assert.strictEqual(posted.length, 0, JSON.stringify(posted));
    const [input] = dispatched;
    assert.ok(input?.type === 'attach');
    assert.strictEqual(input.attachment.label, 'hello.ts');
    assert.match(input.attachment.text, /export function add/);
  });

  it('stops a send whose mentioned file was deleted, giving the prompt back', async () => {
    chips = [{ kind: 'file', label: 'gone.ts', text: 'x', tokens: 1, uris: [vscode.Uri.joinPath(folder(), 'gone-since.ts').toString()] }];
    await assist.send('What was in it?');
    assert.strictEqual(dispatched.length, 0);
    assert.deepStrictEqual(posted, [{ type: 'composer/notice', text: 'gone.ts was deleted after being attached; remove its chip to send.', draft: 'What was in it?' }]);
  });

  it('sends a question as typed, a /word that is no command too, and the person\'s command as a command turn', async () => {
    await assist.send('plain question');
    await assist.send('/etc/hosts looks odd');
    await assist.send('/haiku about rain');
    assert.deepStrictEqual(dispatched.slice(0, 2), [{ type: 'send', text: 'plain question' }, { type: 'send', text: '/etc/hosts looks odd' }]);
    assert.deepStrictEqual(dispatched[2], { type: 'send', text: '/haiku about rain', attachments: [], command: { name: 'haiku', instruction: 'Write a haiku.' }, typed: true });
  });

  it('refuses /fix with no code, keeping the prompt; /new starts a new chat', async () => {
    await assist.send('/fix the crash');
    assert.deepStrictEqual(posted, [{ type: 'composer/notice', text: '/fix needs code: select some in an editor, or mention a file with #.', draft: '/fix the crash' }]);
    await assist.send('/new');
    assert.deepStrictEqual(dispatched, [{ type: 'newChat' }]);
  });

  it('completes / with the built-ins and the person\'s commands', async () => {
    await assist.handle({ type: 'completion/query', seq: 7, trigger: '/', query: 'h' });
    assert.deepStrictEqual(posted, [{ type: 'completion/items', seq: 7, trigger: '/', items: [{ kind: 'command', id: 'haiku', label: '/haiku', detail: 'Write a haiku.' }] }]);
  });
});

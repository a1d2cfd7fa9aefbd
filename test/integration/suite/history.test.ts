// Chat history on a real `vscode.workspace.fs`: the disk in the Node host, the in-memory mount in the web worker.
// Each test gets a fresh folder and its own store; nothing here depends on the extension's own instance.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { chatFileName, INDEX_FILE_NAME } from '../../../src/core/chat/history-index';
import type { AssistantTurn, Chat, Turn } from '../../../src/core/chat/model';
import { readJson, writeFileAtomic, writeJsonAtomic } from '../../../src/host/atomic-file';
import { ChatHistoryStore, InvalidChatIdError } from '../../../src/host/history-store';
import * as z from 'zod';

const encoder = new TextEncoder();

function userTurn(i: number, text = `question ${i}`): Turn {
  return { id: `u${i}`, role: 'user', text, createdAt: 1_700_000_000_000 + i, attachments: [] };
}

function assistantTurn(i: number, cost = 0.000012): AssistantTurn {
  return {
    id: `a${i}`,
    role: 'assistant',
    text: `Answer ${i}:\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\`\nSome explanation that makes the turn a realistic size, around two kilobytes of markdown in all. `.repeat(12),
    reasoning: '',
    status: 'done',
    createdAt: 1_700_000_000_000 + i,
    notices: [],
    meta: {
      requestedModel: 'openai/gpt-4o-mini',
      model: 'openai/gpt-4o-mini',
      provider: 'OpenAI',
      usage: { promptTokens: 1200 + i, completionTokens: 80, cachedTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 0 },
      cost: { usd: cost, basis: 'exact', source: 'usage' },
      timeToFirstTokenMs: 420,
      durationMs: 1800,
      fallbackPath: ['openai/gpt-4o-mini'],
    },
  };
}

function makeChat(id: string, updatedAt: number, exchanges = 1, title = `Chat ${id}`): Chat {
  const turns: Turn[] = [];
  for (let i = 0; i < exchanges; i++) turns.push(userTurn(i), assistantTurn(i));
  return { id, title, createdAt: 1_700_000_000_000, updatedAt, model: 'openai/gpt-4o-mini', turns };
}

/** A real log channel that also remembers what was logged at warn and error level. */
function recordingLog(channel: vscode.LogOutputChannel): { log: vscode.LogOutputChannel; problems: string[] } {
  const problems: string[] = [];
  const log = new Proxy(channel, {
    get(target, property) {
      if (property === 'warn' || property === 'error') {
        return (message: string, ...args: unknown[]) => {
          problems.push(message);
          target[property](message, ...args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { log, problems };
}

describe('chat history store', () => {
  let channel: vscode.LogOutputChannel;
  let folder: vscode.Uri;
  let root: vscode.Uri;
  let problems: string[];
  let store: ChatHistoryStore;
  let log: vscode.LogOutputChannel;

  /** A second store on the same folder: what the next session (or a reload) sees. */
  const reopen = () => new ChatHistoryStore(root, log);
  const fileIn = (name: string) => vscode.Uri.joinPath(root, name);
  const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
  const names = async () => (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name).sort();

  before(() => {
    channel = vscode.window.createOutputChannel('history-test', { log: true });
  });

  after(() => channel.dispose());

  beforeEach(() => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the harness opens a workspace folder');
    folder = vscode.Uri.joinPath(workspace.uri, `.test-history-${Math.random().toString(36).slice(2)}`);
    root = vscode.Uri.joinPath(folder, 'chats');
    ({ log, problems } = recordingLog(channel));
    store = new ChatHistoryStore(root, log);
  });

  afterEach(async () => {
    await store.flush();
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('round-trips a chat, and lists an empty history before anything is saved', async () => {
    assert.deepStrictEqual(await store.list(), []);
    assert.strictEqual(await store.load('nothing-here'), undefined);
    const chat = makeChat('round-trip', 10, 3);
    chat.turns.push({ ...assistantTurn(9), status: 'error', error: { kind: 'rate_limited', message: 'slow down', status: 429, actions: ['wait'] } });
    await store.save(chat);
    assert.deepStrictEqual(await reopen().load('round-trip'), chat);
    assert.deepStrictEqual(await names(), [INDEX_FILE_NAME, 'round-trip.json'], 'one chat file and the index, no temp files');
    assert.deepStrictEqual(problems, []);
  });

  it('lists newest first from the index, and rebuilds a deleted index from the chats', async () => {
    await Promise.all([store.save(makeChat('old', 100)), store.save(makeChat('new', 300)), store.save(makeChat('middle', 200, 2))]);
    const listed = await store.list();
    assert.deepStrictEqual(listed.map((s) => s.id), ['new', 'middle', 'old']);
    assert.deepStrictEqual(listed[1], { id: 'middle', title: 'Chat middle', updatedAt: 200, turns: 4, cost: 0.000024 });

    // The list comes from the index, not from the chats: a title changed only in the index shows.
    const index = (await readJson(fileIn(INDEX_FILE_NAME), z.object({ version: z.literal(1), chats: z.array(z.object({ id: z.string(), title: z.string() }).passthrough()) }))).value;
    assert.ok(index);
    await writeJsonAtomic(fileIn(INDEX_FILE_NAME), { ...index, chats: index.chats.map((s) => (s.id === 'old' ? { ...s, title: 'from the index' } : s)) });
    assert.strictEqual((await reopen().list()).find((s) => s.id === 'old')?.title, 'from the index');

    await vscode.workspace.fs.delete(fileIn(INDEX_FILE_NAME));
    const rebuilt = await reopen().list();
    assert.deepStrictEqual(rebuilt.map((s) => s.id), ['new', 'middle', 'old']);
    assert.strictEqual(rebuilt[2]?.title, 'Chat old');
    assert.ok(await exists(fileIn(INDEX_FILE_NAME)), 'the rebuilt index is written back');

    await vscode.workspace.fs.writeFile(fileIn(INDEX_FILE_NAME), encoder.encode('{"version":1,"chats":[{"id":'));
    assert.deepStrictEqual((await reopen().list()).map((s) => s.id), ['new', 'middle', 'old'], 'a corrupt index is rebuilt too');
    assert.ok(problems.some((p) => p.includes('rebuilding the chat index')), 'and the rebuild is logged');
  });

  it('reconciles the index with the folder: chats saved without an index update appear, deleted ones go', async () => {
    await store.save(makeChat('kept', 100));
    await store.save(makeChat('removed', 200));
    // A crash between writing a chat and updating the index, and a chat file removed behind the store's back.
    await writeJsonAtomic(fileIn(chatFileName('orphan')), { version: 1, chat: makeChat('orphan', 300) });
    await vscode.workspace.fs.delete(fileIn(chatFileName('removed')));
    assert.deepStrictEqual((await reopen().list()).map((s) => s.id), ['orphan', 'kept']);
  });

  it('skips a corrupt chat file: load gives undefined, it is logged, other chats stay listed', async () => {
    await store.save(makeChat('good', 100));
    await store.save(makeChat('bad', 200));
    await store.save(makeChat('worse', 300));
    await vscode.workspace.fs.writeFile(fileIn(chatFileName('bad')), encoder.encode('{"version":1,"chat":{"id":"bad","tit'));
    await vscode.workspace.fs.writeFile(fileIn(chatFileName('worse')), encoder.encode(JSON.stringify({ version: 1, chat: { ...makeChat('worse', 300), turns: [{ role: 'robot' }] } })));
    await vscode.workspace.fs.delete(fileIn(INDEX_FILE_NAME));

    const fresh = reopen();
    assert.strictEqual(await fresh.load('bad'), undefined);
    assert.strictEqual(await fresh.load('worse'), undefined);
    assert.ok(problems.some((p) => p.includes('chat bad') && p.includes('not valid JSON')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('chat worse') && p.includes('unexpected shape')), problems.join('\n'));
    assert.deepStrictEqual((await fresh.list()).map((s) => s.id), ['good']);
    assert.strictEqual((await fresh.load('good'))?.title, 'Chat good');

    const fixed = makeChat('bad', 400, 1, 'saved again');
    await fresh.save(fixed);
    assert.deepStrictEqual(await fresh.load('bad'), fixed, 'saving over a corrupt file repairs it');
    assert.deepStrictEqual((await fresh.list()).map((s) => s.id), ['bad', 'good']);
  });

  it('survives torn writes: earlier data stays readable, and a finished temp file is recovered', async () => {
    const v1 = makeChat('torn', 100, 1, 'version one');
    const v2 = makeChat('torn', 200, 2, 'version two');
    await store.save(v1);

    // A crash while the temp file was being written: the chat file was never touched.
    const torn = JSON.stringify({ version: 1, chat: v2 });
    await vscode.workspace.fs.writeFile(fileIn(`${chatFileName('torn')}.tmp-ab12`), encoder.encode(torn.slice(0, torn.length / 2)));
    assert.deepStrictEqual(await reopen().load('torn'), v1);
    assert.deepStrictEqual((await reopen().list()).map((s) => s.title), ['version one']);

    // A crash inside "rename with overwrite", which VS Code does as delete-then-rename: only the complete temp is left.
    await vscode.workspace.fs.delete(fileIn(chatFileName('torn')));
    await vscode.workspace.fs.writeFile(fileIn(`${chatFileName('torn')}.tmp-cd34`), encoder.encode(torn));
    assert.deepStrictEqual(await reopen().load('torn'), v2);
    assert.ok(await exists(fileIn(chatFileName('torn'))), 'the recovered temp file is moved into place');
    assert.ok(problems.some((p) => p.includes('restored from an unfinished write')));

    // A truncated chat file with nothing to recover from: undefined, never a throw.
    await vscode.workspace.fs.writeFile(fileIn(chatFileName('torn')), encoder.encode(torn.slice(0, 100)));
    for (const name of await names()) if (name.includes('.tmp-')) await vscode.workspace.fs.delete(fileIn(name));
    assert.strictEqual(await reopen().load('torn'), undefined);
  });

  it('serialises concurrent saves of one chat: nothing is lost and the last state wins', async () => {
    const chat = makeChat('busy', 1, 0);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 25; i++) {
      const turns = [...chat.turns, userTurn(i), assistantTurn(i)];
      chat.turns = turns;
      saves.push(store.save({ ...chat, turns, updatedAt: 1000 + i }));
    }
    // Other chats saved at the same time must all reach the index.
    for (let i = 0; i < 10; i++) saves.push(store.save(makeChat(`side-${i}`, 500 + i)));
    await Promise.all(saves);

    const loaded = await reopen().load('busy');
    assert.strictEqual(loaded?.turns.length, 50);
    assert.strictEqual(loaded.updatedAt, 1024);
    const listed = await reopen().list();
    assert.strictEqual(listed.length, 11);
    // 25 answers at $0.000012 each, summed exactly.
    assert.deepStrictEqual(listed[0], { id: 'busy', title: 'Chat busy', updatedAt: 1024, turns: 50, cost: 0.0003 });
    assert.ok(!(await names()).some((name) => name.includes('.tmp-')), 'no temp file is left behind');
  });

  it('runs a delete after the saves queued before it, and a save after it brings the chat back', async () => {
    const first = store.save(makeChat('gone', 100));
    const removal = store.delete('gone');
    await Promise.all([first, removal]);
    assert.strictEqual(await store.load('gone'), undefined);
    assert.deepStrictEqual(await store.list(), []);
    await store.save(makeChat('gone', 200));
    assert.strictEqual((await store.load('gone'))?.updatedAt, 200);
  });

  it('deletes a chat, its leftover temp files and its index entry', async () => {
    await store.save(makeChat('stay', 100));
    await store.save(makeChat('go', 200));
    await vscode.workspace.fs.writeFile(fileIn(`${chatFileName('go')}.tmp-ee`), encoder.encode(JSON.stringify({ version: 1, chat: makeChat('go', 200) })));
    await store.delete('go');
    assert.strictEqual(await store.load('go'), undefined);
    assert.deepStrictEqual(await names(), [INDEX_FILE_NAME, chatFileName('stay')]);
    assert.deepStrictEqual((await store.list()).map((s) => s.id), ['stay']);
    await vscode.workspace.fs.delete(fileIn(INDEX_FILE_NAME));
    assert.deepStrictEqual((await reopen().list()).map((s) => s.id), ['stay'], 'a rebuild does not bring it back');
    await store.delete('never-existed');
  });

  it('refuses ids that could leave the folder', async () => {
    assert.strictEqual(await store.load('../x'), undefined);
    await assert.rejects(store.save(makeChat('../x', 1)), InvalidChatIdError);
    await assert.rejects(store.delete('../x'), InvalidChatIdError);
    await assert.rejects(store.save(makeChat('index', 1)), InvalidChatIdError, 'the index file name is reserved');
    assert.strictEqual(await exists(vscode.Uri.joinPath(folder, 'x.json')), false);
    assert.strictEqual(await exists(root), false, 'nothing was written at all');
  });

  it('rejects a chat that would not load back, and keeps the saved one', async () => {
    await store.save(makeChat('valid', 1));
    await assert.rejects(store.save({ ...makeChat('valid', 2), title: 'x'.repeat(500) }), /chat schema/);
    assert.strictEqual((await store.load('valid'))?.updatedAt, 1);
  });

  it('searches titles, and message text when asked', async () => {
    await store.save(makeChat('a', 100, 1, 'Sorting arrays in TypeScript'));
    await store.save({ ...makeChat('b', 200, 1, 'Unrelated'), turns: [userTurn(0, 'how does quicksort pick a pivot?')] });
    await store.save(makeChat('c', 300, 1, 'Résumé parser'));
    assert.deepStrictEqual((await store.search('sorting')).map((s) => s.id), ['a']);
    assert.deepStrictEqual((await store.search('RESUME')).map((s) => s.id), ['c']);
    assert.deepStrictEqual((await store.search('quicksort')).map((s) => s.id), []);
    assert.deepStrictEqual((await store.search('quicksort pivot', { includeText: true })).map((s) => s.id), ['b']);
    assert.deepStrictEqual((await store.search('  ')).map((s) => s.id), ['c', 'b', 'a']);
  });

  it('round-trips a 2,000-turn chat and pages it', async () => {
    const chat = makeChat('long', 1, 1000);
    const saveStart = performance.now();
    await store.save(chat);
    const saveMs = performance.now() - saveStart;
    const fresh = reopen();
    const loadStart = performance.now();
    const loaded = await fresh.load('long');
    const loadMs = performance.now() - loadStart;
    const bytes = (await vscode.workspace.fs.stat(fileIn(chatFileName('long')))).size;
    console.log(`      [history] 2,000-turn chat (${(bytes / 1024 / 1024).toFixed(1)} MB): load ${loadMs.toFixed(1)} ms, save ${saveMs.toFixed(1)} ms`);
    assert.deepStrictEqual(loaded, chat);
    const last = fresh.page(chat, chat.turns.length, 50);
    assert.strictEqual(last.turns.length, 50);
    assert.strictEqual(last.olderCount, 1950);
    assert.strictEqual(last.turns[49]?.id, 'a999');
    assert.strictEqual((await fresh.list())[0]?.turns, 2000);
  });
});

describe('atomic files', () => {
  let folder: vscode.Uri;

  beforeEach(async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    folder = vscode.Uri.joinPath(workspace.uri, `.test-atomic-${Math.random().toString(36).slice(2)}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  afterEach(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('replaces a file and leaves no temp file', async () => {
    const target = vscode.Uri.joinPath(folder, 'ledger.json');
    await writeFileAtomic(target, encoder.encode('one'));
    await writeFileAtomic(target, encoder.encode('two'));
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 'two');
    assert.deepStrictEqual((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name), ['ledger.json']);
  });

  it('says why a JSON file cannot be used instead of throwing', async () => {
    const schema = z.object({ total: z.number() });
    const uri = (name: string) => vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri('broken.json'), encoder.encode('{"total":'));
    await vscode.workspace.fs.writeFile(uri('wrong.json'), encoder.encode('{"total":"ten"}'));
    await writeJsonAtomic(uri('good.json'), { total: 10 });
    assert.strictEqual((await readJson(uri('missing.json'), schema)).problem?.kind, 'missing');
    assert.strictEqual((await readJson(uri('broken.json'), schema)).problem?.kind, 'not-json');
    const wrong = await readJson(uri('wrong.json'), schema);
    assert.strictEqual(wrong.problem?.kind, 'invalid');
    assert.match(wrong.problem?.message ?? '', /total/);
    assert.deepStrictEqual(await readJson(uri('good.json'), schema), { value: { total: 10 } });
  });
});

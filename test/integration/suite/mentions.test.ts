import * as assert from 'assert';
import * as vscode from 'vscode';
import { mentionItems } from '../../../src/host/chat/mention-items';
import { readMention } from '../../../src/host/chat/mention-read';
import { WorkspaceFiles } from '../../../src/host/chat/workspace-files';

// Runs in the Node and the web extension host alike: mentions read the workspace through vscode.workspace.fs.
describe('mentions read the workspace', () => {
  const folder = (): vscode.Uri => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the tests run in a workspace');
    return first.uri;
  };
  const file = (...parts: string[]): vscode.Uri => vscode.Uri.joinPath(folder(), 'mention-int', ...parts);
  const write = (uri: vscode.Uri, bytes: Uint8Array | string): Thenable<void> =>
    vscode.workspace.fs.writeFile(uri, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);

  before(async () => {
    await write(file('notes.md'), '# Notes\nmention-int-marker\n');
    await write(file('blob.bin'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    await write(file('big.txt'), 'x'.repeat(300 * 1024));
    await write(file('hidden', 'secret-notes.md'), 'ignored\n');
    await write(vscode.Uri.joinPath(folder(), '.gitignore'), 'mention-int/hidden/\n');
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'mention-int'), { recursive: true });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), '.gitignore'));
  });

  it('offers workspace files fuzzily, without what .gitignore hides', async () => {
    const items = await mentionItems('', new WorkspaceFiles()).then(() => mentionItems('notes', new WorkspaceFiles()));
    const files = items.filter((item) => item.kind === 'file').map((item) => item.detail);
    assert.ok(files.includes('mention-int/notes.md'), JSON.stringify(files));
    assert.ok(!files.some((path) => path?.includes('secret-notes')), `a .gitignore'd file was offered: ${JSON.stringify(files)}`);
    const problems = await mentionItems('prob', new WorkspaceFiles());
    assert.ok(problems.some((item) => item.kind === 'problems' && item.id === 'workspace'), 'problems in the workspace are offered');
  });

  it('reads a picked text file into a chip with its token estimate and URI', async () => {
    const chip = await readMention('file', file('notes.md').toString());
    assert.ok(typeof chip !== 'string', String(chip));
    assert.strictEqual(chip.kind, 'file');
    assert.strictEqual(chip.label, 'mention-int/notes.md');
    assert.strictEqual(chip.text, '# Notes\nmention-int-marker\n');
    assert.ok(chip.tokens > 0);
    assert.deepStrictEqual(chip.uris, [file('notes.md').toString()]);
  });

  it('refuses a binary file, a file over the bound and a file outside the workspace in one line each', async () => {
    assert.match(String(await readMention('file', file('blob.bin').toString())), /^mention-int\/blob\.bin is a binary file; only text files can be mentioned\.$/);
    assert.match(String(await readMention('file', file('big.txt').toString())), /^mention-int\/big\.txt is 300 KB, over the 200 KB a mention may hold/);
    const outside = vscode.Uri.parse('file:///outside-of-the-workspace/outside.txt');
    assert.match(String(await readMention('file', outside.toString())), /^outside\.txt is outside the workspace/);
    assert.match(String(await readMention('file', file('gone.md').toString())), /^mention-int\/gone\.md could not be read; it may have been deleted or moved\.$/);
  });

  it('offers the current file\'s symbols, nested ones too, and reads a picked one\'s lines into a chip', async () => {
    const uri = file('shapes.mentiontest');
    await write(uri, 'shape Circle {\n  radius\n}\nshape Square {\n  side\n}\n');
    // A language of the test's own, with a real symbol provider: what a language extension gives for its files.
    const provider = vscode.languages.registerDocumentSymbolProvider({ pattern: '**/*.mentiontest' }, {
      provideDocumentSymbols: (document) => [1, 4].map((line) => {
        const name = document.lineAt(line - 1).text.split(' ')[1] ?? '';
        const shape = new vscode.DocumentSymbol(name, '', vscode.SymbolKind.Class, new vscode.Range(line - 1, 0, line + 1, 1), new vscode.Range(line - 1, 6, line - 1, 6 + name.length));
        const field = document.lineAt(line).text.trim();
        shape.children = [new vscode.DocumentSymbol(field, '', vscode.SymbolKind.Field, new vscode.Range(line, 2, line, 2 + field.length), new vscode.Range(line, 2, line, 2 + field.length))];
        return shape;
      }),
    });
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const symbols = (await mentionItems('', new WorkspaceFiles())).filter((item) => item.kind === 'symbol');
      assert.deepStrictEqual(symbols.map((item) => `${item.label} (${item.detail})`), [
        'Circle (class · mention-int/shapes.mentiontest:1)', 'radius (field · mention-int/shapes.mentiontest:2)',
        'Square (class · mention-int/shapes.mentiontest:4)', 'side (field · mention-int/shapes.mentiontest:5)',
      ]);
      const square = symbols.find((item) => item.label === 'Square');
      assert.ok(square);
      const chip = await readMention('symbol', square.id);
      assert.ok(typeof chip !== 'string', String(chip));
      assert.strictEqual(chip.text, 'shape Square {\n  side\n}');
      assert.strictEqual(chip.label, 'mention-int/shapes.mentiontest:4–6');
      // Lines the file no longer has: a one-line refusal, not a chip of nothing.
      assert.match(String(await readMention('symbol', `${uri.toString()}#40-42`)), /^That symbol is no longer there/);
    } finally {
      provider.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('lists the workspace\'s problems as a chip, and says when there are none', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('mention-test');
    try {
      const empty = await readMention('problems', 'workspace');
      if (typeof empty === 'string') assert.strictEqual(empty, 'There are no problems in the workspace.');
      diagnostics.set(file('notes.md'), [new vscode.Diagnostic(new vscode.Range(1, 0, 1, 4), 'Heading too vague', vscode.DiagnosticSeverity.Warning)]);
      const chip = await readMention('problems', 'workspace');
      assert.ok(typeof chip !== 'string', String(chip));
      assert.strictEqual(chip.kind, 'problems');
      assert.strictEqual(chip.label, 'Problems in the workspace');
      assert.match(chip.text, /^mention-int\/notes\.md:2:1 warning: Heading too vague$/m);
    } finally {
      diagnostics.dispose();
    }
  });
});

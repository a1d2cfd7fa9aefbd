import * as assert from 'node:assert/strict';
import { editorLanguageOf, isShellLanguage, terminalCommands } from '../../../../src/core/chat/code-language';

describe('the editor language of a code block', () => {
  const known = ['typescript', 'typescriptreact', 'javascript', 'python', 'shellscript', 'yaml', 'rust', 'csharp', 'cpp', 'go', 'plaintext', 'json', 'dockerfile'];

  it('maps the labels models put on fences to the language ids of the editor', () => {
    const cases: Array<[string, string]> = [
      ['ts', 'typescript'], ['tsx', 'typescriptreact'], ['js', 'javascript'], ['py', 'python'], ['sh', 'shellscript'],
      ['bash', 'shellscript'], ['console', 'shellscript'], ['yml', 'yaml'], ['rs', 'rust'], ['C#', 'csharp'],
      ['c++', 'cpp'], ['golang', 'go'], ['Dockerfile', 'dockerfile'],
    ];
    for (const [label, id] of cases) assert.equal(editorLanguageOf(label, known), id, label);
  });

  it('takes a language id as it is, and only the first word of an info string', () => {
    assert.equal(editorLanguageOf('typescript', known), 'typescript');
    assert.equal(editorLanguageOf('json', known), 'json');
    assert.equal(editorLanguageOf('ts title="helpers.ts"', known), 'typescript');
    assert.equal(editorLanguageOf('  Python  ', known), 'python');
    assert.equal(editorLanguageOf('rust{.numberLines}', known), 'rust');
  });

  it('falls back to plain text for no label, an unknown one, or one the editor does not have', () => {
    assert.equal(editorLanguageOf('', known), 'plaintext');
    assert.equal(editorLanguageOf('brainfuck', known), 'plaintext');
    assert.equal(editorLanguageOf('kt', known), 'plaintext', 'kotlin is not among the known languages');
    assert.equal(editorLanguageOf('constructor', known), 'plaintext', 'not a property of the alias table');
    assert.equal(editorLanguageOf('__proto__', known), 'plaintext');
  });
});

describe('a shell block sent to the terminal', () => {
  it('is a block labelled with a shell', () => {
    for (const label of ['bash', 'sh', 'zsh', 'shell', 'console', 'powershell', 'ps1', 'cmd', 'fish', 'Bash']) assert.equal(isShellLanguage(label), true, label);
    for (const label of ['', 'ts', 'python', 'text', 'json']) assert.equal(isShellLanguage(label), false, label);
  });

  it('keeps a script as it is, without the line breaks at its end that would run its last line', () => {
    assert.equal(terminalCommands('npm ci\r\nnpm test\n\n'), 'npm ci\nnpm test');
    assert.equal(terminalCommands('echo "$ not a prompt"'), 'echo "$ not a prompt"');
    assert.equal(terminalCommands('# install first\nnpm ci'), '# install first\nnpm ci', 'a comment is not a prompt');
  });

  it('drops control characters, which a terminal takes as keys (Ctrl+O runs the line in bash)', () => {
    assert.equal(terminalCommands('echo hi\u000f'), 'echo hi');
    assert.equal(terminalCommands('echo \u001b[201~done\u0003\u0085'), 'echo [201~done');
    assert.equal(terminalCommands('make\tall\r'), 'make\tall', 'a tab stays; a carriage return is a line break');
  });

  it('takes only the commands of a session, without their prompts', () => {
    const session = ['$ npm test', '> openrouter-chat@1.0.0 test', '609 passed, 0 failed', '$ git status --short', ' M README.md', ''].join('\n');
    assert.equal(terminalCommands(session), 'npm test\ngit status --short');
    assert.equal(terminalCommands('PS C:\\src> dir\n    Directory: C:\\src\nPS C:\\src> cls'), 'dir\ncls');
    assert.equal(terminalCommands('% make all'), 'make all');
  });
});

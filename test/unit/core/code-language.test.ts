import * as assert from 'node:assert/strict';
import { editorLanguageOf } from '../../../src/core/chat/code-language';

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

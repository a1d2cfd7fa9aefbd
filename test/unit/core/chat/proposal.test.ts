import assert from 'node:assert/strict';
import { proposedEdit } from '../../../../src/core/chat/proposal';

describe('a proposed change', () => {
  it('keeps the final newline of a whole file replaced by code without one', () => {
    const original = 'let a = 1;\n';
    assert.deepEqual(proposedEdit(original, 0, original.length, 'const a = 1;'), { replacement: 'const a = 1;\n', proposed: 'const a = 1;\n' });
  });

  it('keeps the file\'s own line ending', () => {
    const original = 'let a = 1;\r\n';
    assert.equal(proposedEdit(original, 0, original.length, 'const a = 1;').proposed, 'const a = 1;\r\n');
  });

  it('adds no newline to a file that had none, nor to code that brings one', () => {
    assert.equal(proposedEdit('let a = 1;', 0, 10, 'const a = 1;').proposed, 'const a = 1;');
    assert.equal(proposedEdit('let a = 1;\n', 0, 11, 'const a = 1;\n').proposed, 'const a = 1;\n');
  });

  it('replaces a selection exactly, leaving the rest of the file alone', () => {
    const original = 'a\nlet b = 2;\nc\n';
    const start = original.indexOf('let');
    const end = original.indexOf('\nc');
    assert.deepEqual(proposedEdit(original, start, end, 'const b = 2;'), { replacement: 'const b = 2;', proposed: 'a\nconst b = 2;\nc\n' });
  });
});

import * as assert from 'node:assert/strict';
import { ReasoningDetails } from '../../../../src/core/openrouter/reasoning-details';

describe('reasoning details from a stream', () => {
  it('join the text of one detail from its fragments, and keep the signature of the last', () => {
    const details = new ReasoningDetails();
    details.add([{ type: 'reasoning.text', text: 'First ', format: 'anthropic-claude-v1', index: 0 }]);
    details.add([{ type: 'reasoning.text', text: 'think.', index: 0 }]);
    details.add([{ type: 'reasoning.text', text: '', signature: 'sig-1', index: 0 }]);
    assert.deepEqual(details.all, [{ type: 'reasoning.text', text: 'First think.', format: 'anthropic-claude-v1', index: 0, signature: 'sig-1' }]);
  });

  it('keep details of other indexes and types apart, in index order', () => {
    const details = new ReasoningDetails();
    details.add([{ type: 'reasoning.summary', summary: 'Plan', index: 1 }]);
    details.add([{ type: 'reasoning.text', text: 'a', index: 0 }, { type: 'reasoning.summary', summary: ': read it', index: 1 }]);
    details.add([{ type: 'reasoning.encrypted', data: 'opaque', index: 2 }]);
    assert.deepEqual(details.all, [
      { type: 'reasoning.text', text: 'a', index: 0 },
      { type: 'reasoning.summary', summary: 'Plan: read it', index: 1 },
      { type: 'reasoning.encrypted', data: 'opaque', index: 2 },
    ]);
  });

  it('ignore what is not a detail object', () => {
    const details = new ReasoningDetails();
    details.add([null, 'text', 3, ['x']]);
    assert.deepEqual(details.all, []);
  });
});

import * as assert from 'node:assert/strict';
import { newId } from '../../../src/core/ids';

describe('ids', () => {
  it('starts with the prefix, then the time in base 36, then a random part', () => {
    const before = Date.now();
    const id = newId('req');
    const after = Date.now();
    const match = /^req-([0-9a-z]+)-([0-9a-z]{1,8})$/.exec(id);
    assert.ok(match, id);
    const at = parseInt(match[1] ?? '', 36);
    assert.ok(at >= before && at <= after, `${at} is not between ${before} and ${after}`);
  });

  it('gives each chat and turn its own id', () => {
    const ids = new Set(Array.from({ length: 200 }, (_, index) => newId(index % 2 === 0 ? 'chat' : 'turn')));
    assert.equal(ids.size, 200);
    assert.ok([...ids].every((id) => id.startsWith('chat-') || id.startsWith('turn-')));
  });
});

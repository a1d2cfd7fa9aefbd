import * as assert from 'node:assert/strict';
import { processEnvironment, runsInNode } from '../../../src/core/node-process';

describe('the Node process', () => {
  it('is found when the code runs in Node', () => {
    assert.equal(runsInNode(), true);
  });

  it('gives the environment variables of the process', () => {
    const name = 'OPENROUTER_CHAT_NODE_PROCESS_TEST';
    process.env[name] = 'present';
    try {
      assert.equal(processEnvironment()[name], 'present');
    } finally {
      delete process.env[name];
    }
  });
});

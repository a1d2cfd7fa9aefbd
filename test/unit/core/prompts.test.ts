import * as assert from 'node:assert/strict';
import { explainPrompt, firstCodeBlock, improvePrompt, writeTestsPrompt } from '../../../src/core/chat/prompts';

const selection = { text: 'const a = `x`;', languageId: 'typescript', fileName: 'a.ts' };

describe('editor prompts', () => {
  it('fence the selection with its language and name the file', () => {
    for (const prompt of [explainPrompt(selection), improvePrompt(selection), writeTestsPrompt(selection)]) {
      assert.match(prompt, /a\.ts/);
      assert.match(prompt, /```typescript\nconst a = `x`;\n```/);
    }
  });

  it('use a longer fence when the code contains backtick runs', () => {
    const prompt = explainPrompt({ ...selection, text: 'md = "```js\\n```"' });
    assert.match(prompt, /````typescript\n/);
  });

  it('read the first code block back from an answer', () => {
    assert.equal(firstCodeBlock('Here:\n\n```ts\nlet b = 1;\nlet c = 2;\n```\n\n- clearer'), 'let b = 1;\nlet c = 2;');
    assert.equal(firstCodeBlock('````md\n```inner```\n````'), '```inner```');
    assert.equal(firstCodeBlock('no code here'), undefined);
    assert.equal(firstCodeBlock('```ts\nunterminated'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { explainPrompt, firstCodeBlock, improvePrompt, writeTestsPrompt } from '../../../../src/core/chat/prompts';
import { userContent } from '../../../../src/core/chat/turns';

const selection = { text: 'const a = `x`;', languageId: 'typescript', fileName: 'a.ts' };

describe('editor prompts', () => {
  it('fence the selection with its language and name the file', () => {
    for (const prompt of [explainPrompt(selection), improvePrompt(selection), writeTestsPrompt(selection)]) {
      assert.match(prompt, /a\.ts/);
      assert.match(prompt, /```typescript\nconst a = `x`;\n```/);
    }
  });

  it('fence a large attachment with hundreds of thousands of backtick runs', () => {
    const text = 'a`b'.repeat(300_000);
    const content = userContent('What is this?', [{ kind: 'file', label: 'big.md', text, tokens: 1 }]);
    assert.ok(content.startsWith('big.md:\n```\na`b'), content.slice(0, 20));
    assert.ok(content.endsWith('a`b\n```\n\nWhat is this?'));
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

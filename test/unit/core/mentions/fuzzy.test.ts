import * as assert from 'node:assert/strict';
import { fuzzyScore, rankFuzzy } from '../../../../src/core/mentions/fuzzy';

const paths = ['src/core/chat/model.ts', 'src/webview/composer/composer-view.ts', 'test/unit/core/chat/model.test.ts', 'README.md', 'src/core/mentions/fuzzy.ts'];

describe('mentions: fuzzy ranking', () => {
  it('matches characters in order, ignoring case, and refuses what is not there', () => {
    assert.ok(fuzzyScore('cmv', 'src/webview/composer/composer-view.ts') !== undefined);
    assert.ok(fuzzyScore('READ', 'README.md') !== undefined);
    assert.equal(fuzzyScore('dmr', 'README.md'), undefined, 'out of order');
    assert.equal(fuzzyScore('zzz', 'README.md'), undefined);
  });

  it('ranks a match of the file name above one spread over folders, and a shorter path first on a tie', () => {
    assert.deepEqual(rankFuzzy('model', paths, (p) => p, 10), ['src/core/chat/model.ts', 'test/unit/core/chat/model.test.ts']);
    assert.equal(rankFuzzy('fuzzy', paths, (p) => p, 10)[0], 'src/core/mentions/fuzzy.ts');
    assert.equal(rankFuzzy('compview', paths, (p) => p, 10)[0], 'src/webview/composer/composer-view.ts');
  });

  it('words that start at a boundary or a camel hump beat letters in the middle of a word', () => {
    const byStart = fuzzyScore('cv', 'composerView') ?? 0;
    const middle = fuzzyScore('cv', 'acavb') ?? 0;
    assert.ok(byStart > middle, `${byStart} > ${middle}`);
  });

  it('is bounded: at most `limit` items however many match, and an empty query keeps the given order', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `src/file${i}.ts`);
    assert.equal(rankFuzzy('file', many, (p) => p, 50).length, 50);
    assert.deepEqual(rankFuzzy('', paths, (p) => p, 2), paths.slice(0, 2));
  });
});

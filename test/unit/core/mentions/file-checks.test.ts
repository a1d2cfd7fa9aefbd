import * as assert from 'node:assert/strict';
import { decodeMentionedFile, MAX_MENTION_BYTES, MAX_MENTIONS, refuseBySize, refuseMoreMentions } from '../../../../src/core/mentions/file-checks';
import { gitignoreGlobs, globMatcher, joinGlobs } from '../../../../src/core/mentions/gitignore';

describe('mentions: what a file may bring', () => {
  it('reads UTF-8 text whole', () => {
    assert.deepEqual(decodeMentionedFile('a.ts', new TextEncoder().encode('const é = 1;\n')), { ok: true, text: 'const é = 1;\n' });
  });

  it('refuses binary files and invalid UTF-8 with a one-line reason naming the file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const binary = decodeMentionedFile('logo.png', png);
    assert.equal(binary.ok, false);
    assert.equal(!binary.ok && binary.reason, 'logo.png is a binary file; only text files can be mentioned.');
    const latin1 = decodeMentionedFile('old.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    assert.match(!latin1.ok ? latin1.reason : '', /^old\.txt is not UTF-8 text/);
  });

  it('refuses a file over the size bound before reading it, and names the way round', () => {
    assert.equal(refuseBySize('small.ts', MAX_MENTION_BYTES), undefined);
    const reason = refuseBySize('dump.sql', 50 * 1024 * 1024) ?? '';
    assert.match(reason, /^dump\.sql is 50\.0 MB, over the 200 KB a mention may hold; select the part you need/);
    assert.ok(!reason.includes('\n'));
    const decoded = decodeMentionedFile('big.txt', new Uint8Array(MAX_MENTION_BYTES + 1).fill(0x61));
    assert.equal(decoded.ok, false);
  });

  it('bounds the chips of one message: the 51st mention is refused, and says what to do', () => {
    assert.equal(refuseMoreMentions(MAX_MENTIONS - 1), undefined);
    assert.equal(refuseMoreMentions(MAX_MENTIONS), `A message can hold at most ${MAX_MENTIONS} mentions and attachments; remove some chips first.`);
    assert.ok(refuseMoreMentions(500));
  });
});

describe('mentions: .gitignore as exclude globs', () => {
  it('turns names, anchored paths and directories into globs, skipping comments, negations and braces', () => {
    const globs = gitignoreGlobs(['# build output', 'node_modules/', '/dist', 'coverage', '*.log', 'docs/generated/', '!keep.log', '', 'a{b,c}'].join('\n'));
    assert.deepEqual(globs, ['**/node_modules/**', 'dist/**', 'dist', '**/coverage/**', '**/coverage', '**/*.log/**', '**/*.log', 'docs/generated/**']);
  });

  it('matches paths against the globs itself, for a search that leaves the exclude out', () => {
    const ignored = globMatcher(gitignoreGlobs('node_modules/\n/dist\n*.log\ndocs/generated/\n'));
    for (const path of ['node_modules/x/index.js', 'a/node_modules/b.js', 'dist', 'dist/app.js', 'debug.log', 'logs/today.log', 'docs/generated/api.md']) {
      assert.equal(ignored(path), true, path);
    }
    for (const path of ['src/dist/app.js', 'src/app.ts', 'docs/guide.md', 'catalogue.ts', 'node_modules.md']) assert.equal(ignored(path), false, path);
    assert.equal(globMatcher([])('anything'), false);
  });

  it('joins globs into one pattern the file search takes', () => {
    assert.equal(joinGlobs([]), undefined);
    assert.equal(joinGlobs(['a']), 'a');
    assert.equal(joinGlobs(['a', 'b/**']), '{a,b/**}');
  });
});

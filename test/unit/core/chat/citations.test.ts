import assert from 'node:assert/strict';
import { citationDomain, citationsOf, MAX_CITATIONS } from '../../../../src/core/chat/citations';
import { StreamAssembler } from '../../../../src/core/openrouter/sse';

const cite = (url: string, title?: string): unknown => ({ type: 'url_citation', url_citation: { url, ...(title !== undefined ? { title } : {}), start_index: 0, end_index: 5 } });

describe('citations', () => {
  it('keeps url_citation annotations as numbered sources, in order, each source once', () => {
    const citations = citationsOf([cite('https://www.example.com/a', 'A'), { type: 'file', file: {} }, cite('https://docs.example.org/b'), cite('https://www.example.com/a', 'A again')]);
    assert.deepEqual(citations, [{ url: 'https://www.example.com/a', title: 'A' }, { url: 'https://docs.example.org/b' }]);
  });

  it('drops links that are not http(s) or carry credentials', () => {
    const citations = citationsOf([
      cite('javascript:alert(1)', 'x'), cite('data:text/html,<script>alert(1)</script>'), cite('file:///etc/passwd'),
      cite('https://user:secret@example.com/'), cite('not a url'), cite('vscode://settings'), { type: 'url_citation', url_citation: { url: 42 } },
    ]);
    assert.deepEqual(citations, []);
  });

  it('puts a title on one line, without control characters or bidi overrides, and bounds its length and the number of sources', () => {
    const [one] = citationsOf([cite('https://example.com/', 'Line\none\u0000\u202e <b>bold</b>')]);
    assert.equal(one?.title, 'Line one <b>bold</b>');
    const [long] = citationsOf([cite('https://example.com/', 'x'.repeat(1000))]);
    assert.equal(long?.title?.length, 300);
    const many = citationsOf(Array.from({ length: 80 }, (_, i) => cite(`https://example.com/${i}`)));
    assert.equal(many.length, MAX_CITATIONS);
  });

  it('names the domain without www', () => {
    assert.equal(citationDomain('https://www.example.com/path?q=1'), 'example.com');
    assert.equal(citationDomain('https://docs.example.org'), 'docs.example.org');
    assert.equal(citationDomain('https://xn--bcher-kva.example/'), 'xn--bcher-kva.example');
  });

  it('collects annotations from stream deltas, as OpenRouter streams them', () => {
    const answer = new StreamAssembler();
    answer.add({ choices: [{ index: 0, delta: { content: 'Hello' } }] });
    answer.add({ choices: [{ index: 0, delta: { content: '', annotations: [cite('https://example.com/1', 'One')] } }] });
    answer.add({ choices: [{ index: 0, delta: { content: '', annotations: [cite('https://example.com/2')] }, finish_reason: 'stop' }] });
    assert.deepEqual(citationsOf(answer.annotations), [{ url: 'https://example.com/1', title: 'One' }, { url: 'https://example.com/2' }]);
  });
});

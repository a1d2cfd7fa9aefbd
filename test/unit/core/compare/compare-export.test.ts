import * as assert from 'node:assert/strict';
import { comparisonToMarkdown } from '../../../../src/core/compare/compare-export';
import { OpenRouterError } from '../../../../src/core/openrouter/errors';
import { comparisonOf, doneEvent, feed } from './compare-support';

describe('comparison export: a Markdown table, then each answer', () => {
  it('writes a row per model with cost, speed and tokens, marks the winners, then every answer under its model', () => {
    const comparison = comparisonOf('a/one', 'b/two', 'c/three');
    feed(comparison, 'col-1', [doneEvent('a/one', { usd: 0.00012, ttft: 400, duration: 2400, out: 200 }, 'First **answer**')]);
    feed(comparison, 'col-2', [doneEvent('b/two', { usd: 0.5, ttft: 100, duration: 600, out: 100 }, '```js\nopen fence')]);
    feed(comparison, 'col-3', [{ type: 'error', error: new OpenRouterError({ kind: 'unavailable', status: 503 }), partialText: '', stoppedBecause: 'chain_exhausted', cost: undefined }]);
    const markdown = comparisonToMarkdown(comparison);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(rows.length, 5, 'a header, its rule and three models');
    assert.equal(rows[2], '| a/one (cheapest) | Prov | $0.00012 | 400 ms | 100.0 tok/s | 2.4 s | 10 | 200 | done |');
    assert.equal(rows[3], '| b/two (first to answer, fastest to finish) | Prov | $0.50 | 100 ms | 200.0 tok/s | 600 ms | 10 | 100 | done |');
    assert.match(rows[4] ?? '', /^\| c\/three \| — \| — \| .* \| failed \|$/);
    assert.match(markdown, /## a\/one\n\nFirst \*\*answer\*\*/);
    assert.match(markdown, /```js\nopen fence\n```/, 'an open fence is closed, so the next heading is not code');
    assert.match(markdown, /## c\/three\n\n> \*\*Error:\*\*/);
    assert.match(markdown, /\*\*Total cost:\*\* \$0\.50012/);
  });

  it('keeps the prompt verbatim, so what was asked cannot break the document', () => {
    const comparison = comparisonOf('a/one', 'b/two');
    comparison.prompt = '| not | a table |\n# not a heading';
    assert.match(comparisonToMarkdown(comparison), /~~~text\n\| not \| a table \|\n# not a heading\n~~~/);
  });
});

// An answer's web sources, below its text: numbered links, each with its site's domain. Titles and URLs come from
// web pages through the provider, so they are set as text, never markup, and a link keeps its target only if it is
// http(s), the same rule as links in answers; the webview host opens it outside the panel, with its usual link check.
import { citationDomain, type Citation } from '../../core/chat/citations';
import { isAllowedLink } from '../markdown/sanitize';
import { el } from '../dom';

export function renderCitations(citations: readonly Citation[]): HTMLElement {
  const items = citations.map((citation, index) => {
    const domain = citationDomain(citation.url);
    const link = el('a', { className: 'source-link', text: citation.title || domain || citation.url });
    if (isAllowedLink(citation.url)) {
      link.setAttribute('href', citation.url);
      // The real target, whatever the title claims.
      link.setAttribute('title', citation.url);
    }
    return el('li', { className: 'source' }, [
      el('span', { className: 'source-number', text: `[${index + 1}]` }),
      link,
      el('span', { className: 'source-domain', text: domain }),
    ]);
  });
  return el('ol', { className: 'answer-sources', attrs: { 'aria-label': 'Web sources' } }, items);
}

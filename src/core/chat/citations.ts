// The sources a web search gave an answer: OpenRouter's `url_citation` annotations, reduced to what the panel shows
// (a numbered link and its domain). Annotations come from a provider and, through it, from any web page, so each
// is checked here: only http(s) links, bounded lengths, each source once, and a bounded number of them.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

/** The most sources one answer keeps; a search returns at most 25 results per call, and few answers cite more. */
export const MAX_CITATIONS = 50;
const MAX_URL_LENGTH = 2000;
const MAX_TITLE_LENGTH = 300;

export const CitationSchema = lazySchema(() => z.object({
  url: z.string().max(MAX_URL_LENGTH),
  title: z.string().max(MAX_TITLE_LENGTH).optional(),
}));
export type Citation = z.infer<typeof CitationSchema>;

const UrlCitationSchema = lazySchema(() => z.looseObject({
  type: z.literal('url_citation'),
  url_citation: z.looseObject({ url: z.string(), title: z.string().nullish() }),
}));

/** The answer's sources from its annotations, in the order they first appear; anything else is left out. */
export function citationsOf(annotations: readonly unknown[]): Citation[] {
  const citations: Citation[] = [];
  const seen = new Set<string>();
  for (const annotation of annotations) {
    if (citations.length >= MAX_CITATIONS) break;
    const parsed = UrlCitationSchema.safeParse(annotation);
    if (!parsed.success) continue;
    const url = webUrl(parsed.data.url_citation.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const title = oneLine(parsed.data.url_citation.title ?? '');
    citations.push({ url, ...(title ? { title } : {}) });
  }
  return citations;
}

/** The URL as the link will use it, when it is an http(s) URL of a sane length; undefined otherwise. */
export function webUrl(raw: string): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    return url.href.length > MAX_URL_LENGTH ? undefined : url.href;
  } catch {
    return undefined;
  }
}

/** What a citation names as its site: the host without `www.` (IDN hosts stay in their ASCII form, as URL gives them). */
export function citationDomain(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** A title on one line, without control characters or bidi overrides (which can make text read backwards), cut to the bound. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TITLE_LENGTH ? `${flat.slice(0, MAX_TITLE_LENGTH - 1)}…` : flat;
}

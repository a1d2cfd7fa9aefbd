// Finds OPENROUTER_API_KEY in the text of a `.env` file. Only the one variable is read; the rest of the file is
// never kept. Follows the common dotenv syntax: `export` prefixes, quotes, and `#` comments.
import { checkKeyFormat, KEY_PREFIX } from './key-format';

export const API_KEY_VARIABLE = 'OPENROUTER_API_KEY';

export function findApiKeyInDotenv(text: string): string | undefined {
  let found: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match || match[1] !== API_KEY_VARIABLE) continue;
    found = unquote(match[2] ?? '');
  }
  return found ? found : undefined;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) return value.slice(1, value.lastIndexOf(quote));
  // Unquoted values end at an inline comment.
  return value.replace(/\s+#.*$/, '').trim();
}

/**
 * A key looks like OpenRouter's before we bother the user with it: it starts as OpenRouter's keys do, and the rule
 * Set API Key applies (key-format.ts) finds nothing that would stop it.
 */
export function looksLikeOpenRouterKey(value: string): boolean {
  const key = value.trim();
  return key.startsWith(KEY_PREFIX) && checkKeyFormat(key)?.blocking !== true;
}

// Catches the usual slips when a key is pasted by hand, before it is sent anywhere. Only what cannot be a key
// blocks; what merely differs from today's format (`sk-or-v1-` and 64 hex digits) is a warning, so a new key
// format OpenRouter may introduce still goes through to the /key check, which has the last word.

export interface KeyFormatIssue {
  /** True when the value cannot be an OpenRouter key as it stands; false for a hint the user may ignore. */
  blocking: boolean;
  message: string;
}

/** What a key looks like, for prompts and placeholders. */
export const KEY_PREFIX = 'sk-or-';
export const CURRENT_KEY_PREFIX = 'sk-or-v1-';
const CURRENT_KEY_BODY_LENGTH = 64;
/** Shorter than this, it is a fragment whatever the format: today's keys have 73 characters. */
const MIN_KEY_LENGTH = 16;

/** Keys of other AI providers that people have next to their OpenRouter key. */
const OTHER_PROVIDERS: ReadonlyArray<{ prefix: RegExp; name: string }> = [
  { prefix: /^sk-ant-/, name: 'an Anthropic' },
  { prefix: /^sk-(?:proj|svcacct|admin)-/, name: 'an OpenAI' },
];

/** The end of `sk-or-v1-` without its start: the first characters were not selected when copying. */
const CUT_PREFIXES = ['k-or-', '-or-', 'or-', 'r-v1-', '-v1-', 'v1-'];

function block(message: string): KeyFormatIssue {
  return { blocking: true, message };
}

function warn(message: string): KeyFormatIssue {
  return { blocking: false, message };
}

/** The first problem with a typed key, or undefined when it looks right. Leading and trailing spaces are ignored. */
export function checkKeyFormat(typed: string): KeyFormatIssue | undefined {
  const value = typed.trim();
  if (value === '') return block('Enter a key, or press Escape to cancel.');
  if (/^bearer\b/i.test(value)) return block('Remove "Bearer " from the start: paste the key alone.');
  if (/^(?:export\s+)?[A-Z_][A-Z0-9_]*\s*=/.test(value)) return block('Paste only the key, without the variable name and "=" in front of it.');
  if (/^["'`‘’“”]|["'`‘’“”]$/.test(value)) return block('Remove the quotes around the key.');
  if (/\s/.test(value)) return block('A key has no spaces or line breaks. Copy it again in one piece.');
  if (/…|\.\.|\*/.test(value)) {
    return block('This is the shortened key from OpenRouter\'s key list. The whole key is shown only once, when it is created: create a new key and paste that.');
  }
  const other = OTHER_PROVIDERS.find(({ prefix }) => prefix.test(value));
  if (other) return block(`This looks like ${other.name} key. OpenRouter keys start with ${KEY_PREFIX}; create one at openrouter.ai/settings/keys.`);
  if (CUT_PREFIXES.some((cut) => value.startsWith(cut)) || /^[0-9a-f]{64}$/i.test(value)) {
    return block(`The start of the key is missing: OpenRouter keys begin with ${CURRENT_KEY_PREFIX}. Copy the whole key.`);
  }
  if (value.length < MIN_KEY_LENGTH) return block('This is too short for an OpenRouter key (they have about 70 characters). Copy the whole key.');
  if (!value.startsWith(KEY_PREFIX)) {
    return warn(`OpenRouter keys start with ${KEY_PREFIX}. Check that this is an OpenRouter key; OpenRouter checks it before it is saved.`);
  }
  const unusual = /[^A-Za-z0-9_-]/.exec(value);
  if (unusual) return warn(`OpenRouter keys have only letters, digits, "-" and "_"; this one has "${unusual[0]}". Check that you copied it exactly.`);
  if (value.startsWith(CURRENT_KEY_PREFIX) && value.length - CURRENT_KEY_PREFIX.length !== CURRENT_KEY_BODY_LENGTH) {
    const length = value.length - CURRENT_KEY_PREFIX.length;
    return warn(`OpenRouter keys have ${CURRENT_KEY_BODY_LENGTH} characters after ${CURRENT_KEY_PREFIX}; this one has ${length}. Check that you copied all of it.`);
  }
  return undefined;
}

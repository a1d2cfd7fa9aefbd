// A chat's title, made from its first question on this machine: a paid request just to name a chat would cost more
// than the question itself often does. The title is the question's gist, as the chat list shows it: the greeting,
// the politeness and the pasted code left out, the first sentence kept, and the length capped at a word.

/** Longest title, in characters, before it is cut at a word and given an ellipsis. */
export const TITLE_MAX_LENGTH = 50;

const UNTITLED = 'New chat';

/** Fenced code blocks (``` or ~~~), closed or left open at the end of the text. */
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
/** A line that only names what follows it, like `src/app.ts:10-20:` or `2 open editors:` before pasted code. */
const CONTEXT_LABEL = /^\s*(?:(?=[^\s:]*[./\\])[\w./\\@-]+(?::\d+(?:-\d+)?)?|\d+ open editors?)\s*:\s*$/;
/** Chat-style references to attached context: `#file:src/app.ts`, `#selection`, `@workspace`. */
const CONTEXT_REFERENCE = /(?:^|\s)(?:#(?:file|folder|selection|editor|editors|codebase|sym|terminalSelection|terminalLastCommand)(?::\S+)?|@(?:workspace|vscode|terminal|github))(?=\s|$|[,.:;!?])/g;

const GREETING = /^(?:hi+|hello|hey+|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|dear \w+)\b(?:,? (?:there|all|everyone|team|folks|guys|friend|buddy|claude|gpt|chatgpt|copilot))?\s*[!,.:;-]*\s*/i;
/** Politeness and lead-ins before the request itself; they go in a loop, so "ok so can you please" all goes. */
const LEAD_IN = /^(?:ok(?:ay)?|so|well|um+|quick question|thanks(?: in advance)?|thank you|please|pls|plz|kindly|(?:can|could|would|will) (?:you|u)(?: please)?|i (?:want|need|would like|'d like) (?:you )?to|i was wondering(?: if you could)?|help me(?: to)?)\b\s*[!,.:;-]*\s*/i;
/** Leading words that, once dropped, leave an imperative the question mark no longer fits. */
const REQUEST_LEAD_IN = /^(?:(?:can|could|would|will) (?:you|u)|please|pls|plz|kindly|i (?:want|need|would like|'d like)|help me)\b/i;
const TRAILING_POLITENESS = /[\s,]*(?:please|pls|plz|thanks(?: in advance)?|thank you|thx|ty)\s*[.!?]*\s*$/i;

/** A chat's title from its first question. */
export function chatTitle(question: string): string {
  const prose = question.replace(CODE_FENCE, '\n');
  for (const rawLine of prose.split('\n')) {
    if (CONTEXT_LABEL.test(rawLine)) continue;
    const title = gist(rawLine);
    if (title) return capped(title);
  }
  // Nothing but a greeting, a label or code: the first line as typed says more than "New chat".
  const firstLine = question.split('\n').map(oneLine).find((line) => line.length > 0);
  return firstLine ? capped(firstLine) : UNTITLED;
}

/** One line's gist: its first sentence without greeting, lead-in, markup or context references; '' when none is left. */
function gist(rawLine: string): string {
  let line = oneLine(rawLine.replace(CONTEXT_REFERENCE, ' ')).replace(/^(?:#{1,6}|>|[-*+]|\d+[.)])\s+/, '').replace(/`+|\*\*+/g, '');
  let request = false;
  for (let before = ''; before !== line; ) {
    before = line;
    line = line.replace(GREETING, '');
    request ||= REQUEST_LEAD_IN.test(line);
    line = line.replace(LEAD_IN, '');
  }
  let sentence = firstSentence(line).replace(TRAILING_POLITENESS, '').trim();
  // "Can you explain closures?" reads as the request "Explain closures" once "can you" is gone.
  if (request) sentence = sentence.replace(/[?.!]+$/, '');
  else sentence = sentence.replace(/[.!:;,]+$/, '');
  if (!/[\p{L}\p{N}]/u.test(sentence)) return '';
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Up to the end of the first sentence: a `.`, `!` or `?` followed by a space (so `app.ts` and `v1.2` stay whole). */
function firstSentence(line: string): string {
  const end = /[.!?](?=\s+\S)/.exec(line);
  return end ? line.slice(0, end.index + 1) : line;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most TITLE_MAX_LENGTH characters, cut after a whole word when one ends past the middle. */
function capped(title: string): string {
  if (title.length <= TITLE_MAX_LENGTH) return title;
  const room = title.slice(0, TITLE_MAX_LENGTH);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > TITLE_MAX_LENGTH / 2 ? room.slice(0, lastSpace) : room.slice(0, TITLE_MAX_LENGTH - 1);
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}

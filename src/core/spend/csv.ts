// The ledger as CSV (RFC 4180) for spreadsheets and accounting, and back.
//
// Columns, in order (`CSV_COLUMNS`); an empty field means "not known" / "none":
//   id                  the request's ledger id
//   time                when the request ended, ISO 8601 in UTC with milliseconds (2026-11-25T14:03:07.250Z)
//   workspace           the workspace name, or "(no workspace)"
//   chat_id             the chat the request belonged to
//   requested_model     the model asked for
//   model               the model that answered (empty when none did)
//   provider            the provider that served it
//   prompt_tokens       input tokens, cached ones included
//   completion_tokens   output tokens, reasoning included
//   cached_tokens       input tokens read from the provider's cache
//   cache_write_tokens  input tokens written to the cache
//   reasoning_tokens    output tokens spent on reasoning
//   cost_usd            what the request cost the user, in USD (for bring-your-own-key: OpenRouter's fee plus the
//                       provider's charge), as a plain decimal with every digit of the stored amount
//   cost_source         "exact" (OpenRouter's accounting) or "estimate" (computed from catalogue prices)
//   cache_savings_usd   what cached tokens saved against the uncached price
//   byok                "true" when the user's own provider key was used
//   generation_id       OpenRouter's generation id
//   outcome             "done", "error" or "cancelled"
//   fallback_path       the models tried, in order, as a JSON array of strings
//   surface             where the request was made: "panel" or "vscode-chat" (VS Code's chat, or another extension
//                       through vscode.lm); records from before this was kept are the panel's
//   initiator           for VS Code chat: the extension that asked (publisher.name), when VS Code says
//   comparison_id       the comparison (Compare Models) the request was a column of; empty for every other request
//
// Quoting: a field is quoted when it holds a comma, a double quote, CR or LF, and quotes inside are doubled; rows end
// in CRLF. Text fields that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading
// apostrophe, and `csvToRecords` removes it again, so exporting and re-reading gives back the same strings.
import { LedgerRecordSchema, type LedgerRecord } from './ledger/record';
import { surfaceOf } from './ledger/surface';

export const CSV_COLUMNS = [
  'id',
  'time',
  'workspace',
  'chat_id',
  'requested_model',
  'model',
  'provider',
  'prompt_tokens',
  'completion_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'cost_source',
  'cache_savings_usd',
  'byok',
  'generation_id',
  'outcome',
  'fallback_path',
  'surface',
  'initiator',
  'comparison_id',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The largest time `Date` can show; later (nonsensical) times are written as epoch ms instead of failing. */
const MAX_DATE_MS = 8.64e15;
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * A number as a plain decimal with exactly the digits of its shortest round-trip form: never exponent notation
 * (which some spreadsheets read as text) and never rounded (as toFixed would), so `Number(text) === value`.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function text(value: string | undefined): string {
  if (value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function untext(field: string | undefined): string | undefined {
  if (field === undefined || field === '') return undefined;
  return ESCAPED_FORMULA.test(field) ? field.slice(1) : field;
}

function time(at: number): string {
  return at < MAX_DATE_MS ? new Date(at).toISOString() : String(at);
}

function row(record: LedgerRecord): Record<CsvColumn, string> {
  return {
    id: text(record.id),
    time: time(record.at),
    workspace: text(record.workspace),
    chat_id: text(record.chatId),
    requested_model: text(record.requestedModel),
    model: text(record.model),
    provider: text(record.provider),
    prompt_tokens: String(record.promptTokens),
    completion_tokens: String(record.completionTokens),
    cached_tokens: String(record.cachedTokens),
    cache_write_tokens: String(record.cacheWriteTokens),
    reasoning_tokens: String(record.reasoningTokens),
    cost_usd: plainDecimal(record.cost),
    cost_source: record.costSource,
    cache_savings_usd: record.cacheSavings === undefined ? '' : plainDecimal(record.cacheSavings),
    byok: String(record.isByok),
    generation_id: text(record.generationId),
    outcome: record.outcome,
    fallback_path: text(record.fallbackPath.length > 0 ? JSON.stringify(record.fallbackPath) : undefined),
    surface: surfaceOf(record),
    initiator: text(record.initiator),
    comparison_id: text(record.comparisonId),
  };
}

/** The records as a CSV document: a header row, then one row per record, every row ending in CRLF. */
export function ledgerToCsv(records: Iterable<LedgerRecord>): string {
  let out = `${CSV_COLUMNS.join(',')}\r\n`;
  for (const record of records) {
    const fields = row(record);
    out += `${CSV_COLUMNS.map((column) => quote(fields[column])).join(',')}\r\n`;
  }
  return out;
}

/**
 * Splits RFC 4180 text into rows of fields. Accepts CRLF or LF row ends, a UTF-8 byte-order mark, quoted fields
 * with doubled quotes and line breaks inside, and a missing final row end. Never throws: an unterminated quote
 * runs to the end of the text.
 */
export function parseCsv(input: string): string[][] {
  const source = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  /** Whether the current row has consumed any character (so `""` alone on the last line is still a row). */
  let started = false;
  let i = 0;
  const endRow = (): void => {
    fields.push(field);
    rows.push(fields);
    fields = [];
    field = '';
    started = false;
  };
  while (i < source.length) {
    const char = source[i] as string;
    started = true; // a row end resets it below
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      i += 1;
    } else if (char === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      i += 1;
    } else if (char === '\n' || (char === '\r' && source[i + 1] === '\n')) {
      endRow();
      i += char === '\r' ? 2 : 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (started) endRow();
  return rows;
}

function parseTime(field: string | undefined): number {
  if (field === undefined) return Number.NaN;
  return /^\d+$/.test(field) ? Number(field) : Date.parse(field);
}

function parseNumber(field: string | undefined): number {
  return field === undefined || field.trim() === '' ? Number.NaN : Number(field);
}

function parsePath(field: string | undefined): unknown {
  if (field === undefined) return [];
  try {
    return JSON.parse(field);
  } catch {
    return undefined;
  }
}

export interface ParsedCsvLedger {
  readonly records: LedgerRecord[];
  /** Rows that did not make a valid record. */
  readonly skipped: number;
}

/** Reads a CSV written by `ledgerToCsv` (columns found by header name, so their order may change) back to records. */
export function csvToRecords(input: string): ParsedCsvLedger {
  const [header, ...rows] = parseCsv(input);
  if (header === undefined) return { records: [], skipped: 0 };
  const column = new Map(header.map((name, at) => [name.trim(), at]));
  const records: LedgerRecord[] = [];
  let skipped = 0;
  for (const fields of rows) {
    if (fields.length === 1 && fields[0] === '') continue;
    const get = (name: CsvColumn): string | undefined => {
      const at = column.get(name);
      return at === undefined ? undefined : fields[at];
    };
    const candidate = {
      id: untext(get('id')),
      at: parseTime(get('time')),
      workspace: untext(get('workspace')) ?? '',
      chatId: untext(get('chat_id')),
      requestedModel: untext(get('requested_model')) ?? '',
      model: untext(get('model')),
      provider: untext(get('provider')),
      promptTokens: parseNumber(get('prompt_tokens')),
      completionTokens: parseNumber(get('completion_tokens')),
      cachedTokens: parseNumber(get('cached_tokens')),
      cacheWriteTokens: parseNumber(get('cache_write_tokens')),
      reasoningTokens: parseNumber(get('reasoning_tokens')),
      cost: parseNumber(get('cost_usd')),
      costSource: get('cost_source'),
      cacheSavings: get('cache_savings_usd') ? parseNumber(get('cache_savings_usd')) : undefined,
      isByok: get('byok') === 'true',
      generationId: untext(get('generation_id')),
      outcome: get('outcome'),
      fallbackPath: parsePath(untext(get('fallback_path'))),
      // An export from before the column existed holds only the panel's requests.
      surface: get('surface') || undefined,
      initiator: untext(get('initiator')),
      comparisonId: untext(get('comparison_id')),
    };
    // Absent optional fields must be missing, not `undefined`, for the strict record type.
    const defined = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
    const parsed = LedgerRecordSchema.safeParse(defined);
    if (parsed.success) records.push(parsed.data);
    else skipped += 1;
  }
  return { records, skipped };
}

// The usage dashboard's view model: everything the webview draws, computed by the host (dashboard-model.ts) and
// posted whole in `dashboard/state`. The webview does no arithmetic on money: amounts come with their labels, and
// bar lengths as fractions of their chart's scale, so the picture and the numbers cannot disagree.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { SURFACES } from '../core/spend/ledger/surface';
import { ComparisonsSectionSchema } from './dashboard-comparisons';

export const DASHBOARD_RANGES = ['7d', '30d', '90d', 'month', 'all'] as const;
export const DashboardRangeSchema = lazySchema(() => z.enum(DASHBOARD_RANGES));
export type DashboardRange = z.infer<typeof DashboardRangeSchema>;

/** What the range picker shows for each range. */
export const RANGE_LABELS: Readonly<Record<DashboardRange, string>> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  month: 'This month',
  all: 'All time',
};

const Name = lazySchema(() => z.string().min(1).max(200));

/** The filters the user picked; the host turns them into a `LedgerFilter`. Absent model/workspace/surface means all. */
export const DashboardFilterSchema = lazySchema(() => z.object({
  range: DashboardRangeSchema,
  model: Name.optional(),
  workspace: z.string().max(200).optional(),
  /** The panel's requests, or VS Code chat's. */
  surface: z.enum(SURFACES).optional(),
}));
export type DashboardFilter = z.infer<typeof DashboardFilterSchema>;

export const DEFAULT_DASHBOARD_FILTER: DashboardFilter = { range: '30d' };

const Usd = lazySchema(() => z.number().finite());
const Count = lazySchema(() => z.number().int().nonnegative());
const Fraction = lazySchema(() => z.number().min(0).max(1));
const Label = lazySchema(() => z.string().max(1000));

export const AxisTickSchema = lazySchema(() => z.object({ value: z.number().finite(), fraction: Fraction, label: Label }));
export type AxisTick = z.infer<typeof AxisTickSchema>;

/** A value axis from 0 to `max`, with round ticks (0 included). */
export const AxisSchema = lazySchema(() => z.object({ max: z.number().nonnegative(), ticks: z.array(AxisTickSchema).min(1).max(12) }));
export type Axis = z.infer<typeof AxisSchema>;

/** One bar of the spend-over-time chart: a local calendar day, or a month for long ranges. */
export const TimeBarSchema = lazySchema(() => z.object({
  /** `YYYY-MM-DD`, or `YYYY-MM` when the chart is by month. */
  key: z.string().max(10),
  /** `Nov 25` / `Nov 2026`. */
  label: Label,
  /** The short text under the axis: `25` / `Nov`, or the month name on the first of a month. */
  tick: Label,
  cost: Usd,
  costLabel: Label,
  requests: Count,
  /** Bar height as a fraction of the axis. */
  fraction: Fraction,
  /** Today, or this month. */
  current: z.boolean(),
  /** Tooltip text. */
  title: Label,
}));
export type TimeBar = z.infer<typeof TimeBarSchema>;

export const SpendChartSchema = lazySchema(() => z.object({
  bucket: z.enum(['day', 'month']),
  bars: z.array(TimeBarSchema).max(1000),
  axis: AxisSchema,
  /** Index of the dearest bar, when anything was spent. */
  peak: z.number().int().nonnegative().optional(),
  /** The accessible summary of the picture. */
  summary: Label,
}));
export type SpendChart = z.infer<typeof SpendChartSchema>;

export const ModelRowSchema = lazySchema(() => z.object({
  model: Name,
  /** The "other models" row of a chart. */
  other: z.boolean(),
  requests: Count,
  cost: Usd,
  costLabel: Label,
  /** Share of the range's spend, and its label (`42%`). */
  share: Fraction,
  shareLabel: Label,
  /** Cost bar length, as a fraction of the dearest row. */
  costFraction: Fraction,
  promptTokens: Count,
  cachedTokens: Count,
  completionTokens: Count,
  tokensLabel: Label,
  /** Segments of the token bar, as fractions of the row with the most tokens. */
  uncachedFraction: Fraction,
  cachedFraction: Fraction,
  completionFraction: Fraction,
  cacheSavings: Usd,
  cacheSavingsLabel: Label,
  /** Savings bar length, as a fraction of the row that saved most. */
  savingsFraction: Fraction,
  title: Label,
}));
export type ModelRow = z.infer<typeof ModelRowSchema>;

export const ModelsSectionSchema = lazySchema(() => z.object({
  /** At most `MODEL_CHART_ROWS` rows; the last one folds the rest together when there are more models. */
  chart: z.array(ModelRowSchema).max(20),
  /** Every model, dearest first. */
  table: z.array(ModelRowSchema).max(500),
  costSummary: Label,
  tokenSummary: Label,
}));
export type ModelsSection = z.infer<typeof ModelsSectionSchema>;

/** What caching saved and cost for one model or one day. */
export const SavingsRowSchema = lazySchema(() => z.object({
  /** The model id, or the local day (`2026-11-25`). */
  key: Name,
  label: Label,
  saved: Usd,
  savedLabel: Label,
  /** What cache writes cost beyond the prompt price. */
  writeExtra: Usd,
  writeExtraLabel: Label,
  /** Saved minus the write premium; negative when the cache cost more than it saved. */
  net: Usd,
  netLabel: Label,
  costlier: z.boolean(),
}));
export type SavingsRow = z.infer<typeof SavingsRowSchema>;

export const SavingsSectionSchema = lazySchema(() => z.object({
  /** Whether any request in the range knows what caching saved it. */
  known: z.boolean(),
  total: Usd,
  totalLabel: Label,
  spent: Usd,
  spentLabel: Label,
  /** What the same requests would have cost without cached tokens. */
  withoutCache: Usd,
  withoutCacheLabel: Label,
  /** The saved part of `withoutCache` (0 when caching saved nothing or cost extra). */
  savedFraction: Fraction,
  savedShareLabel: Label,
  cachedTokens: Count,
  promptTokens: Count,
  cachedShareLabel: Label,
  /** Models that saved something, most first (at most `MODEL_CHART_ROWS`). */
  byModel: z.array(ModelRowSchema).max(20),
  /** What cache writes cost beyond the prompt price, over the range. */
  writeExtra: Usd,
  writeExtraLabel: Label,
  /** Every model whose cache saved or cost something, most saved first. */
  modelTable: z.array(SavingsRowSchema).max(500),
  /** Every day that saved or cost something, newest first. */
  byDay: z.array(SavingsRowSchema).max(400),
  summary: Label,
}));
export type SavingsSection = z.infer<typeof SavingsSectionSchema>;

export const LargeRequestSchema = lazySchema(() => z.object({
  id: Name,
  at: z.number().int().nonnegative(),
  timeLabel: Label,
  model: Name,
  /** The model asked for, when another one answered. */
  requestedModel: Name.optional(),
  workspace: z.string().max(200),
  promptTokens: Count,
  completionTokens: Count,
  tokensLabel: Label,
  cost: Usd,
  costLabel: Label,
  costSource: z.enum(['exact', 'estimate']),
  outcome: z.enum(['done', 'error', 'cancelled']),
}));
export type LargeRequest = z.infer<typeof LargeRequestSchema>;

export const WorkspaceRowSchema = lazySchema(() => z.object({
  workspace: z.string().max(200),
  requests: Count,
  cost: Usd,
  costLabel: Label,
  tokensLabel: Label,
  shareLabel: Label,
}));
export type WorkspaceRow = z.infer<typeof WorkspaceRowSchema>;

export const TotalsSchema = lazySchema(() => z.object({
  cost: Usd,
  costLabel: Label,
  requests: Count,
  promptTokens: Count,
  completionTokens: Count,
  cachedTokens: Count,
  promptTokensLabel: Label,
  completionTokensLabel: Label,
  /** Requests priced from catalogue prices rather than OpenRouter's accounting, and their cost. */
  estimatedRequests: Count,
  estimatedCost: Usd,
  estimatedCostLabel: Label,
  failedRequests: Count,
  cacheSavings: Usd,
  cacheSavingsLabel: Label,
  /** Average spend per calendar day of the range, and per request. */
  perDayLabel: Label,
  perRequestLabel: Label,
}));
export type Totals = z.infer<typeof TotalsSchema>;

/** Credits and limit from GET /key, as OpenRouter counts them (UTC days and months). */
export const KeyCardSchema = lazySchema(() => z.object({
  status: z.enum(['ok', 'no-key', 'error', 'loading']),
  /** Why the last refresh failed; shown next to the last figures read, if any. */
  error: Label.optional(),
  label: Label.optional(),
  limit: Usd.nullable(),
  limitLabel: Label,
  remaining: Usd.nullable(),
  remainingLabel: Label,
  /** How much of the limit is used, for the meter; absent without a limit. */
  usedFraction: Fraction.optional(),
  limitResetLabel: Label.optional(),
  usage: Usd.optional(),
  usageLabel: Label,
  usageDailyLabel: Label,
  usageMonthlyLabel: Label,
  byokLabel: Label.optional(),
  fetchedLabel: Label.optional(),
  /** This machine beside the whole key over OpenRouter's UTC windows; absent until /key was read. */
  spread: z.object({
    rows: z.array(z.object({ label: Label, machineLabel: Label, keyLabel: Label, elsewhereLabel: Label })).max(3),
    /** "$1.20 spent elsewhere with this key today." or what is known instead. */
    headline: Label,
  }).optional(),
  summary: Label,
}));
export type KeyCard = z.infer<typeof KeyCardSchema>;

export const DashboardStateSchema = lazySchema(() => z.object({
  filter: DashboardFilterSchema,
  /** `Last 30 days · Oct 27 – Nov 25, 2026`. */
  rangeLabel: Label,
  /** Choices for the model and workspace pickers: everything in the ledger, sorted. */
  modelChoices: z.array(Name).max(1000),
  workspaceChoices: z.array(z.string().max(200)).max(1000),
  /** No records at all, or none that match the filters. */
  ledgerEmpty: z.boolean(),
  rangeEmpty: z.boolean(),
  totals: TotalsSchema,
  spend: SpendChartSchema,
  models: ModelsSectionSchema,
  savings: SavingsSectionSchema,
  largest: z.array(LargeRequestSchema).max(50),
  byWorkspace: z.array(WorkspaceRowSchema).max(500),
  comparisons: ComparisonsSectionSchema,
  key: KeyCardSchema,
  /** When the host computed this, and as text. */
  generatedAt: z.number().int().nonnegative(),
  generatedLabel: Label,
}));
export type DashboardState = z.infer<typeof DashboardStateSchema>;

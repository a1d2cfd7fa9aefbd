// A GET /key reading for unit tests: nothing spent, no limit, unless the test says otherwise.
import type { KeyInfo } from '../../../../src/core/openrouter/key-info';

export function keyInfo(fields: Partial<KeyInfo>): KeyInfo {
  return {
    label: 'k', limitUsd: null, limitRemainingUsd: null, limitReset: null, includeByokInLimit: false, usageUsd: 0,
    usageDailyUsd: 0, usageWeeklyUsd: 0, usageMonthlyUsd: 0, byokUsageUsd: 0, byokUsageDailyUsd: 0, byokUsageWeeklyUsd: 0, byokUsageMonthlyUsd: 0,
    isFreeTier: false, freeModelRequests: { limit: 1000, used: 0, remaining: 1000, derived: false }, ...fields,
  };
}


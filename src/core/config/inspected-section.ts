// VS Code's `inspect()` of one setting costs a few milliseconds in the extension host, and reading all of ours one
// by one was most of the time activation took. One `inspect()` of the whole `openrouter` section gives every level's
// values at once, as nested objects (`budget.session` under `budget`); each setting's levels are picked out here.
import type { InspectedSetting } from './settings';

type Levels = readonly (keyof InspectedSetting)[];
const LEVELS: Levels = ['globalValue', 'workspaceValue', 'workspaceFolderValue'];

/** The levels of the setting `name` (without the section prefix) out of the whole section's inspection. */
export function settingInSection(section: InspectedSetting | undefined, name: string): InspectedSetting | undefined {
  if (!section) return undefined;
  const levels: { -readonly [K in keyof InspectedSetting]: unknown } = {};
  for (const level of LEVELS) {
    const value = valueAt(section[level], name);
    if (value !== undefined) levels[level] = value;
  }
  return levels;
}

/** The value at a dotted path in a level's object; a key written with its dots as one name counts too. */
function valueAt(tree: unknown, path: string): unknown {
  if (!isRecord(tree)) return undefined;
  if (Object.hasOwn(tree, path)) return tree[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = path.slice(0, dot);
  return Object.hasOwn(tree, head) ? valueAt(tree[head], path.slice(dot + 1)) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

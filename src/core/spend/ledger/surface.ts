// Which part of the product made a request: the OpenRouter panel, or VS Code's own chat (and anything else that
// calls our models through `vscode.lm`). The ledger keeps it on every record, so spend can be told apart.

export const SURFACES = ['panel', 'vscode-chat'] as const;
export type Surface = (typeof SURFACES)[number];

/** How the dashboard and the status bar name each surface. */
export const SURFACE_LABELS: Readonly<Record<Surface, string>> = {
  panel: 'Panel',
  'vscode-chat': 'VS Code chat',
};

/** Who asked for a request; travels beside the request body, never in it. */
export interface RequestOrigin {
  readonly surface: Surface;
  /** For VS Code chat: the id of the extension that asked, where VS Code says. */
  readonly initiator?: string;
  /** The comparison the request is a column of (Compare Models), which sends one prompt to several models. */
  readonly comparisonId?: string;
}

export const PANEL_ORIGIN: RequestOrigin = { surface: 'panel' };

/**
 * The surface of a record. Records written before surfaces were kept have none: until then only the panel sent
 * requests, so they count as the panel's.
 */
export function surfaceOf(record: { readonly surface?: Surface | undefined }): Surface {
  return record.surface ?? 'panel';
}

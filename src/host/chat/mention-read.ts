import * as vscode from 'vscode';
import type { Attachment } from '../../core/chat/model';
import { selectionLabel } from '../../core/chat/prompts';
import { decodeMentionedFile, refuseBySize } from '../../core/mentions/file-checks';
import { estimateTextTokens } from '../../core/spend/token-estimate';
import type { MentionKind } from '../../protocol/completions';
import { captureContext } from './editor-context';
import { relative } from './mention-items';

/** Problems listed in one chip at most; the rest are counted. */
const MAX_PROBLEMS = 200;

/** The chip a picked mention becomes, or a one-line reason it cannot be one. */
export async function readMention(kind: MentionKind, id: string): Promise<Attachment | string> {
  switch (kind) {
    case 'file':
    case 'editor':
      return readFile(id);
    case 'selection':
      return captureContext('selection');
    case 'problems':
      return problems(id === 'file' ? vscode.window.activeTextEditor?.document.uri : undefined);
    case 'symbol':
      return symbol(id);
  }
}

/**
 * A URI from the webview, as a file of the workspace. The panel is not trusted to name files: a URI it sends is
 * read only if it lies inside a workspace folder.
 */
function workspaceUri(id: string): vscode.Uri | string {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(id, true);
  } catch {
    return 'That is not a file of this workspace.';
  }
  if (!vscode.workspace.getWorkspaceFolder(uri)) return `${uri.path.split('/').pop() ?? id} is outside the workspace; only the workspace's files can be mentioned.`;
  return uri;
}

async function readFile(id: string): Promise<Attachment | string> {
  const uri = workspaceUri(id);
  if (typeof uri === 'string') return uri;
  const label = relative(uri);
  // An open editor's text as it stands, unsaved edits included; the file on disk otherwise.
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  let text: string;
  if (open) {
    text = open.getText();
    const refused = refuseBySize(label, new TextEncoder().encode(text).byteLength);
    if (refused) return refused;
  } else {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return `${label} is a folder; mention the files in it one by one.`;
      const refused = refuseBySize(label, stat.size);
      if (refused) return refused;
      const decoded = decodeMentionedFile(label, await vscode.workspace.fs.readFile(uri));
      if (!decoded.ok) return decoded.reason;
      text = decoded.text;
    } catch {
      return `${label} could not be read; it may have been deleted or moved.`;
    }
  }
  return { kind: 'file', label, text, tokens: estimateTextTokens(text), uris: [uri.toString()] };
}

function problems(file: vscode.Uri | undefined): Attachment | string {
  const entries = file ? [[file, vscode.languages.getDiagnostics(file)] as const] : vscode.languages.getDiagnostics();
  const lines = entries.flatMap(([uri, diagnostics]) => diagnostics.map((d) => {
    const source = d.source ? ` (${d.source}${d.code !== undefined ? ` ${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}` : ''})` : '';
    return `${relative(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity].toLowerCase()}: ${d.message}${source}`;
  }));
  const where = file ? relative(file) : 'the workspace';
  if (lines.length === 0) return file ? `There are no problems in ${where}.` : 'There are no problems in the workspace.';
  const shown = lines.slice(0, MAX_PROBLEMS);
  const text = [...shown, ...(lines.length > shown.length ? [`… and ${lines.length - shown.length} more`] : [])].join('\n');
  return { kind: 'problems', label: `Problems in ${where}`, text, tokens: estimateTextTokens(text) };
}

async function symbol(id: string): Promise<Attachment | string> {
  const match = /^(.*)#(\d+)-(\d+)$/.exec(id);
  if (!match) return 'That symbol could not be found; type # again to pick it.';
  const uri = workspaceUri(match[1] as string);
  if (typeof uri === 'string') return uri;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return `${relative(uri)} could not be read; it may have been deleted or moved.`;
  }
  const start = Number(match[2]);
  const end = Math.min(Number(match[3]), document.lineCount - 1);
  if (start > end) return 'That symbol is no longer there; type # again to pick it.';
  const text = document.getText(new vscode.Range(start, 0, end, document.lineAt(end).text.length));
  return {
    kind: 'selection', label: selectionLabel(relative(uri), start + 1, end + 1), text, tokens: estimateTextTokens(text),
    uris: [uri.toString()], language: document.languageId,
  };
}

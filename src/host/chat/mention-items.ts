import * as vscode from 'vscode';
import { rankFuzzy } from '../../core/mentions/fuzzy';
import { MAX_COMPLETION_ITEMS, type CompletionItem } from '../../protocol/completions';
import type { WorkspaceFiles } from './workspace-files';

/** Symbols offered from the current file at most (a generated file can have thousands). */
const MAX_SYMBOLS = 500;

/** What `#` offers for `query`, best first: the selection and problems, open editors, the file's symbols, files. */
export async function mentionItems(query: string, files: WorkspaceFiles): Promise<CompletionItem[]> {
  const editor = vscode.window.activeTextEditor;
  const [listed, symbols] = await Promise.all([query === '' ? files.refresh() : files.files(), editor ? symbolItems(editor.document) : []]);
  const open = openEditors();
  const openIds = new Set(open.map((uri) => uri.toString()));
  const items: { item: CompletionItem; text: string }[] = [
    ...specialItems(editor).map((item) => ({ item, text: item.label })),
    ...open.map((uri) => ({ item: fileItem('editor', uri), text: relative(uri) })),
    ...symbols.map((item) => ({ item, text: item.label })),
    ...listed.filter((uri) => !openIds.has(uri.toString())).map((uri) => ({ item: fileItem('file', uri), text: relative(uri) })),
  ];
  return rankFuzzy(query, items, (entry) => entry.text, MAX_COMPLETION_ITEMS).map((entry) => entry.item);
}

function specialItems(editor: vscode.TextEditor | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  if (editor && !editor.selection.isEmpty) {
    const { start, end } = editor.selection;
    items.push({ kind: 'selection', id: '', label: 'selection', detail: `${relative(editor.document.uri)}:${start.line + 1}-${end.line + 1}` });
  }
  if (editor) {
    const count = vscode.languages.getDiagnostics(editor.document.uri).length;
    items.push({ kind: 'problems', id: 'file', label: 'problems', detail: `${count} in ${relative(editor.document.uri)}` });
  }
  const all = vscode.languages.getDiagnostics();
  const total = all.reduce((sum, [, diagnostics]) => sum + diagnostics.length, 0);
  const withProblems = all.filter(([, diagnostics]) => diagnostics.length > 0).length;
  items.push({ kind: 'problems', id: 'workspace', label: 'problems in workspace', detail: `${total} in ${withProblems} file${withProblems === 1 ? '' : 's'}` });
  return items;
}

function fileItem(kind: 'file' | 'editor', uri: vscode.Uri): CompletionItem {
  const path = relative(uri);
  const slash = path.lastIndexOf('/');
  return { kind, id: uri.toString(), label: path.slice(slash + 1), detail: kind === 'editor' ? `open · ${path}` : path };
}

/** The text editors open in any tab group, without duplicates. */
export function openEditors(): vscode.Uri[] {
  const uris = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
    .filter((uri): uri is vscode.Uri => uri !== undefined && vscode.workspace.getWorkspaceFolder(uri) !== undefined);
  return [...new Map(uris.map((uri) => [uri.toString(), uri])).values()];
}

async function symbolItems(document: vscode.TextDocument): Promise<CompletionItem[]> {
  let found: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;
  try {
    found = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
  } catch {
    return [];
  }
  const flat: { name: string; kind: vscode.SymbolKind; range: vscode.Range }[] = [];
  const visit = (symbol: vscode.DocumentSymbol | vscode.SymbolInformation): void => {
    if (flat.length >= MAX_SYMBOLS) return;
    flat.push({ name: symbol.name, kind: symbol.kind, range: 'range' in symbol ? symbol.range : symbol.location.range });
    if ('children' in symbol) symbol.children.forEach(visit);
  };
  (found ?? []).forEach(visit);
  const file = relative(document.uri);
  return flat.map(({ name, kind, range }) => ({
    kind: 'symbol',
    id: `${document.uri.toString()}#${range.start.line}-${range.end.line}`,
    label: name,
    detail: `${vscode.SymbolKind[kind].toLowerCase()} · ${file}:${range.start.line + 1}`,
  }));
}

export function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

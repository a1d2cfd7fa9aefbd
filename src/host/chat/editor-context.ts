import * as vscode from 'vscode';
import type { Attachment } from '../../core/chat/model';
import type { AttachKind } from '../../core/conversation/conversation-io';
import { estimateTextTokens } from '../../core/spend/token-estimate';
import { PROPOSAL_SCHEME } from '../proposal-documents';

/** A context chip's text is capped: past this, a chip costs more than it helps and the estimate says so. */
const MAX_CHARS = 200_000;

function fileName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function attachment(kind: AttachKind, label: string, text: string, uris: readonly vscode.Uri[]): Attachment {
  const capped = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n… (cut at ${MAX_CHARS} characters)` : text;
  return { kind, label, text: capped, tokens: estimateTextTokens(capped), uris: uris.map((uri) => uri.toString()) };
}

/**
 * The editor context the user asked to attach, or a reason it cannot be. Open Editors leaves out the files in
 * `skip` (URIs), which are attached already.
 */
export async function captureContext(kind: AttachKind, skip: readonly string[] = []): Promise<Attachment | string> {
  const editor = vscode.window.activeTextEditor;
  switch (kind) {
    case 'selection': {
      if (!editor || editor.selection.isEmpty) return 'Select some text in an editor first.';
      const { start, end } = editor.selection;
      const { uri } = editor.document;
      return attachment('selection', `${fileName(uri)}:${start.line + 1}-${end.line + 1}`, editor.document.getText(editor.selection), [uri]);
    }
    case 'file': {
      if (!editor) return 'Open a file first.';
      return attachment('file', fileName(editor.document.uri), editor.document.getText(), [editor.document.uri]);
    }
    case 'editors': {
      const uris = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
        .filter((uri): uri is vscode.Uri => uri !== undefined && uri.scheme !== PROPOSAL_SCHEME);
      const open = [...new Map(uris.map((uri) => [uri.toString(), uri])).values()];
      if (open.length === 0) return 'No editors are open.';
      const unique = open.filter((uri) => !skip.includes(uri.toString()));
      if (unique.length === 0) return 'Every open editor is already attached.';
      const parts: string[] = [];
      for (const uri of unique) {
        const document = await vscode.workspace.openTextDocument(uri);
        parts.push(`// ${fileName(uri)}\n${document.getText()}`);
      }
      return attachment('editors', `${unique.length} open editor${unique.length === 1 ? '' : 's'}`, parts.join('\n\n'), unique);
    }
  }
}

// Files dropped on the panel from VS Code's explorer arrive as URIs (a text/uri-list), not as files the webview can
// read. The host reads them through vscode.workspace.fs, so it works on the web and in remote workspaces too, and
// hands the bytes back for the panel to attach exactly as if they had been dropped from the OS.
import * as vscode from 'vscode';
import { bytesToBase64, classifyFile, IMAGE_TYPES, PDF_TYPE } from '../../core/chat/media';
import type { HostToWebview } from '../../protocol/messages';

type DropReply = Extract<HostToWebview, { type: 'composer/fileRead' | 'composer/notice' }>;

/** One reply per dropped URI: its bytes as a data URL, or the line that says why it was not read. */
export async function readDroppedFiles(uris: readonly string[]): Promise<DropReply[]> {
  return Promise.all(uris.map(readDropped));
}

async function readDropped(text: string): Promise<DropReply> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(text, true);
  } catch {
    return { type: 'composer/notice', text: 'A dropped item was not a file.' };
  }
  const name = uri.path.split('/').pop() || uri.path;
  // The panel is not trusted to name files: only files of the open workspace are read.
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { type: 'composer/notice', text: `${name} is outside the workspace, so it was not read.` };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    const kind = classifyFile(name, '', stat.size);
    if ('refusal' in kind) return { type: 'composer/notice', text: kind.refusal };
    const bytes = await vscode.workspace.fs.readFile(uri);
    return { type: 'composer/fileRead', name, dataUrl: `data:${typeOf(name)};base64,${bytesToBase64(bytes)}` };
  } catch {
    return { type: 'composer/notice', text: `${name} could not be read.` };
  }
}

/** The declared type by extension; the bytes decide in the end (media-attachment.ts). */
function typeOf(name: string): string {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (extension === 'pdf') return PDF_TYPE;
  return IMAGE_TYPES.find((type) => type.endsWith(extension === 'jpg' ? 'jpeg' : extension)) ?? 'application/octet-stream';
}

import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import type { Attachment, UserTurn } from '../../core/chat/model';
import { captureContext } from './editor-context';

/**
 * What the person is writing in the panel: the draft, kept in workspace state so a reload or a crash never loses it,
 * and the context attached to it.
 */
export class ComposerDraft {
  private draftText: string;
  private attached: Attachment[] = [];

  constructor(private readonly workspaceState: vscode.Memento) {
    this.draftText = workspaceState.get<string>(StateKey.composerDraft) ?? '';
  }

  get text(): string {
    return this.draftText;
  }

  get attachments(): readonly Attachment[] {
    return this.attached;
  }

  setText(text: string): void {
    this.draftText = text;
    void this.workspaceState.update(StateKey.composerDraft, text);
  }

  /** Attaches the selection, the file or the open editors; false (having said why) when there is nothing to attach. */
  async attach(kind: Attachment['kind']): Promise<boolean> {
    const captured = await captureContext(kind);
    if (typeof captured === 'string') {
      void vscode.window.showInformationMessage(captured);
      return false;
    }
    this.attached.push(captured);
    return true;
  }

  remove(index: number): void {
    this.attached.splice(index, 1);
  }

  /** The attachments of a message being sent; the composer is empty after. */
  takeForSending(): Attachment[] {
    const attachments = this.attached;
    this.attached = [];
    this.setText('');
    return attachments;
  }

  /** Puts a question back to be sent again, with its attachments; a draft typed since is kept, after it. */
  restore(question: UserTurn): void {
    const typed = this.draftText.trim();
    this.setText(typed && typed !== question.text ? `${question.text}\n\n${this.draftText}` : question.text);
    this.attached = [...question.attachments, ...this.attached];
  }
}

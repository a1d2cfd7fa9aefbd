// What the language model suites share: our models as `vscode.lm` offers them to another extension, and a request
// read back whole.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { setUserSetting, signInWithFakeKey, useFake } from '../integration/suite/support';

export const VENDOR = 'openrouter-chat';

/** Our model with this id, as the consumer sees it. */
export async function ourModel(id: string): Promise<vscode.LanguageModelChat> {
  const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
  const model = models.find((m) => m.id === id);
  assert.ok(model, `${id} is offered; offered: ${models.map((m) => m.id).join(', ')}`);
  return model;
}

export interface ReadResponse {
  text: string;
  toolCalls: vscode.LanguageModelToolCallPart[];
  parts: unknown[];
}

/** Sends a request and reads its stream to the end. */
export async function ask(
  model: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  options: vscode.LanguageModelChatRequestOptions = {},
  token?: vscode.CancellationToken,
): Promise<ReadResponse> {
  const response = await model.sendRequest(messages, options, token);
  const read: ReadResponse = { text: '', toolCalls: [], parts: [] };
  for await (const part of response.stream) {
    read.parts.push(part);
    if (part instanceof vscode.LanguageModelTextPart) read.text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) read.toolCalls.push(part);
  }
  return read;
}

/** The error a request ends with; fails when it does not fail. */
export async function failure(request: Promise<unknown>): Promise<Error> {
  try {
    await request;
  } catch (error) {
    assert.ok(error instanceof Error, String(error));
    return error;
  }
  assert.fail('the request succeeded');
}

/** A user message: text, or tool results. */
export const user = (content: string | vscode.LanguageModelToolResultPart[]): vscode.LanguageModelChatMessage => vscode.LanguageModelChatMessage.User(content);

/** The hooks of a request suite: the fake with our key, and one attempt per model so fallbacks show at once. */
export function withFakeAndOneAttempt(): void {
  before(async () => {
    await useFake();
    await signInWithFakeKey();
    await setUserSetting('retry.maxAttempts', 1);
  });
  beforeEach(useFake);
  after(() => setUserSetting('retry.maxAttempts', undefined));
}

// Identifiers shared by package.json, the code and the tests. A unit test keeps them equal to package.json.

export const ExtensionId = 'openrouter-chat.openrouter-chat';

export const CommandId = {
  showLog: 'openrouter.showLog',
} as const;

export const ViewId = {
  container: 'openrouter',
  chat: 'openrouter.chatView',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

// Identifiers shared by package.json, the code and the tests. A unit test keeps them equal to package.json.

export const ExtensionId = 'openrouter-chat.openrouter-chat';

export const CommandId = {
  setApiKey: 'openrouter.setApiKey',
  signIn: 'openrouter.signIn',
  clearApiKey: 'openrouter.clearApiKey',
  ask: 'openrouter.ask',
  explainSelection: 'openrouter.explainSelection',
  improveSelection: 'openrouter.improveSelection',
  writeTests: 'openrouter.writeTests',
  selectModel: 'openrouter.selectModel',
  selectPreset: 'openrouter.selectPreset',
  newChat: 'openrouter.newChat',
  focusComposer: 'openrouter.focusComposer',
  showUsage: 'openrouter.showUsage',
  showLog: 'openrouter.showLog',
  applyProposal: 'openrouter.applyProposal',
  discardProposal: 'openrouter.discardProposal',
  manageChatModels: 'openrouter.manageChatModels',
  compareModels: 'openrouter.compareModels',
} as const;
export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

export const ViewId = {
  container: 'openrouter',
  welcome: 'openrouter.welcomeView',
  chat: 'openrouter.chatView',
} as const;

/** Setting names under the `openrouter.` section. */
export const ConfigSection = 'openrouter';

export const ContextKey = {
  hasKey: 'openrouter.hasKey',
} as const;

export const SecretKey = {
  apiKey: 'openrouter.apiKey',
} as const;

/** Keys of ExtensionContext.globalState. */
export const StateKey = {
  confirmedKeyHosts: 'openrouter.confirmedKeyHosts',
  recentModels: 'openrouter.recentModels',
  activePreset: 'openrouter.activePreset',
  envImportOffered: 'openrouter.envImportOffered',
  catalogue: 'openrouter.catalogue',
  composerDraft: 'openrouter.composerDraft',
  currentChat: 'openrouter.currentChat',
  budgetWarnings: 'openrouter.budgetWarnings',
  spendSession: 'openrouter.spendSession',
  spendSpikeWarnedDay: 'openrouter.spendSpikeWarnedDay',
  /** The models of the last comparison, preselected in the next one's picker. */
  compareModels: 'openrouter.compareModels',
} as const;

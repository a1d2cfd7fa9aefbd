// What a chat adds to its requests besides its messages: the project's instructions (unless the chat turned them
// off) and web search (when the chat turned it on). Both choices belong to the chat, so they are saved with it and
// come back with it; the instructions themselves are the workspace's, read by the host.
import type { ComposerState } from '../../protocol/messages';
import type { RequestOptions } from '../chat/chat-request';
import type { Chat } from '../chat/model';
import type { ProjectInstructions } from '../chat/project-instructions';
import { DEFAULT_WEB_SEARCH, type WebSearchOptions } from '../chat/web-search';
import { searchUsd } from '../spend/search-cost';
import type { ConversationInput, ConversationSettings } from './conversation-io';

/** What the host found: the instructions, or that the workspace is not trusted and they were not read. */
export type FoundInstructions = ProjectInstructions | 'untrusted' | undefined;

export class RequestExtras {
  private found: FoundInstructions;

  /**
   * Applies a chat's choice or the host's reading; true when the composer shows something else now. A chat with
   * turns is saved as it is (no reason to move it up the list); an empty one keeps the choice until its first save.
   */
  apply(input: Extract<ConversationInput, { type: 'chatOption' | 'instructions' }>, chat: Chat): boolean {
    if (input.type === 'instructions') {
      this.found = input.instructions;
      return true;
    }
    const before = input.option === 'webSearch' ? chat.webSearch === true : chat.instructionsOff !== true;
    if (before === input.on) return false;
    if (input.option === 'webSearch') chat.webSearch = input.on;
    else chat.instructionsOff = !input.on;
    return true;
  }

  /** The request options they make for `chat`. */
  requestOptions(chat: Chat, settings: ConversationSettings): Pick<RequestOptions, 'instructions' | 'webSearch'> {
    const instructions = typeof this.found === 'object' && chat.instructionsOff !== true ? this.found.text : undefined;
    return {
      ...(instructions ? { instructions } : {}),
      ...(chat.webSearch === true ? { webSearch: webSearchOptions(settings) } : {}),
    };
  }

  /** The composer's web search toggle and instructions chip; `searchPrice` is the model's, per search, when known. */
  composer(chat: Chat, settings: ConversationSettings, searchPrice: number | undefined): Pick<ComposerState, 'webSearch' | 'instructions'> {
    const { maxSearches } = webSearchOptions(settings);
    const worst = searchUsd(maxSearches, searchPrice);
    const found = this.found;
    return {
      webSearch: { on: chat.webSearch === true, maxSearches, ...(worst !== undefined ? { maxUsd: worst } : {}) },
      ...(found === 'untrusted' ? { instructions: { untrusted: true, on: false, files: [], tokens: 0 } } : {}),
      ...(typeof found === 'object' ? { instructions: { on: chat.instructionsOff !== true, files: found.files.map((file) => file.label), tokens: found.tokens } } : {}),
    };
  }
}

/** The web search settings, each its default when the settings do not say (older settings objects in tests). */
export function webSearchOptions(settings: ConversationSettings): WebSearchOptions {
  return {
    engine: settings['webSearch.engine'] ?? DEFAULT_WEB_SEARCH.engine,
    maxResults: settings['webSearch.maxResults'] ?? DEFAULT_WEB_SEARCH.maxResults,
    maxSearches: settings['webSearch.maxSearches'] ?? DEFAULT_WEB_SEARCH.maxSearches,
  };
}

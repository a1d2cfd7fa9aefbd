// The model in use, as the conversation keeps it: the settings, the active preset, and the reasoning effort picked
// per model. One place decides what "the model" is, so the header, the request and the footer never disagree.
import type { ChatRequest } from '../openrouter/http';
import { buildChatRequest, type RequestOptions } from '../chat/chat-request';
import type { Turn } from '../chat/model';
import { effortControl, reasoningBody, withEffort } from '../chat/reasoning-choice';
import { requestMessages } from '../chat/turns';
import { fileParserPlugins } from '../chat/content-parts';
import { readsImages } from '../chat/vision';
import type { ModelFacts } from './composer';
import { mediaContext, type MediaContext } from './composer-media';
import type { ConversationEffect, ConversationSettings } from './conversation-io';
import type { PanelState } from '../../protocol/messages';

export class ModelChoice {
  constructor(
    public settings: ConversationSettings,
    private selectedPreset: string | undefined,
    private readonly factsOf: (model: string) => ModelFacts | undefined,
    private readonly recentModels?: () => readonly string[],
  ) {}

  /** What the composer needs to show images and PDFs for the next answer by `model`. */
  mediaContext(model: string): MediaContext {
    return mediaContext(this.settings, model, { modelFacts: this.factsOf, ...(this.recentModels ? { recentModels: this.recentModels } : {}) });
  }

  /** The model the next answer uses: the active preset's, or the default. */
  get model(): string {
    const preset = this.preset;
    return (preset ? this.settings.presets[preset]?.model : undefined) ?? this.settings.defaultModel;
  }

  /** The active preset, if it still exists in the settings. */
  get preset(): string | undefined {
    const name = this.selectedPreset;
    return name && this.settings.presets[name] ? name : undefined;
  }

  /** Models the composer may name as much cheaper: the favourites and the presets' models. */
  get alternatives(): string[] {
    return [...this.settings.favoriteModels, ...Object.values(this.settings.presets).map((preset) => preset.model)];
  }

  /** What the header shows: the model, the preset, and the effort control when the model's entry lists efforts. */
  header(): Pick<PanelState, 'model' | 'preset' | 'reasoning'> {
    const { model, preset } = this;
    const reasoning = effortControl(this.factsOf(model)?.reasoning, this.settings.reasoning?.[model]);
    return { model, ...(preset ? { preset } : {}), ...(reasoning ? { reasoning } : {}) };
  }

  /** The request for the next answer after `turns`, as the active preset shapes it (system prompt, limits, effort), with the chat's extras. */
  requestFor(turns: readonly Turn[], model: string, sessionId: string, extras: Pick<RequestOptions, 'instructions' | 'webSearch'> = {}): ChatRequest {
    const preset = this.preset ? this.settings.presets[this.preset] : undefined;
    const messages = requestMessages(turns, preset?.systemPrompt, { images: readsImages(this.factsOf(model)) });
    return buildChatRequest(this.settings, messages, {
      ...extras, model, maxTokens: preset?.maxTokens, temperature: preset?.temperature, sessionId,
      reasoning: reasoningBody(this.settings.reasoning?.[model], this.factsOf(model)),
      chainReasoning: { preferences: this.settings.reasoning, factsOf: this.factsOf },
      plugins: fileParserPlugins(messages, this.settings.pdfEngine ?? 'cloudflare-ai'),
    });
  }

  /** Picking a model leaves the preset, rather than be silently overruled by it. */
  pickModel(model: string): ConversationEffect {
    this.selectedPreset = undefined;
    this.settings = { ...this.settings, defaultModel: model };
    return { type: 'persistSelection', defaultModel: model, preset: undefined };
  }

  /** Undefined when the preset no longer exists. */
  pickPreset(preset: string | undefined): ConversationEffect | undefined {
    if (preset !== undefined && !this.settings.presets[preset]) return undefined;
    this.selectedPreset = preset;
    return { type: 'persistSelection', preset };
  }

  /** Remembered per model, for every workspace; undefined for an effort the model does not list. */
  pickEffort(model: string, effort: string | undefined): ConversationEffect | undefined {
    const efforts = this.factsOf(model)?.reasoning?.efforts ?? [];
    if (effort !== undefined && !efforts.includes(effort)) return undefined;
    const reasoning = withEffort(this.settings.reasoning ?? {}, model, effort);
    this.settings = { ...this.settings, reasoning };
    return { type: 'persistReasoning', reasoning };
  }
}

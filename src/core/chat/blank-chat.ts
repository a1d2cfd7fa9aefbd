import type { Chat } from './model';

/** A chat with nothing in it yet, as New Chat opens it. */
export function blankChat(id: string, now: number, model: string): Chat {
  return { id, title: 'New chat', createdAt: now, updatedAt: now, model, turns: [] };
}

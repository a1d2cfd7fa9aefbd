import * as assert from 'node:assert/strict';
import { resumeSession, SESSION_IDLE_MS } from '../../../../src/core/spend/session';

describe('the spend session', () => {
  const HOUR = 60 * 60 * 1000;
  const start = Date.UTC(2026, 11, 5, 9);
  let made = 0;
  const newId = () => `session-${++made}`;

  it('starts a new session when nothing, or something unreadable, was saved', () => {
    for (const saved of [undefined, null, 'session-x', { id: '', lastUsedAt: start }, { id: 'a', lastUsedAt: -1 }, { id: 'a' }]) {
      const session = resumeSession(saved, start, () => 'fresh');
      assert.deepEqual(session, { id: 'fresh', lastUsedAt: start }, JSON.stringify(saved));
    }
  });

  it('carries on across a reload, and a restart, within the idle time', () => {
    const first = resumeSession(undefined, start, newId);
    const reloaded = resumeSession(JSON.parse(JSON.stringify(first)), start + 5000, newId);
    assert.deepEqual(reloaded, { id: first.id, lastUsedAt: start + 5000 });
    assert.equal(resumeSession(reloaded, start + 5000 + SESSION_IDLE_MS - 1, newId).id, first.id);
  });

  it('ends after the idle time without use, or when the clock went back', () => {
    const first = resumeSession(undefined, start, newId);
    assert.notEqual(resumeSession(first, start + SESSION_IDLE_MS, newId).id, first.id);
    assert.notEqual(resumeSession(first, start - HOUR, newId).id, first.id);
    assert.equal(SESSION_IDLE_MS, 4 * HOUR);
  });
});

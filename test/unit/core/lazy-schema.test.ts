import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { lazySchema } from '../../../src/core/lazy-schema';

/** A schema factory that counts how often it runs. */
function counted<T>(build: () => T): { build: () => T; runs: () => number } {
  let runs = 0;
  return { build: () => (runs++, build()), runs: () => runs };
}

describe('lazySchema', () => {
  it('builds nothing until the schema is used, then builds once', () => {
    const factory = counted(() => z.object({ name: z.string() }));
    const schema = lazySchema(factory.build);
    assert.equal(factory.runs(), 0);
    assert.deepEqual(schema.parse({ name: 'a', extra: 1 }), { name: 'a' });
    assert.equal(schema.safeParse({ name: 2 }).success, false);
    assert.equal(factory.runs(), 1);
  });

  it('reports the same issues as the schema it stands for', () => {
    const build = () => z.object({ id: z.string().min(1), count: z.number().int() });
    const lazy = lazySchema(build).safeParse({ id: '', count: 1.5 });
    const eager = build().safeParse({ id: '', count: 1.5 });
    assert.ok(!lazy.success && !eager.success);
    assert.deepEqual(lazy.error.issues, eager.error.issues);
  });

  it('composes inside other schemas, discriminated unions included, without building early', () => {
    const ping = counted(() => z.object({ type: z.literal('ping'), at: z.number() }));
    const Ping = lazySchema(ping.build);
    const Optional = lazySchema(() => z.number().optional());
    const Message = lazySchema(() => z.discriminatedUnion('type', [Ping, z.object({ type: z.literal('pong'), late: Optional })]));
    assert.equal(ping.runs(), 0, 'a schema that uses it is lazy too');
    assert.deepEqual(Message.parse({ type: 'ping', at: 1 }), { type: 'ping', at: 1 });
    assert.deepEqual(Message.parse({ type: 'pong' }), { type: 'pong' }, 'an optional lazy field may be absent');
    assert.equal(Message.safeParse({ type: 'ping', at: 'x' }).success, false);
    assert.equal(Message.safeParse({ type: 'other' }).success, false);
  });

  it('offers the object methods other schemas are built with', () => {
    const Base = lazySchema(() => z.object({ a: z.string(), b: z.number() }));
    const Extended = lazySchema(() => Base.extend({ c: z.boolean() }).omit({ b: true }));
    assert.deepEqual(Extended.parse({ a: 'x', b: 1, c: true }), { a: 'x', c: true });
    assert.ok(Base instanceof z.ZodObject, 'instanceof sees the real schema');
    assert.deepEqual(Object.keys(Base.shape), ['a', 'b']);
  });

  it('lets a failing build throw where the schema is first used, and tries again next time', () => {
    let fail = true;
    const schema = lazySchema(() => {
      if (fail) throw new Error('broken');
      return z.string();
    });
    assert.throws(() => schema.parse('x'), /broken/);
    fail = false;
    assert.equal(schema.parse('x'), 'x');
  });
});

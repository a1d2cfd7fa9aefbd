// Building a zod schema costs far more than using it: every call allocates and wires a schema object, and the first
// ones also pay for warming zod itself up. Built at module load, the extension's schemas were a third of the time
// it took to load, yet most are needed only once a request is made, a panel opens or a file is read.
//
// A stand-in built of zod (`z.lazy`) would still construct a schema per export at load, and lacks the object
// methods (`extend`, `omit`) other schemas are built with. A proxy constructs nothing: the first time anything is
// read from it, the real schema is built, and from then on every read is forwarded to it.

/**
 * `build()`'s schema, built the first time anything uses it (a parse, or another schema built from it), then kept.
 * It parses, infers and composes exactly as the schema itself.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  // Methods are called on the proxy, but zod's read their own object through `this`: bound once to the real one.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy({} as T, {
    get(_target, key) {
      const schema = real();
      const value: unknown = Reflect.get(schema, key, schema);
      if (typeof value !== 'function') return value;
      let method = bound.get(key);
      if (method === undefined || (method as { original?: unknown }).original !== value) {
        method = Object.assign((value as (...args: unknown[]) => unknown).bind(schema), { original: value });
        bound.set(key, method);
      }
      return method;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // The proxy's own (empty) target lacks the property, so it may only be reported as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/**
 * Output properties made on first read, for the offline runs (model-outputs.ts, plan.ts): one
 * accessor per property name, shared by every resource, since accessors of their own would put
 * every resource object in V8's slow dictionary mode.
 */

/**
 * Accessors for properties whose value `make(self, key)` gives on first read; a value set replaces
 * it. Values live in a record on the object under `store`. Each call has its own immutable cache.
 */
export function sharedAccessors<T extends object>(
  store: symbol,
  make: (self: T, key: string) => unknown,
): (key: string) => PropertyDescriptor {
  const accessors = new Map<string, PropertyDescriptor>();
  const values = (self: T): Record<string, unknown> =>
    ((self as Record<symbol, Record<string, unknown>>)[store] ??= Object.create(null) as Record<string, unknown>);
  return (key) => {
    let d = accessors.get(key);
    if (!d) {
      d = {
        configurable: true,
        enumerable: true,
        get(this: T) {
          return (values(this)[key] ??= make(this, key));
        },
        set(this: T, value: unknown) {
          values(this)[key] = value;
        },
      };
      accessors.set(key, d);
    }
    return d;
  };
}

/**
 * Small helpers on lists that both pipelines use, written once.
 */

/** `values` without repeats, in the order of their first appearance. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `values` with one value per `key` (the last of each), in the order of the keys' first appearance. */
export function uniqueBy<T>(values: readonly T[], key: (value: T) => unknown): T[] {
  return [...new Map(values.map((value) => [key(value), value])).values()];
}

/**
 * `items` ordered by `key` in code-unit order (the same on every machine, unlike `localeCompare`), by JavaScript's sort
 * without a comparator. Keys are distinct.
 */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as T);
}

/** Where an ARN lives, or a stack: a region and an account, each `undefined` where it is not given (or is a token). */
export interface Location {
  readonly region?: string;
  readonly account?: string;
}

/** A map or weak map, as `memoized` uses it. */
export interface Cache<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * What `cache` holds for `key`: computed by `compute` the first time it is asked for, and kept. Every cache of lib/ goes
 * through here, so that a cache's one decision (compute or reuse) is written, and tested, once.
 */
export function memoized<K, V>(cache: Cache<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) {
    return cache.get(key) as V;
  }
  const value = compute();
  cache.set(key, value);
  return value;
}

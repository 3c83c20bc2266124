/**
 * The list helpers both pipelines share (lib/private/collections.ts): the order they keep is part of what they
 * promise, since statements, Sids and report rows are written in it.
 */
import { memoized, sortedBy, unique, uniqueBy } from '../../../lib/private/collections';

describe('unique', () => {
  test('keeps the first appearance of each value, in order', () => {
    expect(unique(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });

  test('compares objects by identity, not by content', () => {
    const one = { id: 1 };
    expect(unique([one, { id: 1 }, one])).toEqual([one, { id: 1 }]);
  });

  test('returns a new list and leaves its argument as it was', () => {
    const values = ['x', 'x'];
    expect(unique(values)).not.toBe(values);
    expect(values).toEqual(['x', 'x']);
  });
});

describe('uniqueBy', () => {
  test('keeps the last value of each key, at the place of the key\'s first appearance', () => {
    const values = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }];
    expect(uniqueBy(values, (x) => x.k)).toEqual([{ k: 'a', v: 3 }, { k: 'b', v: 2 }]);
  });

  test('an empty list stays empty', () => {
    expect(uniqueBy([], () => 'key')).toEqual([]);
  });
});

describe('sortedBy', () => {
  test('orders by code unit, not by locale: upper case before lower case, "Z" before "a"', () => {
    const items = ['b', 'a', 'Z', 'B'].map((name) => ({ name }));
    expect(sortedBy(items, (x) => x.name).map((x) => x.name)).toEqual(['B', 'Z', 'a', 'b']);
  });

  test('orders by the key, not by the items', () => {
    const items = [{ name: 'x', key: '2' }, { name: 'y', key: '1' }, { name: 'z', key: '10' }];
    expect(sortedBy(items, (x) => x.key).map((x) => x.name)).toEqual(['y', 'z', 'x']);
  });

  test('leaves its argument as it was', () => {
    const items = [{ key: 'b' }, { key: 'a' }];
    sortedBy(items, (x) => x.key);
    expect(items).toEqual([{ key: 'b' }, { key: 'a' }]);
  });
});

describe('memoized', () => {
  test('computes a key\'s value once, then gives what it kept', () => {
    const cache = new Map<string, number>();
    const compute = jest.fn(() => 42);
    expect(memoized(cache, 'a', compute)).toBe(42);
    expect(memoized(cache, 'a', compute)).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
    expect([...cache]).toEqual([['a', 42]]);
  });

  test('keeps a value that is undefined or false as a value: not computed again', () => {
    const cache = new Map<string, boolean | undefined>();
    const compute = jest.fn((): boolean | undefined => undefined);
    memoized(cache, 'a', compute);
    memoized(cache, 'a', compute);
    const no = jest.fn(() => false);
    expect(memoized(cache, 'b', no)).toBe(false);
    expect(memoized(cache, 'b', no)).toBe(false);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(no).toHaveBeenCalledTimes(1);
  });

  test('each key computes its own value', () => {
    const cache = new WeakMap<object, string>();
    const [one, two] = [{}, {}];
    expect(memoized(cache, one, () => 'one')).toBe('one');
    expect(memoized(cache, two, () => 'two')).toBe('two');
    expect(memoized(cache, one, () => 'other')).toBe('one');
  });
});

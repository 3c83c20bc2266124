/**
 * The list helpers both pipelines share (lib/private/collections.ts): the order they keep is part of what they
 * promise, since statements, Sids and report rows are written in it.
 */
import { sortedBy, unique, uniqueBy } from '../../../lib/private/collections';

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

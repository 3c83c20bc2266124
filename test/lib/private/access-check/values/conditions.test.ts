/**
 * Template conditions (lib/private/access-check/values/conditions.ts): the branches of Fn::If, AWS::NoValue, and the
 * conditions a value holds under.
 */
import { both, deepVariants, describeConditions, listElements, variants } from '../../../../../lib/private/access-check/values/conditions';

describe('conditions.ts', () => {
  const NO_VALUE = { Ref: 'AWS::NoValue' };

  test('both: conditions together, sorted; undefined when one contradicts the other', () => {
    expect(both([], ['B'])).toEqual(['B']);
    expect(both(['B'], [])).toEqual(['B']);
    expect(both(['B'], ['!A', 'B'])).toEqual(['!A', 'B']);
    expect(both(['A'], ['!A'])).toBeUndefined();
    expect(both(['!A'], ['A', 'C'])).toBeUndefined();
  });

  test('describeConditions reads a negated condition as "not"', () => {
    expect(describeConditions(['!Legacy', 'IsProd'])).toBe('not Legacy and IsProd');
  });

  test('variants: both branches of Fn::If, nested ones too; none for AWS::NoValue; a malformed Fn::If is a value', () => {
    expect(variants({ 'Fn::If': ['A', 'a', { 'Fn::If': ['B', 'b', NO_VALUE] }] })).toEqual([
      { value: 'a', when: ['A'] },
      { value: 'b', when: ['!A', 'B'] },
    ]);
    // A branch that contradicts the conditions already chosen is never taken.
    expect(variants({ 'Fn::If': ['A', 'a', 'x'] }, ['!A'])).toEqual([{ value: 'x', when: ['!A'] }]);
    expect(variants({ 'Fn::If': ['A', 'a'] })).toEqual([{ value: { 'Fn::If': ['A', 'a'] }, when: [] }]);
    expect(variants(NO_VALUE)).toEqual([]);
  });

  test('listElements: lists and single values, Fn::If around and inside, Fn::Split of literals, lists known at deploy time', () => {
    const values = (value: unknown, listOf?: (v: unknown) => unknown[] | undefined) =>
      listElements(value, [], listOf).map((e) => [e.value, e.when, e.index, e.unknownList]);
    expect(values(['a', { 'Fn::If': ['C', 'b', NO_VALUE] }])).toEqual([['a', [], 0, false], ['b', ['C'], 1, false]]);
    expect(values({ 'Fn::If': ['C', ['a'], []] })).toEqual([['a', ['C'], 0, false]]);
    expect(values('a')).toEqual([['a', [], 0, false]]);
    expect(values(undefined)).toEqual([]);
    expect(values({ 'Fn::Split': [',', 'a,b'] })).toEqual([['a', [], 0, false], ['b', [], 1, false]]);
    expect(values({ 'Fn::Split': [',', { 'Fn::Join': [',', ['a', { Ref: 'B' }]] }] })).toEqual([['a', [], 0, false], [{ Ref: 'B' }, [], 1, false]]);
    // Fn::Split of a list joined with another delimiter, or of a token: known at deploy time.
    expect(values({ 'Fn::Split': [',', { 'Fn::Join': [';', ['a']] }] })).toEqual([[{ 'Fn::Split': [',', { 'Fn::Join': [';', ['a']] }] }, [], 0, true]]);
    expect(values({ 'Fn::Split': [{ Ref: 'Delimiter' }, 'a'] })).toEqual([[{ 'Fn::Split': [{ Ref: 'Delimiter' }, 'a'] }, [], 0, true]]);
    expect(values({ Ref: 'Names' })).toEqual([[{ Ref: 'Names' }, [], 0, true]]);
    // Fn::Sub, Fn::Join and Fn::Select make one text.
    expect(values({ 'Fn::Sub': 'a' })).toEqual([[{ 'Fn::Sub': 'a' }, [], 0, false]]);
    // What the caller knows the list of.
    expect(values({ 'Fn::FindInMap': ['M', 'a', 'b'] }, () => ['x', 'y'])).toEqual([['x', [], 0, false], ['y', [], 1, false]]);
  });

  test('deepVariants: every Fn::If decided; values alike merged under the conditions all their choices share', () => {
    expect(deepVariants({ a: 1 })).toEqual([{ value: { a: 1 }, when: [] }]);
    expect(deepVariants({ Action: [{ 'Fn::If': ['A', 'x', NO_VALUE] }, 'y'], Sid: { 'Fn::If': ['B', 's', 's'] } })).toEqual([
      { value: { Action: ['y'], Sid: 's' }, when: ['!A'] },
      { value: { Action: ['x', 'y'], Sid: 's' }, when: ['A'] },
    ]);
    expect(deepVariants({ Condition: { 'Fn::If': ['A', { x: 1 }, NO_VALUE] } })).toEqual([
      { value: {}, when: ['!A'] },
      { value: { Condition: { x: 1 } }, when: ['A'] },
    ]);
    // A whole value removed, and choices that contradict the conditions already chosen.
    expect(deepVariants({ 'Fn::If': ['A', NO_VALUE, 'v'] }, ['B'])).toEqual([{ value: 'v', when: ['!A', 'B'] }]);
    expect(deepVariants({ 'Fn::If': ['A', 'a', 'v'] }, ['!A'])).toEqual([{ value: 'v', when: ['!A'] }]);
    const many = Array.from({ length: 9 }, (_, i) => ({ 'Fn::If': [`C${i}`, 'a', 'b'] }));
    expect(deepVariants(many)).toBeUndefined();
  });
});

/**
 * Template conditions (lib/private/access-check/values/conditions.ts): the branches of Fn::If, AWS::NoValue, and the
 * conditions a value holds under.
 */
import { both, conditionsIn, deepVariants, describeConditions, listElements, negate, variants } from '../../../../../lib/private/access-check/values/conditions';

describe('conditions.ts', () => {
  const NO_VALUE = { Ref: 'AWS::NoValue' };

  test('both: conditions together, sorted; undefined when one contradicts the other', () => {
    expect(both([], ['B'])).toEqual(['B']);
    expect(both(['B'], [])).toEqual(['B']);
    expect(both(['B'], ['!A', 'B'])).toEqual(['!A', 'B']);
    expect(both(['A'], ['!A'])).toBeUndefined();
    expect(both(['!A'], ['A', 'C'])).toBeUndefined();
  });

  test('negate: C for !C, !C for C', () => {
    expect(negate('!IsProd')).toBe('IsProd');
    expect(negate('IsProd')).toBe('!IsProd');
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
    // A condition must be named: an Fn::If of anything else is a value.
    expect(variants({ 'Fn::If': [{ Ref: 'IsProd' }, 'a', 'b'] })).toEqual([{ value: { 'Fn::If': [{ Ref: 'IsProd' }, 'a', 'b'] }, when: [] }]);
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
    expect(values({ 'Fn::Join': ['', ['a']] })).toEqual([[{ 'Fn::Join': ['', ['a']] }, [], 0, false]]);
    expect(values({ 'Fn::Select': [0, ['a']] })).toEqual([[{ 'Fn::Select': [0, ['a']] }, [], 0, false]]);
    // Fn::Split of neither text nor an intrinsic (malformed): known at deploy time.
    expect(values({ 'Fn::Split': [',', ['a', 'b']] })).toEqual([[{ 'Fn::Split': [',', ['a', 'b']] }, [], 0, true]]);
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
    expect(deepVariants(many.slice(1))).toHaveLength(2 ** 8);
  });

  test('deepVariants: every combination in the order of the names of the conditions, the first name changing fastest', () => {
    const action = [{ 'Fn::If': ['UseB', 'b', NO_VALUE] }, { 'Fn::If': ['UseA', 'a', NO_VALUE] }];
    expect(deepVariants({ Action: action }, ['IsProd'])).toEqual([
      { value: { Action: [] }, when: ['!UseA', '!UseB', 'IsProd'] },
      { value: { Action: ['a'] }, when: ['!UseB', 'IsProd', 'UseA'] },
      { value: { Action: ['b'] }, when: ['!UseA', 'IsProd', 'UseB'] },
      { value: { Action: ['b', 'a'] }, when: ['IsProd', 'UseA', 'UseB'] },
    ]);
  });

  test('deepVariants: the conditions of each value are sorted like any other conditions, without outer conditions too', () => {
    const statement = { Action: { 'Fn::If': ['A', 'a', 'x'] }, Sid: { 'Fn::If': ['B', 'b', 'y'] } };
    expect(deepVariants(statement)).toEqual([
      { value: { Action: 'x', Sid: 'y' }, when: ['!A', '!B'] },
      { value: { Action: 'a', Sid: 'y' }, when: ['!B', 'A'] },
      { value: { Action: 'x', Sid: 'b' }, when: ['!A', 'B'] },
      { value: { Action: 'a', Sid: 'b' }, when: ['A', 'B'] },
    ]);
    // The same conditions as both() writes them.
    expect(deepVariants(statement)![1].when).toEqual(both(['A'], ['!B']));
  });

  test('deepVariants removes AWS::NoValue from a value without Fn::If, as it does where an unrelated Fn::If is decided', () => {
    expect(deepVariants({ Action: ['a', NO_VALUE], Condition: NO_VALUE })).toEqual([{ value: { Action: ['a'] }, when: [] }]);
    expect(deepVariants({ Action: ['a', NO_VALUE], Condition: NO_VALUE, Sid: { 'Fn::If': ['A', 's', 's'] } }))
      .toEqual([{ value: { Action: ['a'], Sid: 's' }, when: [] }]);
    // A whole value removed: no value, whatever the conditions.
    expect(deepVariants(NO_VALUE, ['B'])).toEqual([]);
    expect(deepVariants({ 'Fn::If': ['A', NO_VALUE, NO_VALUE] }, ['B'])).toEqual([]);
  });

  test('deepVariants decides only Fn::If of a named condition and three arguments, removes only AWS::NoValue, keeps null', () => {
    const sid = { 'Fn::If': ['IsProd', 'prod', 'test'] };
    const kept = { Resource: { Ref: 'Project' }, Condition: null, Odd: { 'Fn::If': [{ Ref: 'IsProd' }, 'a', 'b'] }, Short: { 'Fn::If': ['IsProd', 'a'] } };
    expect(deepVariants({ ...kept, Sid: sid })).toEqual([
      { value: { ...kept, Sid: 'test' }, when: ['!IsProd'] },
      { value: { ...kept, Sid: 'prod' }, when: ['IsProd'] },
    ]);
  });

  test('conditionsIn finds the names of the conditions of every Fn::If, at any depth', () => {
    expect([...conditionsIn([{ a: { 'Fn::If': [{ Ref: 'Odd' }, 'a', { 'Fn::If': ['IsProd', 'b', 'c'] }] } }])]).toEqual(['IsProd']);
  });
});

/**
 * The support module's `propertyValues`, which the batched property tests (fuzz, model-based) rely on: it must give
 * exactly the values `fc.assert` checks with the same parameters, or a batched test would check other values than the
 * property it stands for.
 */
import * as fc from 'fast-check';
import { propertyValues } from '../support';

/** What fc.assert checks, recorded. */
function checkedBy(run: (record: (value: unknown) => void) => void): unknown[] {
  const seen: unknown[] = [];
  run((value) => {
    seen.push(value);
  });
  return seen;
}

test('a property of several arbitraries with examples: the examples, then the generated values, numRuns in all', () => {
  const parameters = { seed: 31337, numRuns: 40, examples: [['x', 1], ['a/b*', 0]] as Array<[string, number]> };
  const seen = checkedBy((record) => fc.assert(fc.property(fc.string(), fc.nat(4), (s, n) => record([s, n])), parameters));
  expect(propertyValues(fc.tuple(fc.string(), fc.nat(4)), parameters)).toEqual(seen);
  expect(seen).toHaveLength(40);
});

test('an asynchronous property of one chained arbitrary, without examples', async () => {
  const arb = fc.record({ n: fc.integer() }).chain((r) => fc.tuple(fc.constant(r), fc.array(fc.nat(), { minLength: 2, maxLength: 5 })));
  const seen: unknown[] = [];
  await fc.assert(fc.asyncProperty(arb, async (value) => {
    seen.push(value);
  }), { seed: 20260926, numRuns: 25 });
  expect(propertyValues(arb, { seed: 20260926, numRuns: 25 })).toEqual(seen);
});

test('another seed gives other values', () => {
  expect(propertyValues(fc.string(), { seed: 1, numRuns: 10 })).not.toEqual(propertyValues(fc.string(), { seed: 2, numRuns: 10 }));
});

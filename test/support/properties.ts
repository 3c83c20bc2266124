/**
 * Property-based tests whose values share one synthesis. fast-check checks a property value by value; a property whose
 * every value needs a synthesized app pays a synthesis each, while one app of many stacks synthesizes several times
 * faster. `propertyValues` gives the values `fc.assert` would check, so that a test can build them all into one app,
 * synthesize once and check each; `batchThenOneByOne` falls back to fast-check, value by value, when that fails, so a
 * failure still names (and shrinks to) the smallest failing value fast-check finds.
 */
import * as fc from 'fast-check';

/** The parameters of a property-based test that this module reproduces: no others may be given to `fc.assert`. */
export interface PropertyParameters<T> {
  readonly seed: number;
  readonly numRuns: number;
  readonly examples?: readonly T[];
}

/**
 * The values `fc.assert(property, parameters)` checks while the property holds, in its order, for a property of the
 * one arbitrary `arb` (`fc.property(a, b, ...)` is the property of `fc.tuple(a, b, ...)`): the examples first, then the
 * generated values, as many as the runs left (fast-check counts the examples among `numRuns`).
 */
export function propertyValues<T>(arb: fc.Arbitrary<T>, parameters: PropertyParameters<T>): T[] {
  const examples = parameters.examples ?? [];
  const generated = Math.max(0, parameters.numRuns - examples.length);
  return [...examples, ...(generated > 0 ? fc.sample(arb, { seed: parameters.seed, numRuns: generated }) : [])];
}

/**
 * Runs `batch` (every value in one app); if it fails, runs `oneByOne` (the same property with `fc.assert`, one app a
 * value), which fails with fast-check's report of the smallest failing value; if that passes (the values failed only
 * together), fails with the batch's error.
 */
export async function batchThenOneByOne(batch: () => unknown, oneByOne: () => unknown): Promise<void> {
  try {
    await batch();
  } catch (batchError) {
    await oneByOne();
    throw batchError;
  }
}

/**
 * The conditions of a template (`Conditions`, used by `Fn::If`), and values that hold only under some of them.
 *
 * The check cannot know at synthesis which conditions will be true (they depend on parameters, regions, accounts), so
 * it reads every branch of every `Fn::If` and remembers the conditions that choose it. A value that results is a
 * `Variant`: the value with the conditions it holds under (`IsProd`, or `!IsProd` where the condition must be false).
 * Conditions are taken as independent of each other (the check does not evaluate `Fn::Equals` or `Fn::Not` between
 * them), so a combination CloudFormation could never choose may be read too: more access, never less.
 *
 * `{ "Ref": "AWS::NoValue" }` removes the value it stands for: a list element, a property, or a whole branch.
 */
import { intrinsic } from './intrinsics';

/** Conditions that must all hold: sorted, each `Name` (true) or `!Name` (false). Empty: always. */
export type Conditions = readonly string[];

/** Holds whatever the conditions. */
export const ALWAYS: Conditions = [];

/** A value and the conditions that choose it. */
export interface Variant<T = unknown> {
  readonly value: T;
  readonly when: Conditions;
}

/** An element of a list: a value, or (`unknownList`) a list CloudFormation builds at deploy time. */
export interface ListElement extends Variant {
  /** Its position in the list as written (in the branch of an `Fn::If` that chooses the list). */
  readonly index: number;
  /** The value is a whole list known only at deploy time (a `CommaDelimitedList` parameter, `Fn::Split` of one, ...). */
  readonly unknownList: boolean;
}

/** The most conditions one statement is read under, each with both branches (2^8 combinations). */
export const MAX_CONDITIONS = 8;

/** `a` and `b` together, or `undefined` when they contradict each other (`C` and `!C`). */
export function both(a: Conditions, b: Conditions): Conditions | undefined {
  const all = new Set([...a, ...b]);
  for (const condition of all) {
    if (all.has(negate(condition))) {
      return undefined;
    }
  }
  return [...all].sort();
}

/** `C` for `!C`, `!C` for `C`. */
export function negate(condition: string): string {
  return condition.startsWith('!') ? condition.slice(1) : `!${condition}`;
}

/** The conditions as people read them: `IsProd and not UseLegacy`. */
export function describeConditions(when: Conditions): string {
  return when.map((condition) => (condition.startsWith('!') ? `not ${condition.slice(1)}` : condition)).join(' and ');
}

/**
 * The values `value` can take at its top level, each with the conditions that choose it: both branches of an
 * `Fn::If` (and of any `Fn::If` a branch is), none for `AWS::NoValue`. Deeper `Fn::If` are left as they are.
 */
export function variants(value: unknown, when: Conditions = ALWAYS): Variant[] {
  const fn = intrinsic(value);
  if (fn?.[0] === 'Ref' && fn[1] === 'AWS::NoValue') {
    return [];
  }
  if (fn?.[0] === 'Fn::If' && Array.isArray(fn[1]) && fn[1].length === 3 && typeof fn[1][0] === 'string') {
    const [condition, ifTrue, ifFalse] = fn[1];
    return [[ifTrue, condition], [ifFalse, negate(condition)]].flatMap(([branch, chosen]) => {
      const under = both(when, [chosen]);
      return under ? variants(branch, under) : [];
    });
  }
  return [{ value, when }];
}

/**
 * The elements of the list `value` (a single value is a list of one), each with the conditions that choose it:
 * `Fn::If` around the list and around each element is read both ways, `AWS::NoValue` elements are left out,
 * `Fn::Split` of a literal text (or of an `Fn::Join` with the same delimiter) is its parts, `listOf` may turn other
 * intrinsics into the list they stand for (a mapping's list, a parameter's value passed by a parent stack), and a list
 * CloudFormation builds at deploy time is one element marked `unknownList`.
 */
export function listElements(value: unknown, when: Conditions = ALWAYS,
  listOf: (value: unknown) => unknown[] | undefined = () => undefined): ListElement[] {
  return variants(value, when).flatMap((list): ListElement[] => {
    if (list.value === undefined) {
      return [];
    }
    const elements = Array.isArray(list.value) ? list.value : split(list.value) ?? listOf(list.value);
    if (elements) {
      return elements.flatMap((element, index) => variants(element, list.when).map((v) => ({ ...v, index, unknownList: false })));
    }
    const fn = intrinsic(list.value);
    // A list from a parameter, an import, `Fn::Split` of a token, `Fn::GetAZs`, ...: its elements are known at deploy
    // time. `Fn::Sub`, `Fn::Join` and `Fn::Select` make one text: a list of one.
    const unknownList = fn !== undefined && !['Fn::Sub', 'Fn::Join', 'Fn::Select'].includes(fn[0]);
    return [{ ...list, index: 0, unknownList }];
  });
}

/** The parts of `Fn::Split` of a literal text, or of an `Fn::Join` of a list with the same delimiter. */
function split(value: unknown): unknown[] | undefined {
  const fn = intrinsic(value);
  if (fn?.[0] !== 'Fn::Split' || !Array.isArray(fn[1]) || typeof fn[1][0] !== 'string') {
    return undefined;
  }
  const [delimiter, source] = fn[1];
  if (typeof source === 'string') {
    return source.split(delimiter);
  }
  const joined = intrinsic(source);
  return joined?.[0] === 'Fn::Join' && Array.isArray(joined[1]) && joined[1][0] === delimiter && Array.isArray(joined[1][1])
    ? joined[1][1]
    : undefined;
}

/** The names of the conditions `Fn::If` uses anywhere in `value`. */
export function conditionsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'object' && value !== null) {
    const fn = intrinsic(value);
    if (fn?.[0] === 'Fn::If' && Array.isArray(fn[1]) && typeof fn[1][0] === 'string') {
      found.add(fn[1][0]);
    }
    Object.values(value).forEach((element) => conditionsIn(element, found));
  }
  return found;
}

/**
 * Every value `value` can take with each `Fn::If` anywhere in it decided, each with the conditions that choose it;
 * `AWS::NoValue` removes the element or property it stands for. Values that come out alike are one, under the
 * conditions all of their choices share. `undefined` when `value` uses more than `MAX_CONDITIONS` conditions.
 */
export function deepVariants(value: unknown, when: Conditions = ALWAYS): Variant[] | undefined {
  const names = [...conditionsIn(value)].sort();
  if (names.length > MAX_CONDITIONS) {
    return undefined;
  }
  const byValue = new Map<string, { value: unknown; choices: Conditions[] }>();
  // Every choice of each condition true or false, in names' order, the first name changing fastest.
  const everyChoice = names.reduceRight<string[][]>((later, name) => later.flatMap((rest) => [[`!${name}`, ...rest], [name, ...rest]]), [[]]);
  for (const choice of everyChoice) {
    const under = both(when, choice);
    if (!under) {
      continue;
    }
    const decided = decide(value, new Set(choice));
    if (decided === NO_VALUE) {
      continue;
    }
    const key = JSON.stringify(decided);
    const entry = byValue.get(key) ?? { value: decided, choices: [] };
    entry.choices.push(under);
    byValue.set(key, entry);
  }
  return [...byValue.values()].map(({ value: decided, choices }) => ({
    value: decided,
    when: choices[0].filter((condition) => choices.every((c) => c.includes(condition))),
  }));
}

/** Stands for a value removed by `AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

/** `value` with each `Fn::If` decided by `chosen` (the conditions that are true or, as `!Name`, false). */
function decide(value: unknown, chosen: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) {
    return value.map((element) => decide(element, chosen)).filter((element) => element !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const fn = intrinsic(value);
  if (fn?.[0] === 'Ref' && fn[1] === 'AWS::NoValue') {
    return NO_VALUE;
  }
  if (fn?.[0] === 'Fn::If' && Array.isArray(fn[1]) && fn[1].length === 3 && typeof fn[1][0] === 'string') {
    return decide(chosen.has(fn[1][0]) ? fn[1][1] : fn[1][2], chosen);
  }
  const entries = Object.entries(value).map(([key, element]) => [key, decide(element, chosen)] as const);
  return Object.fromEntries(entries.filter(([, element]) => element !== NO_VALUE));
}

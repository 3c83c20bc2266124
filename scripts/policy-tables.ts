/**
 * What the generators of the access check's policy tables share (scripts/generate-aws-managed-policies.ts,
 * scripts/generate-sam-policy-templates.ts): which statements of a policy document concern `mobiletargeting`, the part
 * of such a statement that a table keeps, and how a JSON value is written as a TypeScript literal.
 *
 * A statement concerns `mobiletargeting` when its `Action` or `NotAction` leaves some `mobiletargeting` action, as the
 * access check's own matcher (`matchActions` of lib/private/access-check/statements/action-patterns.ts) decides it: a pattern
 * that names one, a wildcard (`*`, `mobiletargeting:Get*`), or a `NotAction` that does not exclude them all. Its effect
 * does not matter: a table keeps what denies as well as what allows.
 */
import { matchActions } from '../lib/private/access-check/statements/action-patterns';

/** A JSON value, as policy documents hold them. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** A policy statement, as a document holds it. */
export type Statement = { readonly [key: string]: Json };

/** The keys an identity policy statement may have; a statement with any other key stops a generator. */
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** `value` as a list: a list as it is, a single value as a list of one, nothing as an empty list. */
export function asList(value: Json | undefined): readonly Json[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value as Json];
}

/** The action patterns of `Action`, or of `NotAction` when `notAction`; fails on a value that is not a string. */
function patterns(statement: Statement, key: 'Action' | 'NotAction'): string[] {
  return asList(statement[key]).map((pattern) => {
    if (typeof pattern !== 'string') {
      throw new Error(`${key} holds ${JSON.stringify(pattern)}, expected strings only`);
    }
    return pattern;
  });
}

/** Whether `statement` allows or denies some `mobiletargeting` action. */
export function concernsMobiletargeting(statement: Statement): boolean {
  if (statement.NotAction !== undefined) {
    return matchActions(patterns(statement, 'NotAction'), true).length > 0;
  }
  return matchActions(patterns(statement, 'Action'), false).length > 0;
}

/**
 * The statements of a policy document that concern `mobiletargeting`, each as a table keeps it (`tableStatement`),
 * with its position in the document's `Statement` list (0 for a document whose `Statement` is one object).
 */
export function mobiletargetingStatements(document: { readonly [key: string]: Json }): Statement[] {
  return asList(document.Statement)
    .map((statement, index) => ({ statement: statement as Statement, index }))
    .filter(({ statement }) => concernsMobiletargeting(statement))
    .map(({ statement, index }) => tableStatement(statement, index));
}

/**
 * The part of a statement that concerns `mobiletargeting` that a table keeps: `index`, then `Sid`, `Effect`,
 * `NotAction`, `Resource`, `NotResource` and `Condition` verbatim, and `Action` verbatim when each of its patterns can
 * match a `mobiletargeting` action. Otherwise `Action` keeps only the patterns that can, in their order, and
 * `otherActionsLeftOut` says how many patterns were left out: they name actions of other services only, so which
 * `mobiletargeting` actions the statement applies to is unchanged, while the table stays small (the `Action` lists of
 * `ReadOnlyAccess` and the like hold thousands of actions of other services).
 */
export function tableStatement(statement: Statement, index: number): Statement {
  const unknown = Object.keys(statement).filter((key) => !STATEMENT_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new Error(`statement ${index} has ${JSON.stringify(unknown)}, ` +
      `expected only ${JSON.stringify(STATEMENT_KEYS)}`);
  }
  const kept: { [key: string]: Json } = { index };
  for (const key of STATEMENT_KEYS) {
    if (statement[key] !== undefined) {
      kept[key] = statement[key];
    }
  }
  if (Array.isArray(statement.Action)) {
    const mobiletargeting = patterns(statement, 'Action')
      .filter((pattern) => matchActions([pattern], false).length > 0);
    const leftOut = statement.Action.length - mobiletargeting.length;
    if (leftOut > 0) {
      kept.Action = mobiletargeting;
      kept.otherActionsLeftOut = leftOut;
    }
  }
  return kept;
}

/** The longest line a literal is written on before it is broken over several lines. */
const MAX_LINE = 120;

/**
 * `value` as a TypeScript literal, starting at column `column` of a line indented by `indent`: on one line when it
 * fits in 120 characters (with a trailing comma), else one element or entry per line.
 */
export function tsLiteral(value: Json, indent = '', column = indent.length): string {
  const flat = flatLiteral(value);
  if (column + flat.length + 1 <= MAX_LINE || value === null || typeof value !== 'object') {
    return flat;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item: Json) => `${inner}${tsLiteral(item, inner)},`);
    return `[\n${items.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { [key: string]: Json }).map(([key, item]) => {
    const prefix = `${inner}${tsKey(key)}: `;
    return `${prefix}${tsLiteral(item, inner, prefix.length)},`;
  });
  return `{\n${entries.join('\n')}\n${indent}}`;
}

/** `value` as a TypeScript literal on one line. */
function flatLiteral(value: Json): string {
  if (typeof value === 'string') {
    return q(value);
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: Json) => flatLiteral(item)).join(', ')}]`;
  }
  const entries = Object.entries(value as { [key: string]: Json });
  const items = entries.map(([key, item]) => `${tsKey(key)}: ${flatLiteral(item)}`);
  return items.length === 0 ? '{}' : `{ ${items.join(', ')} }`;
}

/** An object key: bare when it is an identifier, else quoted. */
function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : q(key);
}

/** A string literal in single quotes. */
export function q(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

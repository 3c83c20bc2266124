/**
 * The access check's report (`pinpoint-access-report.json`, its shape in the contract of issue 16) held against the
 * independent judge: `missedAccess` lists every request the evaluator allows in some world that the report does not
 * show (or shows without the `onlyWhen` its conditions call for); `extraAccess` lists every analytics entry of the
 * report that no world's evaluator allows on any probe, for each case to explain by a documented limit of the check.
 */
import { ExpectedExtra } from './access-corpus';
import { AllowedRequest, JUDGED_ACTIONS, JudgedWorld } from './analytics-judge';
import { World, WorldPrincipal } from './cfn-world';

/** The parts of `ReportAction` the comparison reads. */
export interface ReportActionLike {
  readonly action: string;
  readonly undecided?: boolean;
  readonly resources: readonly string[];
  readonly statements?: readonly string[];
  readonly onlyWhen?: ReadonlyArray<readonly string[]>;
}

/** The parts of `ReportPrincipal` the comparison reads. */
export interface ReportPrincipalLike {
  readonly kind: 'role' | 'user' | 'group';
  readonly name: string;
  readonly definedIn?: { readonly template: string; readonly logicalId: string; readonly via?: string };
  readonly groups?: readonly string[];
  readonly allows: readonly ReportActionLike[];
}

/** The parts of `AccessReport` the comparison reads. */
export interface ReportLike {
  readonly principals: readonly ReportPrincipalLike[];
}

/** A request the evaluator allows that the report does not show as it should. */
export interface MissedAccess {
  /** The world key of the principal. */
  readonly principal: string;
  readonly action: string;
  readonly arn: string;
  /** Why it counts as missed. */
  readonly reason: string;
  /** The indexes of the judged worlds where the evaluator allows it. */
  readonly worlds: readonly number[];
}

/** An analytics entry of the report that no world's evaluator allows on any probe. */
export interface ExtraAccess {
  /** The report principal's name. */
  readonly principal: string;
  readonly kind: 'role' | 'user' | 'group';
  readonly definedIn?: { readonly template: string; readonly logicalId: string };
  readonly action: string;
  readonly resource: string;
  readonly statements: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** An IAM pattern (`*` any run, `?` one character) as a regular expression's source. */
function globSource(pattern: string): string {
  return pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c))).join('');
}

/**
 * Whether the IAM pattern `pattern` matches `value`: `*` any run, `?` one character (case-sensitive, as ARNs are), and
 * each `${Name}` token replaced by the world's value of that name (any of them, when several templates give it one),
 * itself read as an IAM pattern, or matching any run when the world does not know the name.
 */
export function iamPatternMatches(pattern: string, value: string, tokens: ReadonlyMap<string, ReadonlySet<string>> = new Map()): boolean {
  let source = '';
  let rest = pattern;
  for (let token = /\$\{([^}]*)\}/.exec(rest); token; token = /\$\{([^}]*)\}/.exec(rest)) {
    source += globSource(rest.slice(0, token.index));
    const values = tokens.get(token[1]);
    source += values && values.size > 0 ? `(?:${[...values].map(globSource).join('|')})` : '.*';
    rest = rest.slice(token.index + token[0].length);
  }
  source += globSource(rest);
  return new RegExp(`^${source}$`, 's').test(value);
}

/** Whether the report's resource entry (`<pattern>` or `NotResource <pattern>`) covers `arn`. */
function resourceCovers(resource: string, arn: string, tokens: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (resource.startsWith('NotResource ')) {
    const pattern = resource.slice('NotResource '.length);
    // A token the world does not know could make the excluded pattern anything: the entry may cover the ARN.
    const unknown = [...pattern.matchAll(/\$\{([^}]*)\}/g)].some((m) => !tokens.has(m[1]));
    return unknown || !iamPatternMatches(pattern, arn, tokens);
  }
  return iamPatternMatches(resource, arn, tokens);
}

function sameTemplate(reported: string, caseTemplate: string): boolean {
  const r = reported.replace(/\\/g, '/').replace(/^\.\//, '');
  return r === caseTemplate || r.endsWith(`/${caseTemplate}`);
}

/**
 * Whether the report principal stands for the world principal: same kind, and the same template and logical ID, or,
 * for a report principal named only by a name, that name (its tokens read in the world) is the principal's.
 */
function represents(reported: ReportPrincipalLike, principal: WorldPrincipal, world: World): boolean {
  if (reported.kind !== principal.kind) {
    return false;
  }
  if (reported.definedIn) {
    return principal.definedIn !== undefined
      && sameTemplate(reported.definedIn.template, principal.definedIn.template)
      && reported.definedIn.logicalId === principal.definedIn.logicalId;
  }
  return iamPatternMatches(reported.name, principal.name, world.tokens);
}

/** The report entries that can show a world principal's access: its own, and for a user those of the groups it names. */
function entriesFor(report: ReportLike, principal: WorldPrincipal, world: World): ReportActionLike[] {
  const own = report.principals.filter((r) => represents(r, principal, world));
  const groupNames = new Set(own.flatMap((r) => r.groups ?? []));
  const groups = report.principals.filter((r) => r.kind === 'group' && groupNames.has(r.name));
  return [...own, ...groups].flatMap((r) => r.allows);
}

function actionCovers(entry: ReportActionLike, action: string): boolean {
  return entry.undecided === true || entry.action.toLowerCase() === action.toLowerCase();
}

/** Whether a conjunction of `onlyWhen` (`'IsProd'`, `'!UseLegacy'`) holds in the world; a name no template defines holds. */
function conjunctionHolds(conjunction: readonly string[], world: World): boolean {
  return conjunction.every((literal) => {
    const negated = literal.startsWith('!');
    const name = negated ? literal.slice(1) : literal;
    const values = Object.values(world.assignment.conditions).map((c) => c[name]).filter((v) => v !== undefined);
    return values.length === 0 || values.some((v) => v === !negated);
  });
}

function entryCovers(entry: ReportActionLike, request: AllowedRequest, world: World, withConditions: boolean): boolean {
  return actionCovers(entry, request.action)
    && entry.resources.some((r) => resourceCovers(r, request.arn, world.tokens))
    && (!withConditions || entry.onlyWhen === undefined || entry.onlyWhen.some((c) => conjunctionHolds(c, world)));
}

/**
 * Every request the evaluator allows in some judged world that the report misses: its principal has no entry of
 * the action (or an undecided one) with a resource that matches the ARN; or the entries that match say `onlyWhen`
 * conditions under which the world does not fall; or the access holds in some worlds but not all and no matching
 * entry says `onlyWhen`.
 */
export function missedAccess(report: ReportLike, judged: readonly JudgedWorld[]): MissedAccess[] {
  const byRequest = new Map<string, { request: AllowedRequest; worlds: number[] }>();
  judged.forEach(({ allowed }, index) => {
    for (const request of allowed) {
      const key = `${request.principal} ${request.action} ${request.arn}`;
      const entry = byRequest.get(key) ?? { request, worlds: [] };
      entry.worlds.push(index);
      byRequest.set(key, entry);
    }
  });
  const missed: MissedAccess[] = [];
  for (const { request, worlds } of byRequest.values()) {
    const miss = (reason: string) => missed.push({ ...request, reason, worlds });
    let matchedAnywhere = false;
    let uncovered: number | undefined;
    let conditional = false;
    for (const index of worlds) {
      const { world } = judged[index];
      const principal = world.principals.find((p) => p.key === request.principal)!;
      const entries = entriesFor(report, principal, world).filter((e) => entryCovers(e, request, world, false));
      matchedAnywhere ||= entries.length > 0;
      conditional ||= entries.some((e) => e.onlyWhen !== undefined);
      if (!entries.some((e) => entryCovers(e, request, world, true)) && uncovered === undefined) {
        uncovered = index;
      }
    }
    if (!matchedAnywhere) {
      miss('the report shows no entry of this action with a resource that matches the ARN for this principal');
    } else if (uncovered !== undefined) {
      miss(`the report's onlyWhen excludes world ${uncovered}, where the evaluator allows it`);
    } else if (worlds.length < judged.length && !conditional) {
      miss(`it holds in ${worlds.length} of ${judged.length} worlds, but the report does not say under which conditions (no onlyWhen)`);
    }
  }
  return missed;
}

/**
 * Every analytics entry of the report (principal, action, resource) that the evaluator allows on no probe in any
 * judged world. Undecided entries stand for each of the six actions; entries of other `mobiletargeting` actions are
 * not judged.
 */
export function extraAccess(report: ReportLike, judged: readonly JudgedWorld[]): ExtraAccess[] {
  const judgedActions = JUDGED_ACTIONS.map((a) => a.toLowerCase());
  const extras: ExtraAccess[] = [];
  for (const reported of report.principals) {
    for (const entry of reported.allows) {
      if (!entry.undecided && !judgedActions.includes(entry.action.toLowerCase())) {
        continue;
      }
      for (const resource of entry.resources) {
        const confirmed = judged.some(({ world, allowed }) => allowed.some((request) => {
          const principal = world.principals.find((p) => p.key === request.principal)!;
          return represents(reported, principal, world) && actionCovers(entry, request.action)
            && resourceCovers(resource, request.arn, world.tokens);
        }));
        if (!confirmed) {
          extras.push({
            principal: reported.name,
            kind: reported.kind,
            definedIn: reported.definedIn,
            action: entry.action,
            resource,
            statements: entry.statements ?? [],
          });
        }
      }
    }
  }
  return extras;
}

/**
 * The extras that no expected extra of the case explains. An expected extra explains an extra of the same action for
 * the same principal (`<template>#<LogicalId>` against the report's `definedIn`, or `<kind>:<name>` against its kind and
 * name) whose resource, read in the first judged world, matches the expected resource.
 */
export function unexplainedExtras(
  extras: readonly ExtraAccess[], expected: readonly ExpectedExtra[], judged: readonly JudgedWorld[],
): ExtraAccess[] {
  const tokens = judged[0]?.world.tokens ?? new Map<string, ReadonlySet<string>>();
  const samePrincipal = (extra: ExtraAccess, key: string): boolean => {
    const hash = key.lastIndexOf('#');
    if (hash >= 0) {
      return extra.definedIn !== undefined && sameTemplate(extra.definedIn.template, key.slice(0, hash))
        && extra.definedIn.logicalId === key.slice(hash + 1);
    }
    return extra.definedIn === undefined && `${extra.kind}:${extra.principal}` === key;
  };
  return extras.filter((extra) => !expected.some((e) =>
    samePrincipal(extra, e.principal)
    && e.action.toLowerCase() === extra.action.toLowerCase()
    && (extra.resource === e.resource || iamPatternMatches(extra.resource, e.resource, tokens))));
}

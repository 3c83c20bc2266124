/**
 * The canonical form of a set of permissions, and how it is cut into policy documents. Pure: no stack, no construct.
 *
 * Merge: every resource keeps exactly the actions granted on it (two ARNs that synthesize alike, `key`, are one
 * resource). Group: resources with the same set of actions share one statement, named by that set (`sidForActions`,
 * the one owner of a Sid). Sort: statements by Sid, resources by kind and synthesized form. The form allows exactly the
 * union of what the permissions allow (no action ever meets a resource it was not granted on), does not depend on their
 * order, and granting the same thing twice changes nothing.
 *
 * Pack: the statements are cut, in that order, into documents within given limits. A statement that would not fit is
 * continued in another statement; each piece keeps the statement's exact actions, so no pattern changes.
 *
 * Sids: each group's pieces take the names of its canonical Sid in order, `sid`, `sid2`, `sid3`, ... (`sidName`),
 * skipping any that another statement of the policy already has. A canonical Sid never ends in a digit, so the names
 * of two different canonical Sids never meet, and every piece's Sid is unique.
 */
import {
  ANALYTICS_READS,
  METRIC_ACTIONS,
  GET_CAMPAIGN_DATE_RANGE_KPI,
  GET_JOURNEY_DATE_RANGE_KPI,
  GET_JOURNEY_EXECUTION_ACTIVITY_METRICS,
  GET_JOURNEY_EXECUTION_METRICS,
  GET_REPORTS,
} from '../analytics';
import { memoized, sortedBy } from '../collections';
import { DOCUMENT_OVERHEAD_CHARS, MANAGED_POLICY_MAX_CHARS, SPLITTABLE_STATEMENT_MAX_CHARS, statementOverhead, TwoSizes } from '../size/policy-size';

/** Every action on every resource. */
export interface Permission {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** A statement of the canonical form: `Allow` its actions on its resources. */
export interface Statement extends Permission {
  readonly sid: string;
}

/** What the canonical form needs to know of a resource: its synthesized form (`key`) and its size in a statement. */
export interface ResourceForm {
  readonly key: string;
  readonly size: TwoSizes;
}

/** A resource of the canonical form. */
export interface SizedResource extends ResourceForm {
  readonly arn: string;
}

/** The resources that share one set of actions, sorted, before packing. */
export interface StatementGroup {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly SizedResource[];
}

/** The most one piece of a statement may hold, and the most each document may hold. */
export interface PackingLimits {
  /** By both measures: as deployed and by aws-cdk-lib's splitter. */
  readonly statement: TwoSizes;
  /** The characters document `index` may hold, the document around its statements included. */
  readonly document: (index: number) => number;
}

/**
 * Statements that a managed policy can hold, in one document of any size: what aws-cdk-lib's role policy splitter
 * places into `OverflowPolicy` managed policies (it never cuts a statement), and what `toPolicyStatements` returns.
 */
export const ONE_DOCUMENT: PackingLimits = {
  statement: { deployed: MANAGED_POLICY_MAX_CHARS - DOCUMENT_OVERHEAD_CHARS, splitter: SPLITTABLE_STATEMENT_MAX_CHARS },
  document: () => Infinity,
};

/**
 * Documents of `first` characters, then of a managed policy's 6,144 each: a user's or group's inline policies, then
 * managed policies. Nothing splits these further, so only the size as deployed counts.
 */
export function inlineThenManaged(first: number): PackingLimits {
  return {
    statement: { deployed: Infinity, splitter: Infinity },
    document: (index) => index === 0 ? first : MANAGED_POLICY_MAX_CHARS,
  };
}

/**
 * The Sid of a canonical statement, from its set of actions: the developer guide's names for a project's, a campaign's
 * and a journey's statement (`QueryProjectAnalytics` for all five analytics actions, `QueryCampaignAnalytics`,
 * `QueryJourneyAnalytics`) and `ViewAnalyticsConsoleReports` for the console's; any other set is spelled out action by
 * action (`QueryJourneyExecutionMetrics`), so different sets never share a Sid.
 */
export function sidForActions(actions: readonly string[]): string {
  const set = new Set(actions);
  const is = (list: readonly string[]) => list.length === set.size && list.every((a) => set.has(a));
  if (is(METRIC_ACTIONS)) {
    return 'QueryProjectAnalytics';
  }
  if (is([GET_CAMPAIGN_DATE_RANGE_KPI])) {
    return 'QueryCampaignAnalytics';
  }
  if (is([GET_JOURNEY_DATE_RANGE_KPI, GET_JOURNEY_EXECUTION_METRICS, GET_JOURNEY_EXECUTION_ACTIVITY_METRICS])) {
    return 'QueryJourneyAnalytics';
  }
  if (is([GET_REPORTS])) {
    return 'ViewAnalyticsConsoleReports';
  }
  return `Query${sortActions([...set]).map((action) => action.replace('mobiletargeting:Get', '')).join('')}`;
}

/**
 * The Sid of a statement of a `PinpointAnalyticsReadPolicy`'s managed policy: the canonical one, but all five analytics
 * actions on every project are the developer guide's `QueryAllAnalytics`.
 */
export function managedPolicySid(actions: readonly string[], everyProject: boolean): string {
  const sid = sidForActions(actions);
  return everyProject && sid === 'QueryProjectAnalytics' ? 'QueryAllAnalytics' : sid;
}

/** The canonical groups of `permissions`; `formOf` tells each resource's synthesized form and size. */
export function canonicalGroups(permissions: readonly Permission[], formOf: (arn: string) => ResourceForm): StatementGroup[] {
  // Resources by their synthesized form: two tokens for the same ARN are one resource, with the union of actions.
  const byKey = new Map<string, SizedResource & { readonly actions: Set<string> }>();
  for (const permission of permissions) {
    for (const arn of permission.resources) {
      const form = formOf(arn);
      let entry = byKey.get(form.key);
      if (!entry) {
        entry = { arn, key: form.key, size: form.size, actions: new Set<string>() };
        byKey.set(form.key, entry);
      }
      for (const action of permission.actions) {
        entry.actions.add(action);
      }
    }
  }
  // One group per set of actions, known by its Sid (distinct sets of actions never share one).
  // Resources that collected the same actions in the same order share one lookup of their group.
  const groups = new Map<string, { sid: string; actions: string[]; resources: SizedResource[] }>();
  const groupOfActions = new Map<string, { sid: string; actions: string[]; resources: SizedResource[] }>();
  for (const { actions, arn, key, size } of byKey.values()) {
    const inOrder = [...actions];
    // Stryker disable next-line StringLiteral: every action starts with `mobiletargeting:`, so the actions joined without a separator are as unambiguous.
    const group = memoized(groupOfActions, inOrder.join(' '), () => {
      const sorted = sortActions(inOrder);
      const sid = sidForActions(sorted);
      return memoized(groups, sid, () => ({ sid, actions: sorted, resources: [] }));
    });
    group.resources.push({ arn, key, size });
  }
  return sortedBy([...groups.values()], (group) => group.sid)
    .map((group) => ({ ...group, resources: byRankAndKey(group.resources) }));
}

/** `resources` (each of its own synthesized form) by kind (`resourceRank`), then by that form; each rank computed once. */
function byRankAndKey(resources: readonly SizedResource[]): SizedResource[] {
  const ranked = resources.map((resource) => ({ rank: resourceRank(resource.key), resource }));
  // Stryker disable next-line EqualityOperator: the keys are distinct (resources are collected by key), so no two compare equal.
  ranked.sort((a, b) => a.rank - b.rank || (a.resource.key < b.resource.key ? -1 : 1));
  return ranked.map(({ resource }) => resource);
}

/**
 * `groups` in documents within `limits`, in order: each document is filled before the next is opened, and a group
 * that does not fit continues in a new statement (`sid2`, ...) in the same document or the next. A resource larger
 * than a limit on its own gets a statement, or a document, of its own; only the first document can be empty.
 *
 * @param taken the Sids that other statements of the policy have: no piece takes one of them
 */
export function pack(groups: readonly StatementGroup[], limits: PackingLimits, taken: ReadonlySet<string> = new Set()): Statement[][] {
  const documents: Statement[][] = [[]];
  let room = limits.document(0) - DOCUMENT_OVERHEAD_CHARS;
  for (const group of groups) {
    let name = 0;
    let current: { resources: string[]; size: TwoSizes } | undefined;
    for (const resource of group.resources) {
      if (current) {
        const next = plus(current.size, resource.size);
        if (next.deployed <= limits.statement.deployed && next.splitter <= limits.statement.splitter &&
          resource.size.deployed <= room) {
          current.resources.push(resource.arn);
          current.size = next;
          room -= resource.size.deployed;
          continue;
        }
      }
      const [sid, n] = nextFreeSid(group.sid, name, taken);
      name = n;
      const size = plus(statementOverhead(sid, group.actions), resource.size);
      // The first document may stay empty (a user's inline policies with no room left); any other holds a statement,
      // as a new one is opened only for the statement placed in it next.
      if (size.deployed > room) {
        documents.push([]);
        // Stryker disable next-line ArithmeticOperator: every limit after the first document's is the same (a managed policy's), and the index here is at least 1.
        room = limits.document(documents.length - 1) - DOCUMENT_OVERHEAD_CHARS;
      }
      current = { resources: [resource.arn], size };
      documents[documents.length - 1].push({ sid, actions: group.actions, resources: current.resources });
      room -= size.deployed;
    }
  }
  return documents.length > 1 || documents[0].length > 0 ? documents : [];
}

/** The canonical statements of `permissions` in one document, each within a managed policy. */
export function canonicalStatements(permissions: readonly Permission[], formOf: (arn: string) => ResourceForm): Statement[] {
  return pack(canonicalGroups(permissions, formOf), ONE_DOCUMENT).flat();
}

/** The `n`-th name a statement of the canonical Sid `sid` may take: `sid` for the first, then `sid2`, `sid3`, ... */
export function sidName(sid: string, n: number): string {
  return n === 1 ? sid : `${sid}${n}`;
}

/** The first of `sid`'s names after the `after`-th that `taken` does not hold, and its number. */
export function nextFreeSid(sid: string, after: number, taken: ReadonlySet<string>): [string, number] {
  let n = after + 1;
  while (taken.has(sidName(sid, n))) {
    n++;
  }
  return [sidName(sid, n), n];
}

/** The canonical Sid whose name `sid` is (`QueryCampaignAnalytics` of `QueryCampaignAnalytics3`). */
export function canonicalSidOf(sid: string): string {
  // Stryker disable next-line Regex: a canonical Sid has no digit, so the only digits of a name are its number at the end.
  return sid.replace(/[0-9]+$/, '');
}

/** Sorts actions (distinct actions of this library) in the order of the developer guide. */
function sortActions(actions: string[]): string[] {
  return actions.sort((a, b) => ANALYTICS_READS.indexOf(a) - ANALYTICS_READS.indexOf(b));
}

/**
 * Orders resources by kind as the developer guide does (project KPIs, campaign KPIs, journey KPIs, journey execution
 * metrics, activity execution metrics, the console's reports), so a single grant renders exactly as the guide's
 * example. `key` is the synthesized ARN, whose literal parts name the kind.
 */
function resourceRank(key: string): number {
  const kinds = ['/activities/', '/execution-metrics', '/journeys/', '/campaigns/', '/kpis/'];
  // No kind (-1): after every kind.
  // Stryker disable next-line ArithmeticOperator: ranks are only compared with each other, so the same offset on all of them sorts alike.
  return kinds.length - 1 - kinds.findIndex((kind) => key.includes(kind));
}


function plus(a: TwoSizes, b: TwoSizes): TwoSizes {
  return { deployed: a.deployed + b.deployed, splitter: a.splitter + b.splitter };
}

/**
 * Who may call which Pinpoint analytics action on which ARN in a world, as the independent IAM evaluator
 * (`@cloud-copilot/iam-simulate`, through `decide`) decides on the world's concrete policies.
 *
 * The evaluator is asked about probes: concrete ARNs of each action's resource type, for the project, campaign and
 * journey IDs that appear in the worlds and for IDs that appear nowhere, in the worlds' region and account and in
 * another region and another account. It takes a few milliseconds a request, so the judge asks only what can matter:
 * a principal none of whose statements names the action (by name, by a wildcard that matches it, or by `NotAction`)
 * is not asked about it, as no policy of it can allow it; the statements that cannot match the action are left out of
 * what is asked (they cannot change the decision), so that worlds and principals with the same relevant statements
 * share the evaluator's answers.
 */
import {
  GET_ACTIVITY_EXECUTION, GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_EXECUTION, GET_JOURNEY_KPI, GET_REPORTS,
} from './analytics';
import { ACCOUNT, OTHER_ACCOUNT, OTHER_REGION, REGION } from './app';
import { judgeHexId, World } from './cfn-world';
import { decide, NamedPolicy } from './evaluator';

/** The six actions the judge asks about: the five analytics reads and the console's `GetReports`. */
export const JUDGED_ACTIONS: readonly string[] = [
  GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION, GET_REPORTS,
];

/** IDs that appear in no case: a probe with them finds access granted on every project, campaign or journey. */
export const UNSEEN_IDS = {
  project: judgeHexId('a project no template names'),
  campaign: judgeHexId('a campaign no template names'),
  journey: judgeHexId('a journey no template names'),
  activity: 'activity1',
  kpi: 'email-open-rate',
};

/** One request to ask the evaluator about. */
export interface Probe {
  readonly action: string;
  readonly arn: string;
}

/** A request the evaluator allows: the principal (its world key), the action and the ARN. */
export interface AllowedRequest {
  readonly principal: string;
  readonly action: string;
  readonly arn: string;
}

/** A world and the requests the evaluator allows in it. */
export interface JudgedWorld {
  readonly world: World;
  readonly allowed: readonly AllowedRequest[];
}

/** At most this many IDs of each kind that appear in the worlds are probed (plus one that appears nowhere). */
const MAX_KNOWN_IDS = 2;

/** IDs that the worlds' policies and boundaries name after `apps/`, `campaigns/` or `journeys/` (whole segments, no wildcard). */
function idsInPolicies(worlds: readonly World[], segment: string): string[] {
  const found = new Set<string>();
  const pattern = new RegExp(`(?:^|[/:])${segment}/([A-Za-z0-9_-]+)(?=$|[/*?])`, 'g');
  for (const world of worlds) {
    for (const principal of world.principals) {
      for (const arn of JSON.stringify([principal.policies, principal.permissionsBoundary]).match(/arn:[^"]*:mobiletargeting:[^"]*/g) ?? []) {
        for (const match of arn.matchAll(pattern)) {
          found.add(match[1]);
        }
      }
    }
  }
  return [...found];
}

function firstKnown(...lists: string[][]): string[] {
  return [...new Set(lists.flat())].slice(0, MAX_KNOWN_IDS);
}

/**
 * Probes for the worlds: for each judged action, its ARNs for every known ID (at most two of each kind) and an unseen
 * one, in each world's region and account; and, for the first IDs, one ARN in another region and one in another
 * account.
 */
export function analyticsProbes(worlds: readonly World[]): Probe[] {
  const projects = [...firstKnown(idsInPolicies(worlds, 'apps'), worlds.flatMap((w) => w.ids.projects)), UNSEEN_IDS.project];
  const campaigns = [...firstKnown(idsInPolicies(worlds, 'campaigns'), worlds.flatMap((w) => w.ids.campaigns)), UNSEEN_IDS.campaign];
  const journeys = [...firstKnown(idsInPolicies(worlds, 'journeys'), worlds.flatMap((w) => w.ids.journeys)), UNSEEN_IDS.journey];
  const { kpi, activity } = UNSEEN_IDS;
  const arn = (region: string, account: string, resource: string) => `arn:aws:mobiletargeting:${region}:${account}:${resource}`;
  const byAction = (p: string, c: string, j: string): Record<string, string> => ({
    [GET_APPLICATION_KPI]: `apps/${p}/kpis/daterange/${kpi}`,
    [GET_CAMPAIGN_KPI]: `apps/${p}/campaigns/${c}/kpis/daterange/${kpi}`,
    [GET_JOURNEY_KPI]: `apps/${p}/journeys/${j}/kpis/daterange/${kpi}`,
    [GET_JOURNEY_EXECUTION]: `apps/${p}/journeys/${j}/execution-metrics`,
    [GET_ACTIVITY_EXECUTION]: `apps/${p}/journeys/${j}/activities/${activity}/execution-metrics`,
    [GET_REPORTS]: 'reports',
  });
  const probes = new Map<string, Probe>();
  const add = (action: string, a: string) => probes.set(`${action} ${a}`, { action, arn: a });
  const homes = new Set(worlds.map((w) => `${w.assignment.region} ${w.assignment.account}`));
  for (const home of homes.size > 0 ? homes : new Set([`${REGION} ${ACCOUNT}`])) {
    const [region, account] = home.split(' ');
    for (const p of projects) {
      for (const [i, c] of campaigns.entries()) {
        const j = journeys[Math.min(i, journeys.length - 1)];
        for (const [action, resource] of Object.entries(byAction(p, c, j))) {
          add(action, arn(region, account, resource));
        }
      }
      for (const j of journeys) {
        for (const action of [GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]) {
          add(action, arn(region, account, byAction(p, campaigns[0], j)[action]));
        }
      }
    }
    const away: Array<[string, string]> = [
      [region === OTHER_REGION ? REGION : OTHER_REGION, account],
      [region, account === OTHER_ACCOUNT ? ACCOUNT : OTHER_ACCOUNT],
    ];
    for (const [r, a] of away) {
      for (const [action, resource] of Object.entries(byAction(projects[0], campaigns[0], journeys[0]))) {
        add(action, arn(r, a, resource));
      }
    }
  }
  return [...probes.values()];
}

/** IAM's action matching: case-insensitive, `*` any run, `?` one character. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

/** Whether the statement can apply to `action`: `NotAction`, or an `Action` that matches it. */
function canApply(statement: any, action: string): boolean {
  if (statement?.NotAction !== undefined) {
    return true;
  }
  return ([] as unknown[]).concat(statement?.Action ?? []).some((a) => typeof a === 'string' && actionMatches(a, action));
}

const INTERNED = new Map<string, NamedPolicy[]>();

/**
 * The statements of `policies` that can apply to `action`, one document per policy that has any, interned so that the
 * same statements are the same array (`decide` caches by array). `undefined` when no Allow statement can apply.
 */
function relevantPolicies(policies: readonly NamedPolicy[], action: string): NamedPolicy[] | undefined {
  const relevant: NamedPolicy[] = [];
  let allows = false;
  for (const { name, policy } of policies) {
    const statements = ([] as any[]).concat(policy?.Statement ?? []).filter((s) => canApply(s, action));
    if (statements.length > 0) {
      relevant.push({ name, policy: { Version: policy.Version ?? '2012-10-17', Statement: statements } });
      allows ||= statements.some((s) => s.Effect === 'Allow');
    }
  }
  if (!allows) {
    return undefined;
  }
  const key = JSON.stringify(relevant);
  let interned = INTERNED.get(key);
  if (!interned) {
    interned = relevant;
    INTERNED.set(key, interned);
  }
  return interned;
}

/** The requests among `probes` that the evaluator allows each principal of `world`. */
export async function allowedAnalytics(world: World, probes: readonly Probe[]): Promise<AllowedRequest[]> {
  const asked: Array<Promise<AllowedRequest | undefined>> = [];
  for (const principal of world.principals) {
    for (const action of new Set(probes.map((p) => p.action))) {
      const policies = relevantPolicies(principal.policies, action);
      if (!policies) {
        continue;
      }
      let boundary: NamedPolicy[] | undefined;
      if (principal.permissionsBoundary) {
        boundary = relevantPolicies(principal.permissionsBoundary, action);
        if (!boundary) {
          continue;
        }
      }
      for (const probe of probes.filter((p) => p.action === action)) {
        asked.push(decide(policies, action, probe.arn, undefined, boundary)
          .then((decision) => (decision === 'Allowed' ? { principal: principal.key, action, arn: probe.arn } : undefined)));
      }
    }
  }
  return (await Promise.all(asked)).filter((a): a is AllowedRequest => a !== undefined);
}

/** Each world with the requests the evaluator allows in it, for the same probes (by default, `analyticsProbes(worlds)`). */
export async function judgeWorlds(worlds: readonly World[], probes: readonly Probe[] = analyticsProbes(worlds)): Promise<JudgedWorld[]> {
  const judged: JudgedWorld[] = [];
  for (const world of worlds) {
    judged.push({ world, allowed: await allowedAnalytics(world, probes) });
  }
  return judged;
}

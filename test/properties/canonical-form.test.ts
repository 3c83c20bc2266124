/**
 * The canonical form of many grants on one principal (lib/private/grant/canonical.ts), as properties.
 *
 * - Without stacks, on the pure function (`canonicalStatements`), with many random sets of permissions: the merge is
 *   exact (every resource keeps exactly the actions granted on it, and two ARNs that synthesize alike are one
 *   resource), resources with the same actions share a statement named by those actions, and the form depends neither
 *   on the order of the permissions nor on repeats, and is its own canonical form.
 * - On synthesized stacks, fewer runs: any order of a random multiset of grants, and a grant repeated, synthesize the
 *   same template. Access is judged by the evaluator in lib/private/grant/principal-policy.test.ts.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { AnalyticsMetrics, CampaignKpi, CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import { canonicalStatements, Permission, ResourceForm, sidForActions, Statement } from '../../lib/private/grant/canonical';
import {
  batchThenOneByOne,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  hexId,
  newRole,
  PROJECT_ID,
  propertyValues,
  testApp,
  testStack,
} from '../support';

const SEED = 20261203;
const RUNS = Number(process.env.MODEL_RUNS ?? 300);

// ---------------------------------------------------------------------------------------------------------------------
// The pure function.

const SIX_ACTIONS = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION, GET_REPORTS];

/**
 * Resources as the constructs hand them to the canonical form: ARNs, some of them spelled twice, as two tokens for the
 * same ARN are (`~` and a number after an ARN stand for another token of it: it synthesizes to the same `key`).
 */
const ARN_POOL = Array.from({ length: 12 }, (_, i) => `arn:aws:mobiletargeting:us-east-1:123456789012:apps/p${i % 4}/` +
  ['kpis/*', `campaigns/c${i}/kpis/*`, `journeys/j${i}/execution-metrics`][i % 3]);
const resource = fc.tuple(fc.constantFrom(...ARN_POOL), fc.nat(2)).map(([arn, token]) => (token === 0 ? arn : `${arn}~${token}`));

/** What the canonical form needs of a resource: its synthesized form (a token's is its ARN's) and its sizes. */
function formOf(arn: string): ResourceForm {
  const key = arn.replace(/~\d+$/, '');
  return { key, size: { deployed: key.length + 3, splitter: 150 } };
}

const permission: fc.Arbitrary<Permission> = fc.record({
  actions: fc.subarray(SIX_ACTIONS, { minLength: 1 }),
  resources: fc.uniqueArray(resource, { minLength: 1, maxLength: 5 }),
});
const permissions = fc.array(permission, { minLength: 1, maxLength: 12 });

/** The statements with each resource as its synthesized form: what a template would hold. */
const synthesized = (statements: Statement[]) =>
  statements.map((s) => ({ ...s, resources: s.resources.map((arn) => formOf(arn).key) }));

/** Every (action, resource) pair, resources as their synthesized form, sorted. */
function pairs(list: readonly Permission[]): string[] {
  return [...new Set(list.flatMap((p) => p.actions.flatMap((action) => p.resources.map((arn) => `${action} ${formOf(arn).key}`))))].sort();
}

describe(`the canonical form, without stacks (seed ${SEED}, ${RUNS} runs per property)`, () => {
  test('the merge is exact: every resource keeps exactly the actions granted on it, once', () => {
    fc.assert(fc.property(permissions, (granted) => {
      const statements = canonicalStatements(granted, formOf);
      expect(pairs(statements)).toEqual(pairs(granted));
      // and each resource is in one statement only (the one of its exact set of actions)
      const resources = synthesized(statements).flatMap((s) => s.resources);
      expect(new Set(resources).size).toBe(resources.length);
    }), { seed: SEED, numRuns: RUNS });
  });

  test('resources with the same actions share one statement, named by those actions; Sids are unique', () => {
    fc.assert(fc.property(permissions, (granted) => {
      const statements = canonicalStatements(granted, formOf);
      statements.forEach((s) => expect(s.sid).toBe(sidForActions(s.actions)));
      expect(new Set(statements.map((s) => s.sid)).size).toBe(statements.length);
      expect(new Set(statements.map((s) => [...s.actions].sort().join())).size).toBe(statements.length);
    }), { seed: SEED + 1, numRuns: RUNS });
  });

  test('the order of the permissions and repeats do not matter, and the form is its own canonical form', () => {
    fc.assert(fc.property(permissions.chain((granted) => fc.tuple(fc.constant(granted),
      fc.shuffledSubarray([...granted, ...granted], { minLength: granted.length * 2, maxLength: granted.length * 2 }))),
    ([granted, shuffledTwice]) => {
      const canonical = synthesized(canonicalStatements(granted, formOf));
      expect(synthesized(canonicalStatements(shuffledTwice, formOf))).toEqual(canonical);
      expect(synthesized(canonicalStatements(canonicalStatements(granted, formOf), formOf))).toEqual(canonical);
    }), { seed: SEED + 2, numRuns: RUNS });
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Synthesized stacks.

describe('order independence, synthesized (property)', () => {
  /** One grant of the random multiset: which construct, with which inputs. */
  type GrantSpec =
    | { kind: 'campaign'; campaign: number; kpis?: string[] }
    | { kind: 'journey'; journey: number; metrics?: AnalyticsMetrics[]; activities?: string[] }
    | { kind: 'readPolicy'; policy: number };

  const CAMPAIGN_KPIS = ['email-open-rate', 'sms-spend', 'unique-deliveries'];
  const JOURNEY_METRICS = [
    AnalyticsMetrics.JOURNEY_KPIS,
    AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
    AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS,
  ];
  const READ_POLICIES = [
    { projectIds: [PROJECT_ID], metrics: [AnalyticsMetrics.APPLICATION_KPIS] },
    { projectIds: [hexId('b', 1)], includeConsoleReports: true },
    { metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] },
  ];
  const grantSpec: fc.Arbitrary<GrantSpec> = fc.oneof(
    fc.record({
      kind: fc.constant('campaign' as const),
      campaign: fc.integer({ min: 0, max: 4 }),
      kpis: fc.option(fc.uniqueArray(fc.constantFrom(...CAMPAIGN_KPIS), { minLength: 1 }), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant('journey' as const),
      journey: fc.integer({ min: 0, max: 3 }),
      metrics: fc.option(fc.shuffledSubarray(JOURNEY_METRICS, { minLength: 1 }), { nil: undefined }),
      activities: fc.option(fc.uniqueArray(fc.constantFrom('welcome', 'reminder'), { minLength: 1 }), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('readPolicy' as const), policy: fc.integer({ min: 0, max: READ_POLICIES.length - 1 }) }),
  );

  /**
   * A stack `id` of `app` with one role and the grants of `specs`, made in the order of `order` (indexes into `specs`;
   * an index given twice grants the same construct twice). Construct ids follow `specs`, so only the order of the
   * grants differs; the template is read once the app has synthesized.
   */
  function build(app = testApp(), id: string, specs: GrantSpec[], order: number[]): () => any {
    const stack = testStack(app, id);
    const role = newRole(stack);
    const constructs = new Map<string, { grantTo(grantee: iam.IGrantable): iam.Grant }>();
    const once = (constructId: string, create: () => { grantTo(grantee: iam.IGrantable): iam.Grant }) => {
      const construct = constructs.get(constructId) ?? create();
      constructs.set(constructId, construct);
      return construct;
    };
    for (const i of order) {
      const spec = specs[i];
      switch (spec.kind) {
        case 'campaign':
          once(`Grant${i}`, () => new CampaignKpiGrant(stack, `Grant${i}`, {
            projectId: PROJECT_ID,
            campaignId: hexId('c', spec.campaign),
            kpis: spec.kpis?.map((name) => CampaignKpi.of(name)),
          })).grantTo(role);
          break;
        case 'journey': {
          const metrics = spec.metrics ?? JOURNEY_METRICS;
          once(`Grant${i}`, () => new JourneyMetricsGrant(stack, `Grant${i}`, {
            projectId: PROJECT_ID,
            journeyId: hexId('e', spec.journey),
            metrics: spec.metrics,
            activityIds: metrics.includes(AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS) ? spec.activities : undefined,
          })).grantTo(role);
          break;
        }
        case 'readPolicy':
          // one construct per configuration, granted as often as the multiset says
          once(`ReadPolicy${spec.policy}`,
            () => new PinpointAnalyticsReadPolicy(stack, `ReadPolicy${spec.policy}`, READ_POLICIES[spec.policy])).grantTo(role);
          break;
      }
    }
    return () => app.synth().getStackArtifact(stack.artifactId).template;
  }

  const multisetAndPermutation = fc.array(grantSpec, { minLength: 1, maxLength: 12 }).chain((specs) => fc.tuple(
    fc.constant(specs),
    fc.shuffledSubarray(specs.map((_, i) => i), { minLength: specs.length, maxLength: specs.length }),
  ));

  /** In order, permuted, and permuted with the first grant again at the end: the same template. */
  function sameTemplates(templates: Array<() => any>): void {
    const [inOrder, permuted, repeated] = templates.map((template) => template());
    expect(permuted).toEqual(inOrder);
    expect(repeated).toEqual(inOrder);
  }

  test('any permutation of a random multiset of grants synthesizes the same template', async () => {
    const parameters = { seed: 42, numRuns: 30 };
    const orders = ([specs, permutation]: [GrantSpec[], number[]]) =>
      [specs.map((_, i) => i), permutation, [...permutation, permutation[0]]];
    await batchThenOneByOne(
      // every run's three stacks in one app, synthesized once
      () => {
        const app = testApp();
        const runs = propertyValues(multisetAndPermutation, parameters).map((value, run) =>
          orders(value).map((order, k) => build(app, `Run${run}Order${k}`, value[0], order)));
        runs.forEach(sameTemplates);
      },
      () => fc.assert(fc.property(multisetAndPermutation, (value) =>
        sameTemplates(orders(value).map((order) => build(testApp(), 'TestStack', value[0], order)))), parameters),
    );
  });
});

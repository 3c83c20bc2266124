/**
 * The random scenarios of the model-based tests (test/properties/model-based.test.ts): grants of every construct with
 * every option, principals of every kind, and the stack's environment.
 *
 * IDs are lowercase on purpose: the evaluator matches ARNs case-insensitively (real IAM does not), so IDs that differ
 * only in case would make it disagree with the model about IAM, not about this library.
 */
import * as fc from 'fast-check';
import { AnalyticsMetrics, ApplicationKpi, CampaignKpi, JourneyKpi } from '../../lib';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  JOURNEY_ID,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
} from '../support';
import { GrantModel, Location } from './reference-model';

export const REGIONS = [REGION, OTHER_REGION, 'ap-southeast-2', 'us-west-2'];
export const ACCOUNTS = [ACCOUNT, OTHER_ACCOUNT, '444455556666'];

/** Standard KPI names of docs/facts.md (a few of each kind), and names of KPIs AWS might add. */
export const APPLICATION_KPIS = ['successful-delivery-rate', 'email-open-rate', 'unique-deliveries', 'txn-emails-opened',
  'txn-sms-sent', 'txn-sms-sent-grouped-by-date', 'app-new-kpi'];
export const CAMPAIGN_KPIS = ['hard-bounce-rate', 'email-open-rate', 'email-open-rate-grouped-by-campaign-activity',
  'unique-deliveries', 'unique-deliveries-grouped-by-date', 'sms-spend', 'push-open-rate', 'new-kpi-2'];
export const JOURNEY_KPIS = ['journey-emails-opened', 'journey-emails-sent', 'journey-emails-clicked',
  'emails-opened-grouped-by-journey-activity', 'emails-sent-grouped-by-journey-activity', 'journey-new-kpi'];

export const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
export const shortId = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/);
export const projectId = fc.oneof(fc.constantFrom(PROJECT_ID, OTHER_PROJECT_ID), hex32, shortId);
export const campaignId = fc.oneof(fc.constantFrom(CAMPAIGN_ID, OTHER_CAMPAIGN_ID), hex32, shortId);
export const journeyId = fc.oneof(fc.constantFrom(JOURNEY_ID, OTHER_JOURNEY_ID), hex32, shortId);
export const activityId = fc.oneof(fc.constantFrom('welcome-email', 'welcome', 'wait_1', 'split-a'), shortId);
export const region = fc.constantFrom(...REGIONS);
export const account = fc.constantFrom(...ACCOUNTS);
export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
export const someOf = <T>(arb: fc.Arbitrary<T>, maxLength: number) => fc.uniqueArray(arb, { minLength: 1, maxLength });

/** A KPI as users write it: the class's constant where there is one, `X.of(name)` otherwise. */
export function applicationKpi(name: string): ApplicationKpi {
  return (ApplicationKpi as any)[name.toUpperCase().replace(/-/g, '_')] ?? ApplicationKpi.of(name);
}
export function campaignKpi(name: string): CampaignKpi {
  return (CampaignKpi as any)[name.toUpperCase().replace(/-/g, '_')] ?? CampaignKpi.of(name);
}
export function journeyKpi(name: string): JourneyKpi {
  return (JourneyKpi as any)[name.toUpperCase().replace(/-/g, '_')] ?? JourneyKpi.of(name);
}

export const ALL_METRICS = Object.values(AnalyticsMetrics);
export const JOURNEY_METRICS = [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
  AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS];

export const readPolicyModel: fc.Arbitrary<GrantModel> = opt(fc.shuffledSubarray(ALL_METRICS, { minLength: 1 }))
  .chain((metrics) => fc.record({
    projectIds: opt(someOf(projectId, 3)),
    regions: opt(fc.oneof(fc.constant<string[]>(['*']), someOf(region, 2))),
    account: opt(account),
    metrics: fc.constant(metrics),
    // applicationKpis only where project KPIs are granted (otherwise the props are rejected).
    applicationKpis: !metrics || metrics.includes(AnalyticsMetrics.APPLICATION_KPIS)
      ? opt(someOf(fc.constantFrom(...APPLICATION_KPIS), 3).map((names) => names.map(applicationKpi)))
      : fc.constant(undefined),
    includeConsoleReports: opt(fc.boolean()),
  }, { requiredKeys: [] }))
  .map((props) => ({ construct: 'PinpointAnalyticsReadPolicy', props }));

export const campaignGrantModel: fc.Arbitrary<GrantModel> = fc.record({
  projectId,
  campaignId,
  kpis: opt(someOf(fc.constantFrom(...CAMPAIGN_KPIS), 3).map((names) => names.map(campaignKpi))),
  region: opt(region),
  account: opt(account),
}, { requiredKeys: ['projectId', 'campaignId'] }).map((props) => ({ construct: 'CampaignKpiGrant', props }));

export const journeyGrantModel: fc.Arbitrary<GrantModel> = opt(fc.shuffledSubarray(JOURNEY_METRICS, { minLength: 1 }))
  .chain((metrics) => fc.record({
    projectId,
    journeyId,
    metrics: fc.constant(metrics),
    // kpis and activityIds only where their kind of metric is granted (otherwise the props are rejected).
    kpis: !metrics || metrics.includes(AnalyticsMetrics.JOURNEY_KPIS)
      ? opt(someOf(fc.constantFrom(...JOURNEY_KPIS), 3).map((names) => names.map(journeyKpi)))
      : fc.constant(undefined),
    activityIds: !metrics || metrics.includes(AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS)
      ? opt(someOf(activityId, 3))
      : fc.constant(undefined),
    region: opt(region),
    account: opt(account),
  }, { requiredKeys: ['projectId', 'journeyId'] }))
  .map((props) => ({ construct: 'JourneyMetricsGrant', props }));

export const anyGrantModel = fc.oneof(readPolicyModel, campaignGrantModel, journeyGrantModel);

/** How the grantee is made, and how its policies are found in the template. */
export type GranteeKind = 'role' | 'user' | 'group' | 'lambda' | 'importedRole' | 'ownDocument';
export const GRANTEE_KINDS: GranteeKind[] = ['role', 'user', 'group', 'lambda', 'importedRole', 'ownDocument'];

export interface ScenarioEnv extends Location {
  /** An environment-agnostic stack: partition, region and account are tokens, resolved to these values. */
  readonly agnostic: boolean;
}
export const SCENARIO_ENVS: ScenarioEnv[] = [
  { agnostic: false, partition: 'aws', region: REGION, account: ACCOUNT },
  { agnostic: false, partition: 'aws', region: 'us-west-2', account: OTHER_ACCOUNT },
  { agnostic: true, partition: 'aws', region: 'ap-southeast-2', account: '444455556666' },
];

export interface GrantSpec {
  readonly model: GrantModel;
  /** Pass every string as a token (a `CfnParameter`), resolved to the model's value at "deploy" time. */
  readonly tokens: boolean;
  /** Indices of the principals it is granted to. */
  readonly grantees: number[];
}

export interface Scenario {
  readonly env: ScenarioEnv;
  readonly principals: GranteeKind[];
  readonly grants: GrantSpec[];
}

export function scenario(grantModel: fc.Arbitrary<GrantModel>, maxGrants: number, maxPrincipals: number): fc.Arbitrary<Scenario> {
  return fc.record({
    env: fc.constantFrom(...SCENARIO_ENVS),
    principals: fc.array(fc.constantFrom(...GRANTEE_KINDS), { minLength: 1, maxLength: maxPrincipals }),
  }).chain(({ env, principals }) => fc.record({
    env: fc.constant(env),
    principals: fc.constant(principals),
    grants: fc.array(fc.record({
      model: grantModel,
      tokens: fc.boolean(),
      grantees: fc.subarray(principals.map((_, i) => i), { minLength: 1 }),
    }), { minLength: 1, maxLength: maxGrants }),
  }));
}

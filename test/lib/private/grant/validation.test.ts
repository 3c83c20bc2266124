/**
 * The edges of what each kind of input accepts, value by value: the longest ID, name and description accepted and one
 * character more rejected, the shapes of region names, account IDs and KPI names, and single characters on both sides.
 * Then the form of a message: white space shown escaped, a construct of the app named by its id, the first bad
 * property failing before the id is taken. (validation.errors.test.ts checks each construct's messages,
 * validation.warnings.test.ts the warnings; properties/fuzz.test.ts checks that nothing accepted can change what an
 * ARN matches.)
 *
 * The limits come from AWS: IAM policy names are 1 to 128 of `[\w+=,.@-]` and descriptions at most 1,000 characters
 * (IAM API reference, CreatePolicy); account IDs are 12 digits; regions are `<area>-<place>-<number>`
 * (`us-gov-west-1`); KPI names are lowercase words joined by hyphens (docs/facts.md); IDs are this library's documented
 * rule: 1 to 128 letters, digits, `-` or `_`.
 */
import { Stack } from 'aws-cdk-lib';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
} from '../../../../lib';
import { editDistance } from '../../../../lib/private/grant/validation';
import { CAMPAIGN_ID, JOURNEY_ID, PROJECT_ID, testApp, testStack } from '../../../support';

type Make = (stack: Stack, value: string) => unknown;

interface Input {
  readonly name: string;
  readonly make: Make;
  /** The construct and property an error must name. */
  readonly error: RegExp;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

const IDS_ACCEPTED = ['a', 'Z', '0', '_', '-', 'x'.repeat(128), PROJECT_ID, 'Welcome_Email-2'];
const IDS_REJECTED = ['', 'x'.repeat(129), 'a.b', 'a b', ' a', 'a\n', 'é', 'a*', 'a?', 'a/b', 'a:b', '${a}', 'a,b'];
const REGIONS_ACCEPTED = ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-12', 'il-central-1'];
const REGIONS_REJECTED = ['', 'us-east-123', 'u-east-1', 'use-east-1', 'us-east', 'us-east-', 'us-1', 'us-east-1a',
  'US-EAST-1', 'us--east-1', '-us-east-1', 'us-east-1 ', ' us-east-1', 'us-east-?', 'us-east-*', 'us_east_1', 'us-ea5t-1'];
const ACCOUNTS_ACCEPTED = ['123456789012', '000000000000'];
const ACCOUNTS_REJECTED = ['', '12345678901', '1234567890123', '12345678901a', ' 123456789012', '123456789012 ', '*'];
const KPIS_ACCEPTED = ['a', '1', 'a-b', 'a1-b2', 'email-open-rate', 'txn-sms-sent-by-parts-grouped-by-country'];
const KPIS_REJECTED = ['', 'A', 'Email-open-rate', 'a_b', '-a', 'a-', 'a--b', 'a b', 'a-*', 'a/b', 'é'];

const INPUTS: Input[] = [
  {
    name: 'CampaignKpiGrant projectId',
    make: (s, v) => new CampaignKpiGrant(s, 'X', { projectId: v, campaignId: CAMPAIGN_ID }),
    error: /^CampaignKpiGrant 'TestStack\/X': projectId is /,
    accepted: IDS_ACCEPTED,
    rejected: IDS_REJECTED,
  },
  {
    name: 'CampaignKpiGrant campaignId',
    make: (s, v) => new CampaignKpiGrant(s, 'X', { projectId: PROJECT_ID, campaignId: v }),
    error: /^CampaignKpiGrant 'TestStack\/X': campaignId is /,
    accepted: IDS_ACCEPTED,
    rejected: IDS_REJECTED,
  },
  {
    name: 'JourneyMetricsGrant journeyId',
    make: (s, v) => new JourneyMetricsGrant(s, 'X', { projectId: PROJECT_ID, journeyId: v }),
    error: /^JourneyMetricsGrant 'TestStack\/X': journeyId is /,
    accepted: IDS_ACCEPTED,
    rejected: IDS_REJECTED,
  },
  {
    name: 'JourneyMetricsGrant activityIds',
    make: (s, v) => new JourneyMetricsGrant(s, 'X', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, activityIds: ['first', v] }),
    error: /^JourneyMetricsGrant 'TestStack\/X': activityIds\[1\] is /,
    accepted: IDS_ACCEPTED,
    rejected: IDS_REJECTED,
  },
  {
    name: 'PinpointAnalyticsReadPolicy projectIds',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { projectIds: [PROJECT_ID, v] }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': projectIds\[1\] is /,
    accepted: IDS_ACCEPTED,
    rejected: IDS_REJECTED,
  },
  {
    name: 'PinpointAnalyticsReadPolicy regions',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { regions: [v] }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': regions\[0\] is /,
    accepted: [...REGIONS_ACCEPTED, '*'],
    rejected: REGIONS_REJECTED,
  },
  {
    name: 'CampaignKpiGrant region',
    make: (s, v) => new CampaignKpiGrant(s, 'X', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, region: v }),
    error: /^CampaignKpiGrant 'TestStack\/X': region is /,
    accepted: REGIONS_ACCEPTED,
    rejected: [...REGIONS_REJECTED, '*'],
  },
  {
    name: 'JourneyMetricsGrant region',
    make: (s, v) => new JourneyMetricsGrant(s, 'X', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, region: v }),
    error: /^JourneyMetricsGrant 'TestStack\/X': region is /,
    accepted: REGIONS_ACCEPTED,
    rejected: [...REGIONS_REJECTED, '*'],
  },
  {
    name: 'PinpointAnalyticsReadPolicy account',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { account: v }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': account is /,
    accepted: ACCOUNTS_ACCEPTED,
    rejected: ACCOUNTS_REJECTED,
  },
  {
    name: 'CampaignKpiGrant account',
    make: (s, v) => new CampaignKpiGrant(s, 'X', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: v }),
    error: /^CampaignKpiGrant 'TestStack\/X': account is /,
    accepted: ACCOUNTS_ACCEPTED,
    rejected: ACCOUNTS_REJECTED,
  },
  {
    name: 'CampaignKpiGrant kpis',
    make: (s, v) => new CampaignKpiGrant(s, 'X', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.SMS_SPEND, CampaignKpi.of(v)],
    }),
    error: /^CampaignKpiGrant 'TestStack\/X': kpis\[1\] is /,
    accepted: KPIS_ACCEPTED,
    rejected: KPIS_REJECTED,
  },
  {
    name: 'JourneyMetricsGrant kpis',
    make: (s, v) => new JourneyMetricsGrant(s, 'X', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: [JourneyKpi.of(v)], metrics: [AnalyticsMetrics.JOURNEY_KPIS],
    }),
    error: /^JourneyMetricsGrant 'TestStack\/X': kpis\[0\] is /,
    accepted: KPIS_ACCEPTED,
    rejected: KPIS_REJECTED,
  },
  {
    name: 'PinpointAnalyticsReadPolicy applicationKpis',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.of(v)] }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': applicationKpis\[1\] is /,
    accepted: KPIS_ACCEPTED,
    rejected: KPIS_REJECTED,
  },
  {
    name: 'PinpointAnalyticsReadPolicy managedPolicyName',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { managedPolicyName: v }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': managedPolicyName is /,
    accepted: ['a', 'Z', '0', 'A+=,.@-_0', 'x'.repeat(128)],
    rejected: ['', 'x'.repeat(129), 'a b', 'a/b', 'a*', 'a:b', 'é', 'a\n'],
  },
  {
    name: 'PinpointAnalyticsReadPolicy description',
    make: (s, v) => new PinpointAnalyticsReadPolicy(s, 'X', { description: v }),
    error: /^PinpointAnalyticsReadPolicy 'TestStack\/X': description is /,
    accepted: ['', ' ', '~', 'x'.repeat(1000), 'tab\tnew\nline\rend', '\u00e9\u00ff', 'Reads analytics: *, /, ?'],
    rejected: ['x'.repeat(1001), '\u0100', '\u0000', '\u0008', '\u000b', '\u001f', '😀', 'x'.repeat(999) + '\u0100'],
  },
];

describe.each(INPUTS.map((input) => [input.name, input] as const))('%s', (_name, input) => {
  test.each(input.accepted.map((v) => [JSON.stringify(v).slice(0, 40), v]))('accepts %s', (_shown, value) => {
    expect(() => input.make(testStack(), value)).not.toThrow();
  });

  test.each(input.rejected.map((v) => [JSON.stringify(v).slice(0, 40), v]))('rejects %s', (_shown, value) => {
    expect(() => input.make(testStack(), value)).toThrow(input.error);
  });
});

describe('JavaScript callers: a one-element array of a valid value is not that value', () => {
  // `String(['us-east-1'])` is 'us-east-1': a check that only tested the pattern would let it through.
  const wrapped = (value: string) => [value] as unknown as string;
  test.each([
    ['CampaignKpiGrant projectId', (s: Stack) => new CampaignKpiGrant(s, 'X', { projectId: wrapped(PROJECT_ID), campaignId: CAMPAIGN_ID }),
      /projectId is \["a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"\]: /],
    ['CampaignKpiGrant region', (s: Stack) => new CampaignKpiGrant(s, 'X', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, region: wrapped('us-east-1') }),
      /region is \["us-east-1"\]: /],
    ['PinpointAnalyticsReadPolicy regions', (s: Stack) => new PinpointAnalyticsReadPolicy(s, 'X', { regions: [wrapped('us-east-1')] }),
      /regions\[0\] is \["us-east-1"\]: /],
    ['PinpointAnalyticsReadPolicy account', (s: Stack) => new PinpointAnalyticsReadPolicy(s, 'X', { account: wrapped('123456789012') }),
      /account is \["123456789012"\]: /],
    ['CampaignKpiGrant kpis', (s: Stack) => new CampaignKpiGrant(s, 'X', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.of(wrapped('sms-spend'))],
    }), /kpis\[0\] is \["sms-spend"\]: /],
    ['PinpointAnalyticsReadPolicy managedPolicyName', (s: Stack) => new PinpointAnalyticsReadPolicy(s, 'X', { managedPolicyName: wrapped('Name') }),
      /managedPolicyName is \["Name"\]: /],
    ['PinpointAnalyticsReadPolicy description', (s: Stack) => new PinpointAnalyticsReadPolicy(s, 'X', { description: wrapped('Reads') }),
      /description is \["Reads"\]: /],
  ])('%s', (_name, make, message) => {
    expect(() => make(testStack())).toThrow(message);
  });
});

test('a malformed ID fails with a message that says why such characters are refused', () => {
  expect(() => new CampaignKpiGrant(testStack(), 'X', { projectId: 'a/b', campaignId: CAMPAIGN_ID })).toThrow(
    "(characters such as '/', ':', '*', '?' or white space would change which ARNs the policy matches)");
});

/** The id of the construct a message names. */
const ID = 'UnderTest';

describe('error messages', () => {
  test('fails with a message that shows white space escaped, so it can be seen', () => {
    const stack = testStack();
    expect(() => new CampaignKpiGrant(stack, ID, { projectId: PROJECT_ID, campaignId: `${CAMPAIGN_ID}\t` }))
      .toThrow(`campaignId is "${CAMPAIGN_ID}\\t": expected`);
  });

  test('names a construct created directly in the app by its id alone', () => {
    const app = testApp();
    expect(() => new CampaignKpiGrant(app, 'Probe', { projectId: 'not/an-id', campaignId: CAMPAIGN_ID }))
      .toThrow(/^CampaignKpiGrant 'Probe': projectId is "not\/an-id": /);
  });

  test('fails on the first bad property, before a later valid construct can use the id', () => {
    // GIVEN a failed attempt
    const stack = testStack();
    expect(() => new CampaignKpiGrant(stack, ID, { projectId: PROJECT_ID, campaignId: '*' })).toThrow(/campaignId/);
    // WHEN the id is used again with valid props
    const grant = new CampaignKpiGrant(stack, ID, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
    // THEN it is a construct of the stack like any other
    expect(stack.node.findChild(ID)).toBe(grant);
  });
});

describe('editDistance, which picks the KPI a misspelt name suggests', () => {
  test.each([
    ['kitten', 'sitting', 3], ['flaw', 'lawn', 2], ['', 'abc', 3], ['abc', '', 3], ['email-open-rte', 'email-open-rate', 1], ['same', 'same', 0],
  ])('%s to %s: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  test('on a tie, the KPI first in the class is suggested', () => {
    // "delivery-rate" is 9 edits from both email-open-rate and push-open-rate; EMAIL_OPEN_RATE comes first
    expect(editDistance('delivery-rate', 'email-open-rate')).toBe(editDistance('delivery-rate', 'push-open-rate'));
    expect(() => new CampaignKpiGrant(testStack(), 'Grant', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: ['delivery-rate' as unknown as CampaignKpi],
    })).toThrow(/expected a CampaignKpi such as CampaignKpi\.EMAIL_OPEN_RATE; for a KPI by name/);
  });
});

describe('names that select a kind of metric the metrics leave out', () => {
  test.each([
    ['PinpointAnalyticsReadPolicy', () => new PinpointAnalyticsReadPolicy(testStack(), 'Read', {
      metrics: [AnalyticsMetrics.CAMPAIGN_KPIS], applicationKpis: [ApplicationKpi.TXN_SMS_SENT],
    }), 'applicationKpis is ["txn-sms-sent"]: applicationKpis selects project KPIs, so metrics must include AnalyticsMetrics.APPLICATION_KPIS'],
    ['JourneyMetricsGrant', () => new JourneyMetricsGrant(testStack(), 'Journey', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_KPIS], activityIds: ['welcome-email'],
    }), 'activityIds is ["welcome-email"]: activityIds selects activity execution metrics, so metrics must include ' +
      'AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS'],
  ])('%s fails, naming both properties', (_, make, message) => {
    expect(make).toThrow(message);
  });
});

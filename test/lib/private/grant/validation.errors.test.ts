/**
 * Bad input fails at synth time with a message that names the construct and the property, shows the bad value and
 * says what is expected; and nothing is granted (no statement, no construct left behind). The checks and messages are
 * lib/private/grant/validation.ts's, for each property of each construct.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  CampaignKpiGrantProps,
  JourneyKpi,
  JourneyMetricsGrant,
  JourneyMetricsGrantProps,
  PinpointAnalyticsReadPolicy,
  PinpointAnalyticsReadPolicyProps,
  PinpointAnalyticsStatements,
} from '../../../../lib';
import {
  CAMPAIGN_ID,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingStatements,
  newRole,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../../../support';

interface Grantable {
  grantTo(grantee: iam.IGrantable): iam.Grant;
}

interface FailureCase {
  /** what is wrong, for the test name */
  readonly what: string;
  readonly construct: 'CampaignKpiGrant' | 'JourneyMetricsGrant' | 'PinpointAnalyticsReadPolicy';
  readonly make: (stack: Stack, id: string) => Grantable;
  /** the property the message must name, such as `kpis[0]` */
  readonly property: string;
  /** the bad value the message must show */
  readonly value: unknown;
  /** what the message must say is expected */
  readonly expected: RegExp;
}

const ID = 'UnderTest';

const campaign = (props: Partial<CampaignKpiGrantProps>) => (stack: Stack, id: string) =>
  new CampaignKpiGrant(stack, id, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, ...props });
const journey = (props: Partial<JourneyMetricsGrantProps>) => (stack: Stack, id: string) =>
  new JourneyMetricsGrant(stack, id, { projectId: PROJECT_ID, journeyId: JOURNEY_ID, ...props });
const readPolicy = (props: PinpointAnalyticsReadPolicyProps) => (stack: Stack, id: string) =>
  new PinpointAnalyticsReadPolicy(stack, id, props);

const ID_EXPECTED = /expected a Pinpoint (project|campaign|journey|journey activity) ID of 1 to 128 letters, digits, '-' or '_'/;
const EMPTY_ID_EXPECTED = /expected a Pinpoint (project|campaign|journey|journey activity) ID such as "[0-9a-f]{32}"/;
const REGION_EXPECTED = /expected an AWS Region name such as "us-east-1"$/;
const REGION_OR_WILDCARD_EXPECTED = /expected an AWS Region name such as "us-east-1", or '\*' for every region/;
const ACCOUNT_EXPECTED = /expected a 12-digit AWS account ID such as "123456789012"/;
const KPI_EXPECTED = /expected a KPI name of lowercase letters and digits in words joined by single hyphens, such as "email-open-rate"/;
const WILDCARD_PROJECT = /a wildcard cannot be used here\. To read every project, use PinpointAnalyticsReadPolicy\./;
const WILDCARD_CAMPAIGN =
  /a wildcard cannot be used here\. To read every campaign, use PinpointAnalyticsReadPolicy with metrics: \[AnalyticsMetrics\.CAMPAIGN_KPIS\]/;
const WILDCARD_JOURNEY = new RegExp(
  'a wildcard cannot be used here\\. To read every journey, use PinpointAnalyticsReadPolicy with metrics: ' +
  '\\[AnalyticsMetrics\\.JOURNEY_KPIS, AnalyticsMetrics\\.JOURNEY_EXECUTION_METRICS, ' +
  'AnalyticsMetrics\\.JOURNEY_ACTIVITY_EXECUTION_METRICS\\]');

/** IDs that would change which ARNs a policy matches, or are no ID at all. */
const BAD_IDS: Array<[string, string]> = [
  ["contains '/'", `${PROJECT_ID}/campaigns`],
  ["contains ':'", 'a1b2:c3d4'],
  ['contains a space', 'a1b2 c3d4'],
  ['has a trailing newline', `${PROJECT_ID}\n`],
  ['contains a tab', 'a1b2\tc3d4'],
];

const idCases = (
  construct: FailureCase['construct'],
  property: string,
  make: (value: string) => FailureCase['make'],
  wildcard: RegExp,
): FailureCase[] => [
  ...BAD_IDS.map(([what, value]): FailureCase => ({ what: `${property} ${what}`, construct, make: make(value), property, value, expected: ID_EXPECTED })),
  { what: `${property} is empty`, construct, make: make(''), property, value: '', expected: EMPTY_ID_EXPECTED },
  { what: `${property} is '*'`, construct, make: make('*'), property, value: '*', expected: wildcard },
  { what: `${property} contains '*'`, construct, make: make('a1b2*'), property, value: 'a1b2*', expected: wildcard },
  { what: `${property} contains '?'`, construct, make: make('a1b2?'), property, value: 'a1b2?', expected: wildcard },
];

const BAD_REGIONS: Array<[string, string]> = [
  ['is upper case', 'US-EAST-1'],
  ['has no number', 'us-east'],
  ['uses underscores', 'us_east_1'],
  ['has white space around it', ' us-east-1'],
  ['is empty', ''],
];

const BAD_ACCOUNTS: Array<[string, string]> = [
  ['has 11 digits', '12345678901'],
  ['has 13 digits', '1234567890123'],
  ['is not digits', 'aws-account1'],
  ['has a trailing space', '123456789012 '],
  ['is empty', ''],
];

const BAD_KPI_NAMES: Array<[string, string]> = [
  ['has an underscore and capitals', 'Bad_Name'],
  ['is upper case', 'EMAIL-OPEN-RATE'],
  ['has a double hyphen', 'email--open-rate'],
  ['starts with a hyphen', '-email-open-rate'],
  ['ends with a hyphen', 'email-open-rate-'],
  ['contains a space', 'email open rate'],
  ['contains a wildcard', 'email-*'],
  ['contains a slash', 'daterange/email-open-rate'],
  ['is empty', ''],
];

const JOURNEY_METRICS_EXPECTED =
  /expected one of AnalyticsMetrics\.JOURNEY_KPIS, AnalyticsMetrics\.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics\.JOURNEY_ACTIVITY_EXECUTION_METRICS/;

const CASES: FailureCase[] = [
  // CampaignKpiGrant
  ...idCases('CampaignKpiGrant', 'projectId', (projectId) => campaign({ projectId }), WILDCARD_PROJECT),
  ...idCases('CampaignKpiGrant', 'campaignId', (campaignId) => campaign({ campaignId }), WILDCARD_CAMPAIGN),
  ...BAD_REGIONS.map(([what, region]): FailureCase => ({
    what: `region ${what}`, construct: 'CampaignKpiGrant', make: campaign({ region }), property: 'region', value: region, expected: REGION_EXPECTED,
  })),
  {
    what: "region is '*' (a single campaign lives in one region)",
    construct: 'CampaignKpiGrant',
    make: campaign({ region: '*' }),
    property: 'region',
    value: '*',
    expected: REGION_EXPECTED,
  },
  ...BAD_ACCOUNTS.map(([what, account]): FailureCase => ({
    what: `account ${what}`, construct: 'CampaignKpiGrant', make: campaign({ account }), property: 'account', value: account, expected: ACCOUNT_EXPECTED,
  })),
  ...BAD_KPI_NAMES.map(([what, name]): FailureCase => ({
    what: `a KPI name ${what}`,
    construct: 'CampaignKpiGrant',
    make: campaign({ kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.of(name)] }),
    property: 'kpis[1]',
    value: name,
    expected: KPI_EXPECTED,
  })),
  {
    what: 'kpis is empty',
    construct: 'CampaignKpiGrant',
    make: campaign({ kpis: [] }),
    property: 'kpis',
    value: [],
    expected: /expected at least one element \(omit kpis to read every KPI of the campaign\)/,
  },

  // JourneyMetricsGrant
  ...idCases('JourneyMetricsGrant', 'projectId', (projectId) => journey({ projectId }), WILDCARD_PROJECT),
  ...idCases('JourneyMetricsGrant', 'journeyId', (journeyId) => journey({ journeyId }), WILDCARD_JOURNEY),
  ...idCases('JourneyMetricsGrant', 'activityIds[1]', (activityId) => journey({ activityIds: ['welcome-email', activityId] }),
    /a wildcard cannot be used here\. Omit activityIds to read every activity of the journey\./),
  {
    what: 'activityIds is empty',
    construct: 'JourneyMetricsGrant',
    make: journey({ activityIds: [] }),
    property: 'activityIds',
    value: [],
    expected: /expected at least one element \(omit activityIds to read every activity\)/,
  },
  ...BAD_REGIONS.map(([what, region]): FailureCase => ({
    what: `region ${what}`, construct: 'JourneyMetricsGrant', make: journey({ region }), property: 'region', value: region, expected: REGION_EXPECTED,
  })),
  {
    what: "region is '*' (a single journey lives in one region)",
    construct: 'JourneyMetricsGrant',
    make: journey({ region: '*' }),
    property: 'region',
    value: '*',
    expected: REGION_EXPECTED,
  },
  ...BAD_ACCOUNTS.map(([what, account]): FailureCase => ({
    what: `account ${what}`, construct: 'JourneyMetricsGrant', make: journey({ account }), property: 'account', value: account, expected: ACCOUNT_EXPECTED,
  })),
  ...BAD_KPI_NAMES.map(([what, name]): FailureCase => ({
    what: `a KPI name ${what}`,
    construct: 'JourneyMetricsGrant',
    make: journey({ kpis: [JourneyKpi.of(name)] }),
    property: 'kpis[0]',
    value: name,
    expected: KPI_EXPECTED,
  })),
  {
    what: 'kpis is empty',
    construct: 'JourneyMetricsGrant',
    make: journey({ kpis: [] }),
    property: 'kpis',
    value: [],
    expected: /expected at least one element \(omit kpis to read every engagement KPI of the journey\)/,
  },
  {
    what: 'metrics is empty',
    construct: 'JourneyMetricsGrant',
    make: journey({ metrics: [] }),
    property: 'metrics',
    value: [],
    expected: /expected at least one element \(omit metrics to read all three journey kinds\)/,
  },
  {
    what: 'metrics holds APPLICATION_KPIS, which is not a journey kind',
    construct: 'JourneyMetricsGrant',
    make: journey({ metrics: [AnalyticsMetrics.APPLICATION_KPIS] }),
    property: 'metrics[0]',
    value: 'APPLICATION_KPIS',
    expected: JOURNEY_METRICS_EXPECTED,
  },
  {
    what: 'metrics holds CAMPAIGN_KPIS beside a journey kind',
    construct: 'JourneyMetricsGrant',
    make: journey({ metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS] }),
    property: 'metrics[1]',
    value: 'CAMPAIGN_KPIS',
    expected: JOURNEY_METRICS_EXPECTED,
  },
  {
    what: 'kpis is given but metrics leaves out JOURNEY_KPIS',
    construct: 'JourneyMetricsGrant',
    make: journey({ metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED] }),
    property: 'kpis',
    value: ['journey-emails-opened'],
    expected: /metrics must include AnalyticsMetrics\.JOURNEY_KPIS/,
  },
  {
    what: 'activityIds is given but metrics leaves out JOURNEY_ACTIVITY_EXECUTION_METRICS',
    construct: 'JourneyMetricsGrant',
    make: journey({ metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], activityIds: ['welcome-email'] }),
    property: 'activityIds',
    value: ['welcome-email'],
    expected: /metrics must include AnalyticsMetrics\.JOURNEY_ACTIVITY_EXECUTION_METRICS/,
  },

  // PinpointAnalyticsReadPolicy
  {
    what: 'applicationKpis is given but metrics leaves out APPLICATION_KPIS',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ metrics: [AnalyticsMetrics.CAMPAIGN_KPIS], applicationKpis: [ApplicationKpi.TXN_SMS_SENT] }),
    property: 'applicationKpis',
    value: ['txn-sms-sent'],
    expected: /metrics must include AnalyticsMetrics\.APPLICATION_KPIS/,
  },
  {
    what: 'applicationKpis is empty',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ applicationKpis: [] }),
    property: 'applicationKpis',
    value: [],
    expected: /expected at least one element \(omit applicationKpis to read every project KPI\)/,
  },
  {
    what: 'applicationKpis holds a name with capitals and underscores',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.of('Txn_Sms_Sent')] }),
    property: 'applicationKpis[1]',
    value: 'Txn_Sms_Sent',
    expected: KPI_EXPECTED,
  },
  ...idCases('PinpointAnalyticsReadPolicy', 'projectIds[1]', (projectId) => readPolicy({ projectIds: [PROJECT_ID, projectId] }),
    /a wildcard cannot be used here\. Omit projectIds to read every project\./),
  {
    what: 'projectIds is empty (never "every project")',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ projectIds: [] }),
    property: 'projectIds',
    value: [],
    expected: /expected at least one element \(omit projectIds to read every project\)/,
  },
  ...BAD_REGIONS.map(([what, region]): FailureCase => ({
    what: `a region ${what}`,
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ regions: ['eu-west-1', region] }),
    property: 'regions[1]',
    value: region,
    expected: REGION_OR_WILDCARD_EXPECTED,
  })),
  {
    what: "regions mixes '*' with a region name",
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ regions: ['*', 'us-east-1'] }),
    property: 'regions',
    value: ['*', 'us-east-1'],
    expected: /expected either \['\*'\] for every region or a list of region names, not both/,
  },
  {
    what: 'regions is empty',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ regions: [] }),
    property: 'regions',
    value: [],
    expected: /expected at least one element \(omit regions for the stack's region, or use \['\*'\] for every region\)/,
  },
  ...BAD_ACCOUNTS.map(([what, account]): FailureCase => ({
    what: `account ${what}`,
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ account }),
    property: 'account',
    value: account,
    expected: ACCOUNT_EXPECTED,
  })),
  {
    what: 'metrics is empty',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ metrics: [] }),
    property: 'metrics',
    value: [],
    expected: /expected at least one element \(omit metrics to read every kind\)/,
  },
  {
    what: 'metrics holds a name that is no AnalyticsMetrics (a string from JavaScript or Python)',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ metrics: [AnalyticsMetrics.CAMPAIGN_KPIS, 'DELIVERY_METRICS' as AnalyticsMetrics] }),
    property: 'metrics[1]',
    value: 'DELIVERY_METRICS',
    expected: new RegExp('expected one of AnalyticsMetrics\\.APPLICATION_KPIS, AnalyticsMetrics\\.CAMPAIGN_KPIS, ' +
      'AnalyticsMetrics\\.JOURNEY_KPIS, AnalyticsMetrics\\.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics\\.JOURNEY_ACTIVITY_EXECUTION_METRICS$'),
  },
  ...([
    ['contains a space', 'analytics read'],
    ['contains a slash', 'team/analytics'],
    ['is longer than 128 characters', 'p'.repeat(129)],
    ['is empty', ''],
  ] as Array<[string, string]>).map(([what, managedPolicyName]): FailureCase => ({
    what: `managedPolicyName ${what}`,
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ managedPolicyName }),
    property: 'managedPolicyName',
    value: managedPolicyName,
    expected: /expected an IAM policy name of 1 to 128 letters, digits or '\+=,\.@-_'/,
  })),
  ...([
    ['is longer than 1,000 characters', 'd'.repeat(1001)],
    ['contains a character outside Latin-1', 'Reads analytics \u2603'],
    ['contains a control character', 'Reads\u0007analytics'],
  ] as Array<[string, string]>).map(([what, description]): FailureCase => ({
    what: `description ${what}`,
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ description }),
    property: 'description',
    value: description,
    expected: /expected at most 1,000 printable Latin-1 characters, tabs or line breaks/,
  })),
  // a list element that is no KPI at all (null from JavaScript, None from Python; an object without a name): shown as given
  ...([
    ['CampaignKpiGrant', 'kpis', 'CampaignKpi', 'EMAIL_OPEN_RATE', (value: unknown) =>
      campaign({ kpis: [CampaignKpi.SMS_SPEND, value as CampaignKpi] })],
    ['JourneyMetricsGrant', 'kpis', 'JourneyKpi', 'JOURNEY_EMAILS_OPENED', (value: unknown) =>
      journey({ kpis: [JourneyKpi.JOURNEY_EMAILS_SENT, value as JourneyKpi] })],
    ['PinpointAnalyticsReadPolicy', 'applicationKpis', 'ApplicationKpi', 'TXN_SMS_SENT', (value: unknown) =>
      readPolicy({ applicationKpis: [ApplicationKpi.EMAIL_OPEN_RATE, value as ApplicationKpi] })],
  ] as const).flatMap(([construct, property, className, example, make]): FailureCase[] => [null, 7, {}].map((value) => ({
    what: `${property} holds ${JSON.stringify(value)}, which is no ${className}`,
    construct,
    make: make(value),
    property: `${property}[1]`,
    value,
    expected: new RegExp(`expected an? ${className} such as ${className}\\.${example}$`),
  }))),
  // a KPI name given as a string (JavaScript, or a cast): shown, with the constant closest to it and the way to name one
  ...([
    ['CampaignKpiGrant', 'kpis', 'CampaignKpi', 'email-open-rte', 'EMAIL_OPEN_RATE', (value: unknown) => campaign({ kpis: [value as CampaignKpi] })],
    ['JourneyMetricsGrant', 'kpis', 'JourneyKpi', 'journey-emails-open', 'JOURNEY_EMAILS_OPENED', (value: unknown) =>
      journey({ kpis: [value as JourneyKpi] })],
    ['PinpointAnalyticsReadPolicy', 'applicationKpis', 'ApplicationKpi', 'txn-sms-sent', 'TXN_SMS_SENT', (value: unknown) =>
      readPolicy({ applicationKpis: [value as ApplicationKpi] })],
  ] as const).map(([construct, property, className, name, closest, make]): FailureCase => ({
    what: `${property} holds the string "${name}" instead of a KPI object (${className})`,
    construct,
    make: make(name),
    property: `${property}[0]`,
    value: name,
    expected: new RegExp(`expected an? ${className} such as ${className}\\.${closest}; ` +
      `for a KPI by name, use ${className}\\.of\\("${name}"\\)$`),
  })),
  // a single value where a list is expected (JavaScript, or a cast): shown, with what a list looks like
  ...([
    ['CampaignKpiGrant', 'kpis', CampaignKpi.EMAIL_OPEN_RATE, campaign, '[CampaignKpi.EMAIL_OPEN_RATE]'],
    ['JourneyMetricsGrant', 'metrics', AnalyticsMetrics.JOURNEY_KPIS, journey, '[AnalyticsMetrics.JOURNEY_KPIS]'],
    ['JourneyMetricsGrant', 'activityIds', 'welcome-email', journey, '["welcome-email"]'],
    ['PinpointAnalyticsReadPolicy', 'metrics', AnalyticsMetrics.CAMPAIGN_KPIS, readPolicy, '[AnalyticsMetrics.APPLICATION_KPIS]'],
    ['PinpointAnalyticsReadPolicy', 'projectIds', PROJECT_ID, readPolicy, `["${PROJECT_ID}"]`],
    ['PinpointAnalyticsReadPolicy', 'regions', 'eu-west-1', readPolicy, '["eu-west-1"], or ["*"] for every region'],
    ['PinpointAnalyticsReadPolicy', 'applicationKpis', ApplicationKpi.TXN_SMS_SENT, readPolicy, '[ApplicationKpi.TXN_SMS_SENT]'],
    ['JourneyMetricsGrant', 'kpis', JourneyKpi.JOURNEY_EMAILS_OPENED, journey, '[JourneyKpi.JOURNEY_EMAILS_OPENED]'],
  ] as const).map(([construct, property, value, make, example]): FailureCase => ({
    what: `${property} is a single value, not a list`,
    construct,
    make: (make as (props: object) => FailureCase['make'])({ [property]: value }),
    property,
    value,
    expected: new RegExp(`expected a list such as ${example.replace(/[[\]().*]/g, '\\$&')}$`),
  })),
  // the props themselves, and a flag that is no boolean
  ...([
    ['CampaignKpiGrant', (stack: Stack, id: string) => new CampaignKpiGrant(stack, id, undefined as unknown as CampaignKpiGrantProps),
      undefined, /expected a CampaignKpiGrantProps object with projectId and campaignId$/],
    ['JourneyMetricsGrant', (stack: Stack, id: string) => new JourneyMetricsGrant(stack, id, 'journey' as unknown as JourneyMetricsGrantProps),
      'journey', /expected a JourneyMetricsGrantProps object with projectId and journeyId$/],
    ['PinpointAnalyticsReadPolicy', (stack: Stack, id: string) =>
      new PinpointAnalyticsReadPolicy(stack, id, null as unknown as PinpointAnalyticsReadPolicyProps),
    null, /expected a PinpointAnalyticsReadPolicyProps object, or nothing$/],
  ] as const).map(([construct, make, value, expected]): FailureCase => ({
    what: `its props are ${JSON.stringify(value)}`, construct, make, property: 'props', value, expected,
  })),
  {
    what: 'includeConsoleReports is the string "false", which is no boolean',
    construct: 'PinpointAnalyticsReadPolicy',
    make: readPolicy({ includeConsoleReports: 'false' as unknown as boolean }),
    property: 'includeConsoleReports',
    value: 'false',
    expected: /expected true or false$/,
  },
];

describe.each(['CampaignKpiGrant', 'JourneyMetricsGrant', 'PinpointAnalyticsReadPolicy'])('%s', (construct) => {
  const cases = CASES.filter((c) => c.construct === construct);

  test.each(cases.map((c) => [c.what, c] as const))('fails when %s', (_, c) => {
    // GIVEN
    const stack = testStack();
    const role = newRole(stack, 'Grantee');
    // WHEN
    let error: unknown;
    try {
      c.make(stack, ID).grantTo(role);
    } catch (e) {
      error = e;
    }
    // THEN the message names the construct and the property, shows the value and says what is expected
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`${c.construct} 'TestStack/${ID}'`);
    expect(message).toContain(`: ${c.property} is ${JSON.stringify(c.value)}: `);
    expect(message).toMatch(c.expected);
    // and nothing is granted: no construct with that id, no statement, no managed policy
    expect(stack.node.tryFindChild(ID)).toBeUndefined();
    const template = templateOf(stack);
    expect(mobiletargetingStatements(template)).toEqual([]);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(Object.keys(template.toJSON().Resources)).toEqual([logicalIdOf(role)]);
  });
});

describe('values of the wrong type given to a construct already made', () => {
  test.each([
    ['CampaignKpiGrant', campaign({})],
    ['JourneyMetricsGrant', journey({})],
    ['PinpointAnalyticsReadPolicy', readPolicy({})],
  ] as const)('%s: grantTo fails on a grantee that is no principal, showing it, and grants nothing', (construct, make) => {
    const stack = testStack();
    newRole(stack, 'Grantee');
    const grant = make(stack, ID);
    for (const grantee of [undefined, null, 'AnalystRole', { roleName: 'x' }, { grantPrincipal: null }]) {
      const shown = grantee === undefined ? 'undefined' : JSON.stringify(grantee);
      expect(() => grant.grantTo(grantee as unknown as iam.IGrantable)).toThrow(new Error(`${construct} 'TestStack/${ID}': ` +
        `grantee is ${shown}: expected an iam.IGrantable, such as an iam.Role, iam.User, iam.Group or lambda.Function`));
    }
    const template = templateOf(stack);
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
    expect(Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((p: any) => p.Properties.Roles)).toEqual(
      construct === 'PinpointAnalyticsReadPolicy' ? [undefined] : []);
  });

  test('PinpointAnalyticsStatements.merge fails on grants that are no list, or hold something that is no grant, showing it', () => {
    const stack = testStack();
    const grant = campaign({})(stack, ID);
    const expected = 'expected a list of PinpointAnalyticsReadPolicy, CampaignKpiGrant or JourneyMetricsGrant';
    expect(() => PinpointAnalyticsStatements.merge(grant as unknown as CampaignKpiGrant[]))
      .toThrow(new Error(`PinpointAnalyticsStatements.merge: grants is TestStack/${ID}: ${expected}`));
    for (const [element, shown] of [['CampaignKpiGrant', '"CampaignKpiGrant"'], [null, 'null']]) {
      expect(() => PinpointAnalyticsStatements.merge([grant, element as unknown as CampaignKpiGrant])).toThrow(new Error(
        `PinpointAnalyticsStatements.merge: grants[1] is ${shown}: expected a PinpointAnalyticsReadPolicy, CampaignKpiGrant or JourneyMetricsGrant`));
    }
    expect(PinpointAnalyticsStatements.merge([])).toEqual([]);
  });
});

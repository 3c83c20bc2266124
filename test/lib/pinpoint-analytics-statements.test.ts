/**
 * Documents of your own: `PinpointAnalyticsStatements.merge` returns the canonical statements of several grants
 * together, and each construct's `toPolicyStatements()` is exactly what `grantTo` writes into a role's policy for that
 * construct alone. Before, following the advice to put 40 grants' statements into one managed policy gave 40 statements
 * with the same Sid (E3510, rejected by IAM) and 9,998 characters. Access is judged by the evaluator.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import {
  AnalyticsMetrics,
  CampaignKpi,
  CampaignKpiGrant,
  IPinpointAnalyticsGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
  PinpointAnalyticsStatements,
} from '../../lib';
import {
  arns,
  CAMPAIGN_ID,
  decide,
  envAgnosticStack,
  expectDecisions,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  hexId,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  NamedPolicy,
  newRole,
  newUser,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  resolveIntrinsics,
  templateOf,
  testStack,
} from '../support';

/** The statements as a template holds them, pseudo parameters resolved (partition aws, us-east-1, 123456789012). */
function rendered(stack: Stack, statements: iam.PolicyStatement[]): any[] {
  return resolveIntrinsics(stack.resolve(new iam.PolicyDocument({ statements }).toJSON()).Statement);
}

/** The statements of `principal`'s policies in order, as synthesized, resolved in the same way. */
function principalStatements(stack: Stack, principal: IConstruct): any[] {
  return identityPoliciesOf(templateOf(stack), logicalIdOf(principal), {}).flatMap((p) => p.policy.Statement);
}

describe('toPolicyStatements: exactly what grantTo writes into a role\'s policy for the construct alone', () => {
  const cases: Array<[string, (stack: Stack) => IPinpointAnalyticsGrant]> = [
    ['a campaign, every KPI', (stack) => new CampaignKpiGrant(stack, 'G', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID })],
    ['a campaign, KPIs given out of order', (stack) => new CampaignKpiGrant(stack, 'G', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.UNIQUE_DELIVERIES, CampaignKpi.EMAIL_OPEN_RATE],
    })],
    ['a journey, all three kinds', (stack) => new JourneyMetricsGrant(stack, 'G', { projectId: PROJECT_ID, journeyId: JOURNEY_ID })],
    ['a journey, execution metrics only', (stack) => new JourneyMetricsGrant(stack, 'G', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    })],
    ['a journey, KPIs and activities', (stack) => new JourneyMetricsGrant(stack, 'G', {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
      kpis: [JourneyKpi.JOURNEY_EMAILS_SENT, JourneyKpi.JOURNEY_EMAILS_OPENED],
      activityIds: ['b', 'a'],
    })],
    ['a journey with hundreds of activities (more than one managed policy holds)', (stack) => new JourneyMetricsGrant(stack, 'G', {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
      activityIds: Array.from({ length: 150 }, (_, i) => `activity-${i}`),
    })],
  ];

  test.each(cases)('%s', (_, make) => {
    for (const stack of [testStack(), envAgnosticStack()]) {
      // GIVEN
      const role = newRole(stack);
      const grant = make(stack);
      // WHEN
      grant.grantTo(role);
      // THEN Sid, actions, resources and their order are the same: the canonical order, by Sid (aws-cdk-lib may move
      // whole statements of an oversize default policy into managed policies; the role's are put in that order)
      const bySid = (list: any[]) => [...list].sort((a, b) => a.Sid.localeCompare(b.Sid, 'en', { numeric: true }));
      expect(rendered(stack, grant.toPolicyStatements())).toEqual(bySid(principalStatements(stack, role)));
    }
  });

  test('a PinpointAnalyticsReadPolicy: the statements of its managed policy, which grantTo attaches', () => {
    const stack = testStack();
    const role = newRole(stack);
    const read = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], includeConsoleReports: true });
    read.grantTo(role);
    expect(rendered(stack, read.toPolicyStatements())).toEqual(principalStatements(stack, role));
    expect(read.toPolicyStatements().map((s) => s.sid)).toEqual(['QueryProjectAnalytics', 'ViewAnalyticsConsoleReports']);
  });

  test('the returned statements are copies: changing them changes nothing granted', () => {
    const stack = testStack();
    const role = newRole(stack);
    const grant = new CampaignKpiGrant(stack, 'G', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
    grant.toPolicyStatements()[0].addResources('arn:aws:mobiletargeting:us-east-1:123456789012:apps/*');
    grant.grantTo(role);
    expect(rendered(stack, grant.toPolicyStatements())).toEqual(principalStatements(stack, role));
  });
});

describe('PinpointAnalyticsStatements.merge', () => {
  function mixedGrants(stack: Stack): IPinpointAnalyticsGrant[] {
    return [
      new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.SMS_SPEND] }),
      new CampaignKpiGrant(stack, 'CampaignAll', { projectId: PROJECT_ID, campaignId: hexId('c', 1) }),
      new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }),
      new JourneyMetricsGrant(stack, 'JourneyKpis', {
        projectId: PROJECT_ID, journeyId: hexId('e', 1), metrics: [AnalyticsMetrics.JOURNEY_KPIS],
      }),
      new PinpointAnalyticsReadPolicy(stack, 'Read', {
        projectIds: [OTHER_PROJECT_ID], metrics: [AnalyticsMetrics.APPLICATION_KPIS], includeConsoleReports: true,
      }),
    ];
  }

  /** Requests near every grant of `mixedGrants`. */
  const requests = () => [
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend')],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate')],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 1), 'email-open-rate')],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 2), 'email-open-rate')],
    [GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-sent')],
    [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID)],
    [GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'a')],
    [GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, hexId('e', 1), 'journey-emails-sent')],
    [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, hexId('e', 1))],
    [GET_APPLICATION_KPI, arns.applicationKpi(OTHER_PROJECT_ID, 'txn-sms-sent')],
    [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent')],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(OTHER_PROJECT_ID, CAMPAIGN_ID, 'sms-spend')],
    [GET_REPORTS, arns.reports()],
  ] as const;

  const asPolicy = (stack: Stack, name: string, statements: iam.PolicyStatement[]): NamedPolicy =>
    ({ name, policy: { Version: '2012-10-17', Statement: rendered(stack, statements) } });

  test('allows exactly the union of what the grants allow', async () => {
    const stack = testStack();
    const grants = mixedGrants(stack);
    const merged = [asPolicy(stack, 'merged', PinpointAnalyticsStatements.merge(grants))];
    const separate = grants.map((g, i) => asPolicy(stack, `g${i}`, g.toPolicyStatements()));
    const expected = [];
    for (const [action, arn] of requests()) {
      expected.push([action, arn, await decide(separate, action, arn)] as const);
    }
    expect(expected.map(([, , decision]) => decision)).toContain('Allowed');
    expect(expected.map(([, , decision]) => decision)).toContain('ImplicitlyDenied');
    await expectDecisions(merged, expected);
  });

  test('Sids are unique and each statement holds one set of actions; the order of the grants and repeats do not matter', () => {
    const stack = testStack();
    const grants = mixedGrants(stack);
    const merged = rendered(stack, PinpointAnalyticsStatements.merge(grants));
    expect(merged.map((s) => s.Sid)).toEqual([
      'QueryApplicationDateRangeKpi', 'QueryCampaignAnalytics', 'QueryJourneyAnalytics', 'QueryJourneyDateRangeKpi',
      'ViewAnalyticsConsoleReports',
    ]);
    fc.assert(fc.property(fc.shuffledSubarray([...grants, ...grants], { minLength: grants.length * 2 }), (shuffled) => {
      expect(rendered(stack, PinpointAnalyticsStatements.merge(shuffled))).toEqual(merged);
    }), { seed: 20261202, numRuns: 20 });
  });

  test('the same statements a role of the app receives for the same campaign and journey grants', () => {
    const stack = testStack();
    const role = newRole(stack);
    const grants = mixedGrants(stack).filter((g) => !(g instanceof PinpointAnalyticsReadPolicy));
    grants.forEach((g) => g.grantTo(role));
    expect(rendered(stack, PinpointAnalyticsStatements.merge(grants))).toEqual(principalStatements(stack, role));
  });

  test('a single campaign or journey grant merges to its own toPolicyStatements()', () => {
    const stack = testStack();
    for (const grant of mixedGrants(stack).slice(0, 4)) {
      expect(rendered(stack, PinpointAnalyticsStatements.merge([grant]))).toEqual(rendered(stack, grant.toPolicyStatements()));
    }
    expect(PinpointAnalyticsStatements.merge([])).toEqual([]);
  });

  test('README\'s fix, followed literally: the merged statements of 40 grants in an iam.ManagedPolicy deploy (one Sid each, within 6,144)', () => {
    // GIVEN 40 campaign grants, as in the user's app that failed before
    const stack = testStack();
    const user = newUser(stack, 'Analyst');
    const grants = Array.from({ length: 40 }, (_, i) =>
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }));
    // WHEN their merged statements go into one managed policy attached to the user
    const policy = new iam.ManagedPolicy(stack, 'CampaignAnalytics', {
      users: [user],
      statements: PinpointAnalyticsStatements.merge(grants),
    });
    // THEN no error (the built-in rules include E3510 on newer aws-cdk-lib), unique Sids, within a managed policy
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    const document = templateOf(stack).toJSON().Resources[logicalIdOf(policy)].Properties.PolicyDocument;
    const sids = document.Statement.map((s: any) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(JSON.stringify(document).length).toBeLessThanOrEqual(6_144);
  });

  test('the size error\'s fix, followed literally: the merged statements of 200 grants, one managed policy per statement, deploy', async () => {
    const stack = testStack();
    const role = newRole(stack);
    const grants = Array.from({ length: 200 }, (_, i) =>
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }));
    const statements = PinpointAnalyticsStatements.merge(grants);
    expect(statements.length).toBeGreaterThan(1);
    statements.forEach((statement, i) => new iam.ManagedPolicy(stack, `CampaignAnalytics${i}`, { roles: [role], statements: [statement] }));
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    for (const policy of Object.values<any>(templateOf(stack).findResources('AWS::IAM::ManagedPolicy'))) {
      expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThanOrEqual(6_144);
    }
    const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(role));
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 0), 'sms-spend'), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 199), 'sms-spend'), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 200), 'sms-spend'), 'ImplicitlyDenied'],
    ]);
  });

  test('two tokens for the same ARN are one resource', () => {
    const stack = envAgnosticStack();
    const grants = [1, 2].map((i) => new CampaignKpiGrant(stack, `Same${i}`, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }));
    expect(rendered(stack, PinpointAnalyticsStatements.merge(grants))).toEqual(rendered(stack, grants[0].toPolicyStatements()));
  });

  describe('fails on a grant of your own whose statements are not plain analytics reads', () => {
    function foreign(stack: Stack, statement: iam.PolicyStatement): IPinpointAnalyticsGrant {
      const construct = new CampaignKpiGrant(stack, 'Own', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
      return Object.assign(Object.create(construct), { toPolicyStatements: () => [statement] });
    }
    const EXPECTED = 'expected statements that allow Amazon Pinpoint analytics actions on resources, with no other field ' +
      '(such as a Condition or NotAction), and only these actions: mobiletargeting:GetApplicationDateRangeKpi, ' +
      'mobiletargeting:GetCampaignDateRangeKpi, mobiletargeting:GetJourneyDateRangeKpi, ' +
      'mobiletargeting:GetJourneyExecutionMetrics, mobiletargeting:GetJourneyExecutionActivityMetrics, mobiletargeting:GetReports';
    const ARN = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/p/kpis/*';

    test.each([
      ['another service\'s action', new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [ARN] })],
      ['a Deny', new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: [GET_APPLICATION_KPI], resources: [ARN] })],
      ['a Condition', new iam.PolicyStatement({ actions: [GET_APPLICATION_KPI], resources: [ARN], conditions: { Bool: { 'aws:SecureTransport': 'true' } } })],
      ['NotAction', new iam.PolicyStatement({ notActions: [GET_APPLICATION_KPI], resources: [ARN] })],
      ['no resource', new iam.PolicyStatement({ actions: [GET_APPLICATION_KPI] })],
    ])('%s', (_, statement) => {
      const stack = testStack();
      const grants = [new CampaignKpiGrant(stack, 'Fine', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }), foreign(stack, statement)];
      expect(() => PinpointAnalyticsStatements.merge(grants)).toThrow(
        `PinpointAnalyticsStatements.merge: grants[1] ('TestStack/Own') has the statement ${JSON.stringify(statement.toStatementJson())}: ${EXPECTED}`);
    });
  });
});

test('an app without an environment merges in each grant\'s own stack', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const grant = new CampaignKpiGrant(stack, 'G', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
  expect(rendered(stack, PinpointAnalyticsStatements.merge([grant]))).toEqual(rendered(stack, grant.toPolicyStatements()));
});

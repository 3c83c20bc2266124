/**
 * `PinpointAnalyticsGrants`, the Grants class: from an `IAppRef` (a `CfnApp`, `CfnApp.fromAppId`, `CfnApp.fromAppArn`),
 * each method grants exactly what the matching construct grants (same actions, resources and Sids, same merge, same
 * validation and messages), with the project, region and account of the reference. Access is judged by the evaluator.
 * Who receives a grant (roles, users, groups, functions, imported principals) is tested for every method in
 * private/grant/delivery.test.ts.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsGrants,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  ACCOUNT,
  arns,
  CAMPAIGN_ID,
  envAgnosticStack,
  expectDecisions,
  FLAG_SETS,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingStatements,
  newRole,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  templateOf,
  testApp,
  testStack,
} from '../support';

/** The statements of the role's own policy, as synthesized. */
function roleStatements(stack: Stack, role: iam.Role): any[] {
  const resources = templateOf(stack).toJSON().Resources;
  const policyId = logicalIdOf(role.node.findChild('DefaultPolicy'));
  return resources[policyId].Properties.PolicyDocument.Statement;
}

describe('each method grants exactly what the matching construct grants', () => {
  const readAnalyticsCases: Array<[string, { metrics?: AnalyticsMetrics[]; applicationKpis?: ApplicationKpi[]; includeConsoleReports?: boolean }]> = [
    ['the defaults', {}],
    ['two kinds and the console', { metrics: [AnalyticsMetrics.CAMPAIGN_KPIS, AnalyticsMetrics.APPLICATION_KPIS], includeConsoleReports: true }],
    ['project KPIs by name', { applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.EMAIL_OPEN_RATE] }],
  ];

  test.each(readAnalyticsCases)('readAnalytics, %s: the statements of a PinpointAnalyticsReadPolicy of the project', (_, options) => {
    for (const stack of [testStack(), envAgnosticStack()]) {
      // GIVEN
      const role = newRole(stack, 'Role');
      // WHEN
      PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readAnalytics(role, options);
      const construct = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], ...options });
      // THEN the same Sids and actions, and the same resources (the role's sorted, the managed policy's in its order)
      const expected = construct.toPolicyStatements().map((s) => stack.resolve(s.toStatementJson()));
      const actual = roleStatements(stack, role);
      expect(actual.map(({ Resource, ...rest }) => rest)).toEqual(expected.map(({ Resource, ...rest }) => rest));
      expect(actual.map((s) => [s.Resource].flat().map((r) => JSON.stringify(r)).sort()))
        .toEqual(expected.map((s) => [s.Resource].flat().map((r) => JSON.stringify(r)).sort()));
    }
  });

  test.each([
    ['every KPI', {}],
    ['two KPIs', { kpis: [CampaignKpi.UNIQUE_DELIVERIES, CampaignKpi.EMAIL_OPEN_RATE] }],
  ])('readCampaignKpis, %s: the statements of a CampaignKpiGrant', (_, options) => {
    const stack = testStack();
    const viaGrants = newRole(stack, 'ViaGrants');
    const viaConstruct = newRole(stack, 'ViaConstruct');
    PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readCampaignKpis(viaGrants, CAMPAIGN_ID, options);
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, ...options }).grantTo(viaConstruct);
    expect(roleStatements(stack, viaGrants)).toEqual(roleStatements(stack, viaConstruct));
  });

  test.each([
    ['every kind', {}],
    ['execution metrics only', { metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }],
    ['KPIs and activities', {
      metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
      kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
      activityIds: ['welcome', 'reminder'],
    }],
  ])('readJourneyMetrics, %s: the statements of a JourneyMetricsGrant', (_, options) => {
    const stack = testStack();
    const viaGrants = newRole(stack, 'ViaGrants');
    const viaConstruct = newRole(stack, 'ViaConstruct');
    PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readJourneyMetrics(viaGrants, JOURNEY_ID, options);
    new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, ...options }).grantTo(viaConstruct);
    expect(roleStatements(stack, viaGrants)).toEqual(roleStatements(stack, viaConstruct));
  });

  test('the same merge: a method and a construct on one role share one canonical statement', () => {
    const stack = testStack();
    const role = newRole(stack, 'Role');
    PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readCampaignKpis(role, CAMPAIGN_ID);
    new CampaignKpiGrant(stack, 'Other', { projectId: PROJECT_ID, campaignId: OTHER_CAMPAIGN_ID }).grantTo(role);
    const statements = roleStatements(stack, role);
    expect(statements.map((s) => s.Sid)).toEqual(['QueryCampaignAnalytics']);
    expect(statements[0].Resource).toHaveLength(2);
  });
});

describe('the project, region and account come from the app reference', () => {
  test('a CfnApp of this app: its ID as a token, and a campaign\'s ID from its campaignRef', async () => {
    // GIVEN
    const stack = testStack();
    const project = new pinpoint.CfnApp(stack, 'Project', { name: 'spring-sale' });
    const campaign = new pinpoint.CfnCampaign(stack, 'Campaign', {
      applicationId: project.appRef.appId,
      name: 'spring-sale',
      segmentId: 'segment',
      schedule: { startTime: 'IMMEDIATE' },
    });
    const role = newRole(stack, 'Role');
    // WHEN
    const analytics = PinpointAnalyticsGrants.fromApp(project);
    analytics.readCampaignKpis(role, campaign.campaignRef.campaignId, { kpis: [CampaignKpi.SMS_SPEND] });
    analytics.readJourneyMetrics(role, JOURNEY_ID, { metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] });
    // THEN judged with the tokens resolved to concrete IDs
    const refs = {
      [stack.getLogicalId(project)]: PROJECT_ID,
      // campaignRef.campaignId is the campaign's Ref
      [stack.getLogicalId(campaign)]: CAMPAIGN_ID,
    };
    const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(role), { refs });
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate'), 'ImplicitlyDenied'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend'), 'ImplicitlyDenied'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(OTHER_PROJECT_ID, CAMPAIGN_ID, 'sms-spend'), 'ImplicitlyDenied'],
      [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID), 'Allowed'],
      [GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-sent'), 'ImplicitlyDenied'],
    ]);
  });

  test('CfnApp.fromAppArn: the ARN\'s region and account, the stack\'s partition', async () => {
    // GIVEN a project in another region and account
    const stack = testStack();
    const project = pinpoint.CfnApp.fromAppArn(stack, 'Project',
      `arn:aws:mobiletargeting:${OTHER_REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}`);
    const role = newRole(stack, 'Role');
    // WHEN
    PinpointAnalyticsGrants.fromApp(project).readAnalytics(role, { includeConsoleReports: true });
    // THEN
    const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(role));
    await expectDecisions(policies, [
      [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent', OTHER_REGION, OTHER_ACCOUNT), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend', OTHER_REGION, OTHER_ACCOUNT), 'Allowed'],
      [GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'a', OTHER_REGION, OTHER_ACCOUNT), 'Allowed'],
      [GET_REPORTS, arns.reports(OTHER_REGION, OTHER_ACCOUNT), 'Allowed'],
      [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent', REGION, ACCOUNT), 'ImplicitlyDenied'],
      [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent', OTHER_REGION, ACCOUNT), 'ImplicitlyDenied'],
      [GET_APPLICATION_KPI, arns.applicationKpi(OTHER_PROJECT_ID, 'txn-sms-sent', OTHER_REGION, OTHER_ACCOUNT), 'ImplicitlyDenied'],
      [GET_REPORTS, arns.reports(), 'ImplicitlyDenied'],
    ]);
  });

  test.each(FLAG_SETS)('snapshot, with $name: a CfnApp and its campaign in an environment-agnostic stack, each method on one role', (flags) => {
    const stack = envAgnosticStack(testApp(flags.context));
    const project = new pinpoint.CfnApp(stack, 'Project', { name: 'spring-sale' });
    const role = newRole(stack, 'Role');
    const analytics = PinpointAnalyticsGrants.fromApp(project);
    analytics.readAnalytics(role, { metrics: [AnalyticsMetrics.APPLICATION_KPIS], includeConsoleReports: true });
    analytics.readCampaignKpis(role, CAMPAIGN_ID, { kpis: [CampaignKpi.EMAIL_OPEN_RATE] });
    analytics.readJourneyMetrics(role, JOURNEY_ID);
    expect(templateOf(stack).toJSON()).toMatchSnapshot();
  });
});

describe('validation: the same checks and messages as the constructs, naming the method and the app', () => {
  const SUBJECT = (method: string) => `PinpointAnalyticsGrants.${method} (app 'TestStack/Project')`;

  test.each([
    ['readCampaignKpis', 'a wildcard campaign', (g: PinpointAnalyticsGrants, role: iam.Role) => g.readCampaignKpis(role, '*'),
      'campaignId is "*": a wildcard cannot be used here. To read every campaign, use PinpointAnalyticsReadPolicy with ' +
      'metrics: [AnalyticsMetrics.CAMPAIGN_KPIS].'],
    ['readCampaignKpis', 'no KPI', (g: PinpointAnalyticsGrants, role: iam.Role) => g.readCampaignKpis(role, CAMPAIGN_ID, { kpis: [] }),
      'kpis is []: expected at least one element (omit kpis to read every KPI of the campaign)'],
    ['readJourneyMetrics', 'a journey ID with a slash', (g: PinpointAnalyticsGrants, role: iam.Role) => g.readJourneyMetrics(role, 'a/b'),
      'journeyId is "a/b": expected a Pinpoint journey ID of 1 to 128 letters, digits, \'-\' or \'_\' such as ' +
      '"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6" (characters such as \'/\', \':\', \'*\', \'?\' or white space would change which ARNs ' +
      'the policy matches)'],
    ['readJourneyMetrics', 'KPIs without their kind', (g: PinpointAnalyticsGrants, role: iam.Role) => g.readJourneyMetrics(role, JOURNEY_ID, {
      metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], kpis: [JourneyKpi.JOURNEY_EMAILS_SENT],
    }), 'kpis is ["journey-emails-sent"]: kpis selects engagement KPIs, so metrics must include AnalyticsMetrics.JOURNEY_KPIS'],
    ['readAnalytics', 'no kind of metric', (g: PinpointAnalyticsGrants, role: iam.Role) => g.readAnalytics(role, { metrics: [] }),
      'metrics is []: expected at least one element (omit metrics to read every kind)'],
    // JavaScript callers, or casts: values of the wrong type, shown as given
    ['readCampaignKpis', 'a KPI name given as a string', (g: PinpointAnalyticsGrants, role: iam.Role) =>
      g.readCampaignKpis(role, CAMPAIGN_ID, { kpis: ['email-open-rte' as unknown as CampaignKpi] }),
    'kpis[0] is "email-open-rte": expected a CampaignKpi such as CampaignKpi.EMAIL_OPEN_RATE; for a KPI by name, use ' +
      'CampaignKpi.of("email-open-rte")'],
    ['readCampaignKpis', 'a campaign ID that is a number', (g: PinpointAnalyticsGrants, role: iam.Role) =>
      g.readCampaignKpis(role, 42 as unknown as string),
    'campaignId is 42: expected a Pinpoint campaign ID such as "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"'],
    ['readJourneyMetrics', 'options that are a string', (g: PinpointAnalyticsGrants, role: iam.Role) =>
      g.readJourneyMetrics(role, JOURNEY_ID, 'all' as unknown as object),
    'options is "all": expected a ReadJourneyMetricsOptions object, or nothing'],
    ['readAnalytics', 'options that are a string', (g: PinpointAnalyticsGrants, role: iam.Role) =>
      g.readAnalytics(role, 'all' as unknown as object),
    'options is "all": expected a ReadAnalyticsOptions object, or nothing'],
    ['readCampaignKpis', 'options that are a string', (g: PinpointAnalyticsGrants, role: iam.Role) =>
      g.readCampaignKpis(role, CAMPAIGN_ID, 'all' as unknown as object),
    'options is "all": expected a ReadCampaignKpisOptions object, or nothing'],
    ['readAnalytics', 'a grantee that is no principal', (g: PinpointAnalyticsGrants) =>
      g.readAnalytics('DashboardRole' as unknown as iam.IGrantable),
    'grantee is "DashboardRole": expected an iam.IGrantable, such as an iam.Role, iam.User, iam.Group or lambda.Function'],
    ['readCampaignKpis', 'no grantee', (g: PinpointAnalyticsGrants) => g.readCampaignKpis(undefined as unknown as iam.IGrantable, CAMPAIGN_ID),
      'grantee is undefined: expected an iam.IGrantable, such as an iam.Role, iam.User, iam.Group or lambda.Function'],
  ] as const)('fails %s with %s, and grants nothing', (method, _, call, message) => {
    const stack = testStack();
    const role = newRole(stack, 'Role');
    const grants = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID));
    expect(() => call(grants, role)).toThrow(new Error(`${SUBJECT(method)}: ${message}`));
    expect(mobiletargetingStatements(templateOf(stack))).toEqual([]);
  });

  test('fails on a malformed project ID of the app reference, naming app.appRef.appId', () => {
    const stack = testStack();
    const grants = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', 'my project'));
    expect(() => grants.readCampaignKpis(newRole(stack, 'Role'), CAMPAIGN_ID)).toThrow(new Error(`${SUBJECT('readCampaignKpis')}: ` +
      'app.appRef.appId is "my project": expected a Pinpoint project ID of 1 to 128 letters, digits, \'-\' or \'_\' such as ' +
      '"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6" (characters such as \'/\', \':\', \'*\', \'?\' or white space would change which ARNs ' +
      'the policy matches)'));
    expect(() => grants.readAnalytics(newRole(stack, 'Other'))).toThrow(new Error(`${SUBJECT('readAnalytics')}: ` +
      'app.appRef.appId is "my project": expected a Pinpoint project ID of 1 to 128 letters, digits, \'-\' or \'_\' such as ' +
      '"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6" (characters such as \'/\', \':\', \'*\', \'?\' or white space would change which ARNs ' +
      'the policy matches)'));
    const wildcard = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Every', '*'));
    expect(() => wildcard.readAnalytics(newRole(stack, 'Third'))).toThrow(new Error('PinpointAnalyticsGrants.readAnalytics (app \'TestStack/Every\'): ' +
      'app.appRef.appId is "*": a wildcard cannot be used here. To read every project, use PinpointAnalyticsReadPolicy.'));
  });

  test('fails on a malformed region of an ARN the app was imported from, naming app.env.region', () => {
    const stack = testStack();
    const grants = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppArn(stack, 'Project',
      `arn:aws:mobiletargeting:moon-base-1:${ACCOUNT}:apps/${PROJECT_ID}`));
    expect(() => grants.readJourneyMetrics(newRole(stack, 'Role'), JOURNEY_ID)).toThrow(new Error(`${SUBJECT('readJourneyMetrics')}: ` +
      'app.env.region is "moon-base-1": expected an AWS Region name such as "us-east-1"'));
  });

  test('fails on a malformed account of an ARN the app was imported from, naming app.env.account', () => {
    const stack = testStack();
    const grants = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppArn(stack, 'Project',
      `arn:aws:mobiletargeting:us-east-1:12345:apps/${PROJECT_ID}`));
    expect(() => grants.readCampaignKpis(newRole(stack, 'Role'), CAMPAIGN_ID)).toThrow(new Error(`${SUBJECT('readCampaignKpis')}: ` +
      'app.env.account is "12345": expected a 12-digit AWS account ID such as "123456789012"'));
  });
});

/**
 * Principals this app imports or does not define: a mutable imported role of the stack's account receives the
 * canonical, merged form (or the managed policy itself); where nothing reaches a policy of this app (an immutable
 * imported role, a role of another account, a principal that takes no statements), the granting construct carries a
 * warning that names the principal, and `grant.success` is what aws-cdk-lib makes of the principal's own answer.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics, CampaignKpiGrant, IPinpointAnalyticsGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  arns,
  CAMPAIGN_ID,
  expectDecisions,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  JOURNEY_ID,
  mobiletargetingStatements,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  policiesOfRoleName,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../support';

const CONSTRUCTS: Array<[string, (stack: Stack) => IPinpointAnalyticsGrant]> = [
  ['PinpointAnalyticsReadPolicy', (stack) => new PinpointAnalyticsReadPolicy(stack, 'Grant', { projectIds: [PROJECT_ID] })],
  ['CampaignKpiGrant', (stack) => new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID })],
  ['JourneyMetricsGrant', (stack) => new JourneyMetricsGrant(stack, 'Grant', { projectId: PROJECT_ID, journeyId: JOURNEY_ID })],
];

/** The warning a granting construct carries when nothing reached a policy of this app. */
function nothingGranted(who: string): string {
  return `Nothing was granted to ${who}: it put the statements into no policy of this app (it is an immutable imported ` +
    'role, a role of another account, or a principal that takes no statements). Grant to a role, user or group this app ' +
    "defines or imports with mutable: true in the stack's account, or grant in the app that owns the principal. " +
    '[ack: cdk-pinpoint-analytics-grants:nothingGranted]';
}

/** Every warning in the stack, as `path: message`. */
function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => `${m.id}: ${String(m.entry.data)}`);
}

describe.each(CONSTRUCTS)('%s granted where nothing lands', (_, make) => {
  const cases: Array<[string, (stack: Stack) => iam.IGrantable & Partial<IConstruct>, string, boolean]> = [
    ['an immutable imported role', (stack) => iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/Existing`,
      { mutable: false }), "'TestStack/Imported'", true],
    ['a role of another account', (stack) => iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${OTHER_ACCOUNT}:role/Existing`),
      "'TestStack/Imported'", true],
    ['a principal that takes no statements', () => new iam.ServicePrincipal('lambda.amazonaws.com'),
      'ServicePrincipal(lambda.amazonaws.com)', false],
  ];

  test.each(cases)('%s: nothing is granted, the construct warns naming it, and grant.success is aws-cdk-lib\'s', (__, principal, who, success) => {
    // GIVEN (and a resource, so the stack synthesizes when nothing is granted)
    const stack = testStack();
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    const grant = make(stack);
    // WHEN
    const result = grant.grantTo(principal(stack));
    // THEN aws-cdk-lib's answer: an immutable role says it took the statements (it drops them), a service principal not
    expect(result.success).toBe(success);
    const template = templateOf(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy')).map((p) => p.Properties.Roles)).toEqual(
      grant instanceof PinpointAnalyticsReadPolicy ? [undefined] : []);
    expect(warnings(stack)).toEqual([`/TestStack/Grant: ${nothingGranted(who)}`]);
  });

  test('a mutable imported role of the stack\'s account receives it, with no warning', () => {
    const stack = testStack();
    make(stack).grantTo(iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/Existing`));
    expect(mobiletargetingStatements(templateOf(stack)).length).toBeGreaterThan(0);
    expect(policiesOfRoleName(templateOf(stack), 'Existing')).toHaveLength(1);
    expect(warnings(stack)).toEqual([]);
  });
});

test('a mutable imported role receives the canonical, merged form: one statement per set of actions, unique Sids', async () => {
  // GIVEN two campaign grants and a journey grant of execution metrics only
  const stack = testStack();
  const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/Existing`);
  // WHEN
  new CampaignKpiGrant(stack, 'First', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(imported);
  new CampaignKpiGrant(stack, 'Second', { projectId: PROJECT_ID, campaignId: OTHER_CAMPAIGN_ID }).grantTo(imported);
  const journey = new JourneyMetricsGrant(stack, 'Journey', {
    projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
  });
  journey.grantTo(imported);
  // THEN one policy for the role, with the Sids a role of the app would get
  const policies = policiesOfRoleName(templateOf(stack), 'Existing');
  expect(policies).toHaveLength(1);
  const statements = policies[0].policy.Statement;
  expect(statements.map((s: any) => s.Sid)).toEqual(['QueryCampaignAnalytics', 'QueryJourneyExecutionMetrics']);
  expect(statements[1]).toEqual(stack.resolve(journey.toPolicyStatements()[0].toStatementJson()));
  await expectDecisions(policies, [
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'), 'Allowed'],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend'), 'Allowed'],
    [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, 'c'.repeat(32), 'sms-spend'), 'ImplicitlyDenied'],
    [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID), 'Allowed'],
  ]);
});

test('an imported user that cannot take a managed policy from its own side receives the read policy\'s statements instead', () => {
  const stack = testStack();
  const user = iam.User.fromUserName(stack, 'ImportedUser', 'analyst');
  const read = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] });
  expect(read.grantTo(user).success).toBe(true);
  const template = templateOf(stack);
  template.hasResourceProperties('AWS::IAM::Policy', { Users: ['analyst'] });
  expect(warnings(stack)).toEqual([]);
});

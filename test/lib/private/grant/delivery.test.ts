/**
 * Who receives a grant, for every way to grant: the three constructs' `grantTo` and the methods of the Grants class
 * `PinpointAnalyticsGrants`, each tested once here for every kind of principal.
 *
 * - A role, user, group or Lambda function of the app: `PinpointAnalyticsReadPolicy` attaches its managed policy from the
 *   principal's side; everything else writes statements into the principal's default policy. The grant succeeds,
 *   `applyBefore` waits for what was written, granting twice changes nothing, and the evaluator allows the principal
 *   what was granted.
 * - A mutable imported role of the stack's account receives the canonical, merged form (or the managed policy itself).
 * - Where nothing reaches a policy of this app (an immutable imported role, a role of another account, a principal that
 *   takes no statements), nothing is granted, the granting construct (or the app reference) carries a warning that
 *   names the principal, and `grant.success` is what aws-cdk-lib makes of the principal's own answer.
 * - Across stacks: a read policy in one stack is attached from the side of principals in others, so their stacks
 *   depend on the policy's and never the reverse.
 *
 * (lib/private/grant/delivery.ts; the warning itself is principal-policy.ts's.)
 */
import { CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics, CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsGrants, PinpointAnalyticsReadPolicy } from '../../../../lib';
import {
  ACCOUNT,
  arns,
  CAMPAIGN_ID,
  defaultPolicyId,
  expectDecisions,
  FLAG_SETS,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  identityPoliciesOf,
  importedRole,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingStatements,
  newFunction,
  newGroup,
  newRole,
  newUser,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_PROJECT_ID,
  policiesOfRoleName,
  PROJECT_ID,
  templateOf,
  testApp,
  testStack,
} from '../../../support';

/** One way to grant: made at the construct path `TestStack/Grant`, which carries its warnings. */
interface Grantor {
  /** Makes the construct (or the app reference) and returns what grants it. */
  readonly make: (stack: Stack) => {
    /** The managed policy `grantTo` attaches, for `PinpointAnalyticsReadPolicy`. */
    readonly managedPolicy?: iam.IManagedPolicy;
    grantTo(grantee: iam.IGrantable): iam.Grant;
  };
  /** A request the grant must allow, and one next to it that it must not. */
  readonly allows: readonly [action: string, arn: string];
  readonly denies: readonly [action: string, arn: string];
}

const analyticsOf = (stack: Stack) => PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Grant', PROJECT_ID));

const GRANTORS: Array<[string, Grantor]> = [
  ['PinpointAnalyticsReadPolicy', {
    make: (stack) => new PinpointAnalyticsReadPolicy(stack, 'Grant', { projectIds: [PROJECT_ID] }),
    allows: [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent')],
    denies: [GET_APPLICATION_KPI, arns.applicationKpi(OTHER_PROJECT_ID, 'txn-sms-sent')],
  }],
  ['CampaignKpiGrant', {
    make: (stack) => new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }),
    allows: [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend')],
    denies: [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend')],
  }],
  ['JourneyMetricsGrant', {
    make: (stack) => new JourneyMetricsGrant(stack, 'Grant', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }),
    allows: [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID)],
    denies: [GET_JOURNEY_EXECUTION, arns.journeyExecution(OTHER_PROJECT_ID, JOURNEY_ID)],
  }],
  ['PinpointAnalyticsGrants.readAnalytics', {
    make: (stack) => {
      const analytics = analyticsOf(stack);
      return { grantTo: (grantee) => analytics.readAnalytics(grantee) };
    },
    allows: [GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'txn-sms-sent')],
    denies: [GET_APPLICATION_KPI, arns.applicationKpi(OTHER_PROJECT_ID, 'txn-sms-sent')],
  }],
  ['PinpointAnalyticsGrants.readCampaignKpis', {
    make: (stack) => {
      const analytics = analyticsOf(stack);
      return { grantTo: (grantee) => analytics.readCampaignKpis(grantee, CAMPAIGN_ID) };
    },
    allows: [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend')],
    denies: [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend')],
  }],
  ['PinpointAnalyticsGrants.readJourneyMetrics', {
    make: (stack) => {
      const analytics = analyticsOf(stack);
      return { grantTo: (grantee) => analytics.readJourneyMetrics(grantee, JOURNEY_ID) };
    },
    allows: [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID)],
    denies: [GET_JOURNEY_EXECUTION, arns.journeyExecution(OTHER_PROJECT_ID, JOURNEY_ID)],
  }],
];

/** A principal the app defines, and the role, user or group whose policies it receives. */
const PRINCIPALS: Array<[string, (stack: Stack) => { grantee: iam.IGrantable; identity: iam.Role | iam.User | iam.Group }]> = [
  ['role', (stack) => {
    const role = newRole(stack);
    return { grantee: role, identity: role };
  }],
  ['user', (stack) => {
    const user = newUser(stack);
    return { grantee: user, identity: user };
  }],
  ['group', (stack) => {
    const group = newGroup(stack);
    return { grantee: group, identity: group };
  }],
  ['Lambda function (its role)', (stack) => {
    const fn = newFunction(stack);
    return { grantee: fn, identity: fn.role as iam.Role };
  }],
];

/** The CloudFormation property of a policy resource that names the principals of each resource type. */
const NAMED_BY: Record<string, string> = { 'AWS::IAM::Role': 'Roles', 'AWS::IAM::User': 'Users', 'AWS::IAM::Group': 'Groups' };

const EVERY_GRANTOR_ON_EVERY_PRINCIPAL = GRANTORS.flatMap(([name, grantor]) =>
  PRINCIPALS.map(([kind, principal]) => [name, kind, grantor, principal] as const));

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

describe('a principal of the app', () => {
  test.each(EVERY_GRANTOR_ON_EVERY_PRINCIPAL)('%s granted to a %s: the grant succeeds and lands in its policies only, allowing what was granted',
    async (_name, _kind, grantor, principal) => {
      // GIVEN
      const stack = testStack();
      const { grantee, identity } = principal(stack);
      const made = grantor.make(stack);
      // WHEN
      const grant = made.grantTo(grantee);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      const identityId = logicalIdOf(identity);
      const identityType = template.toJSON().Resources[identityId].Type;
      if (made.managedPolicy) {
        // the managed policy, attached from the principal's side; no statement written anywhere else
        const policyId = Stack.of(made.managedPolicy).getLogicalId(made.managedPolicy.node.defaultChild as iam.CfnManagedPolicy);
        expect(template.toJSON().Resources[identityId].Properties.ManagedPolicyArns).toContainEqual({ Ref: policyId });
        template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: Match.absent(), Users: Match.absent(), Groups: Match.absent() });
        template.resourceCountIs('AWS::IAM::Policy', 0);
      } else {
        // statements in the principal's default policy, and no managed policy
        template.hasResourceProperties('AWS::IAM::Policy', { [NAMED_BY[identityType]]: [{ Ref: identityId }] });
        template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
      }
      expect(mobiletargetingStatements(template)).toHaveLength(1);
      await expectDecisions(identityPoliciesOf(template, identityId), [
        [...grantor.allows, 'Allowed'],
        [...grantor.denies, 'ImplicitlyDenied'],
      ]);
    });

  test.each(EVERY_GRANTOR_ON_EVERY_PRINCIPAL)('%s granted to a %s: grant.applyBefore makes a resource wait for what was written',
    (_name, _kind, grantor, principal) => {
      // GIVEN
      const stack = testStack();
      const { grantee, identity } = principal(stack);
      const made = grantor.make(stack);
      const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SNS::Topic' });
      // WHEN
      made.grantTo(grantee).applyBefore(consumer);
      // THEN it depends on the managed policy, or on the principal's default policy (made when the app synthesizes)
      const template = templateOf(stack);
      const written = made.managedPolicy
        ? stack.getLogicalId(made.managedPolicy.node.defaultChild as iam.CfnManagedPolicy)
        : defaultPolicyId(identity);
      template.hasResource('AWS::SNS::Topic', { DependsOn: Match.arrayWith([written]) });
    });

  test.each(GRANTORS)('%s granted twice to one role: the same template as granted once', (_name, grantor) => {
    const synthesize = (times: number) => {
      const stack = testStack();
      const role = newRole(stack);
      const made = grantor.make(stack);
      for (let i = 0; i < times; i++) {
        made.grantTo(role);
      }
      return templateOf(stack).toJSON();
    };
    expect(synthesize(2)).toEqual(synthesize(1));
  });
});

describe.each(GRANTORS)('%s granted to a principal this app imports or does not define', (name, grantor) => {
  const cases: Array<[string, (stack: Stack) => iam.IGrantable & Partial<IConstruct>, string, boolean]> = [
    ['an immutable imported role', (stack) => iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/Existing`,
      { mutable: false }), "'TestStack/Imported'", true],
    ['a role of another account', (stack) => importedRole(stack, 'Existing', 'Imported', OTHER_ACCOUNT), "'TestStack/Imported'", true],
    ['a principal that takes no statements', () => new iam.ServicePrincipal('lambda.amazonaws.com'),
      'ServicePrincipal(lambda.amazonaws.com)', false],
  ];

  test.each(cases)('%s: nothing is granted, it warns naming the principal, and grant.success is aws-cdk-lib\'s', (__, principal, who, success) => {
    // GIVEN (and a resource, so the stack synthesizes when nothing is granted)
    const stack = testStack();
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    const made = grantor.make(stack);
    // WHEN
    const result = made.grantTo(principal(stack));
    // THEN aws-cdk-lib's answer: an immutable role says it took the statements (it drops them), a service principal not
    expect(result.success).toBe(success);
    if (!success) {
      expect(() => result.assertSuccess()).toThrow();
    }
    const template = templateOf(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    // the read policy's managed policy is there, attached to nobody; nothing else holds a statement
    const managedPolicies = Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(managedPolicies.map((p) => [p.Properties.Roles, p.Properties.Users, p.Properties.Groups]))
      .toEqual(made.managedPolicy ? [[undefined, undefined, undefined]] : []);
    expect(mobiletargetingStatements(template)).toHaveLength(made.managedPolicy ? 1 : 0);
    expect(warnings(stack)).toEqual([`/TestStack/Grant: ${nothingGranted(who)}`]);
  });

  test('a principal whose statements aws-cdk-lib hands to the user (UnknownPrincipal): aws-cdk-lib\'s warning, not a second one', () => {
    // GIVEN
    const stack = testStack();
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    const made = grantor.make(stack);
    // WHEN
    const grant = made.grantTo(new iam.UnknownPrincipal({ resource: stack }));
    // THEN aws-cdk-lib asks, in its own warning, for the statements to be added to the resource's role
    expect(grant.success).toBe(true);
    expect(warnings(stack).map((warning) => warning.replace(/: \{.*$/s, ''))).toEqual([
      '/TestStack: Add statement to this resource\'s role',
    ]);
  });

  test(`a mutable imported role of the stack's account receives it in one policy that names the role, with no warning${
    name === 'PinpointAnalyticsReadPolicy' ? ' (the managed policy itself: no statement is copied)' : ''}`, async () => {
    // GIVEN
    const stack = testStack();
    const made = grantor.make(stack);
    // WHEN
    const grant = made.grantTo(importedRole(stack, 'Existing'));
    // THEN
    expect(grant.success).toBe(true);
    const template = templateOf(stack);
    template.resourceCountIs(made.managedPolicy ? 'AWS::IAM::Policy' : 'AWS::IAM::ManagedPolicy', 0);
    const policies = policiesOfRoleName(template, 'Existing');
    expect(policies).toHaveLength(1);
    await expectDecisions(policies, [[...grantor.allows, 'Allowed'], [...grantor.denies, 'ImplicitlyDenied']]);
    expect(warnings(stack)).toEqual([]);
  });
});

test('a mutable imported role receives the canonical, merged form: one statement per set of actions, unique Sids', async () => {
  // GIVEN two campaign grants and a journey grant of execution metrics only
  const stack = testStack();
  const imported = importedRole(stack, 'Existing');
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
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::IAM::Policy', { Users: ['analyst'] });
  expect(warnings(stack)).toEqual([]);
});

test('two mutable imported roles share the read policy: it names both, and neither gets a policy of its own', () => {
  const stack = testStack();
  const read = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] });
  read.grantTo(importedRole(stack, 'First', 'First'));
  read.grantTo(importedRole(stack, 'Second', 'Second'));
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::IAM::Policy', 0);
  template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: ['First', 'Second'] });
  expect(warnings(stack)).toEqual([]);
});

test('a read policy a mutable imported role took is not thereby granted to an immutable one: that one is warned about', () => {
  const stack = testStack();
  const read = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] });
  read.grantTo(importedRole(stack, 'First', 'First'));
  read.grantTo(iam.Role.fromRoleArn(stack, 'Immutable', `arn:aws:iam::${ACCOUNT}:role/Existing`, { mutable: false }));
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: ['First'] });
  expect(warnings(stack)).toEqual([`/TestStack/Read: ${nothingGranted("'TestStack/Immutable'")}`]);
});

test.each<[string, (stack: Stack, role: iam.Role) => iam.Grant]>([
  ['in the principal\'s own policy', (stack, role) => analyticsOf(stack).readAnalytics(role, { includeConsoleReports: true })],
  ['by the read policy', (stack, role) => new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], includeConsoleReports: true })
    .grantTo(role)],
])('a grant of two statements (the metrics and the console\'s reports), %s, is one iam.Grant of both', (_name, grant) => {
  const stack = testStack();
  const result = grant(stack, newRole(stack));
  expect(result.success).toBe(true);
  expect(result.principalStatements.map((statement) => statement.actions)).toEqual([
    expect.arrayContaining([GET_CAMPAIGN_KPI]),
    ['mobiletargeting:GetReports'],
  ]);
});

/**
 * Shared policies across stacks: a `PinpointAnalyticsReadPolicy` in one stack, granted to roles, a user and a group in
 * others, is attached from the principal's side (as `role.addManagedPolicy` does), so the principals' stacks depend on
 * the policy's stack and never the reverse, and an ordinary reference back to the policy is no dependency cycle.
 */
describe('across stacks', () => {
  test.each(FLAG_SETS)('with $name: a shared policy stack, principals in two other stacks and a reference back: no cycle, dependencies point to the policy', (flags) => {
    // GIVEN the policy in one stack, a role in a second, a role, a user and a group in a third
    const app = testApp(flags.context);
    const shared = testStack(app, 'SharedPolicies');
    const read = new PinpointAnalyticsReadPolicy(shared, 'ReadAnalytics', { projectIds: [PROJECT_ID] });
    const dashboards = testStack(app, 'Dashboards');
    const dashboardRole = newRole(dashboards, 'DashboardRole');
    const reports = testStack(app, 'Reports');
    const reportRole = newRole(reports, 'ReportRole');
    const analyst = newUser(reports, 'Analyst');
    const analysts = newGroup(reports, 'Analysts');

    // WHEN each is granted the policy, and the dashboards' stack refers back to it, as apps do
    for (const principal of [dashboardRole, reportRole, analyst, analysts]) {
      expect(read.grantTo(principal).success).toBe(true);
    }
    new CfnOutput(dashboards, 'ReadAnalyticsArn', { value: read.managedPolicy.managedPolicyArn });

    // THEN the app synthesizes (a cycle would throw) and only the principals' stacks depend on the policy's
    app.synth();
    expect(shared.dependencies).toEqual([]);
    expect(dashboards.dependencies).toEqual([shared]);
    expect(reports.dependencies).toEqual([shared]);
    // the policy names no principal; each principal lists the policy, imported from the shared stack
    templateOf(shared).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: Match.absent(), Users: Match.absent(), Groups: Match.absent(),
    });
    // (an export and Fn::ImportValue; with weak cross-stack references, Fn::GetStackOutput of an output without export)
    const [outputName, output] = Object.entries<any>(templateOf(shared).toJSON().Outputs)
      .find(([, o]) => o.Value.Ref === logicalIdOf(read.managedPolicy))!;
    const reference = flags.weakCrossStackReferences
      ? { 'Fn::GetStackOutput': { StackName: shared.stackName, Region: shared.region, OutputName: outputName } }
      : { 'Fn::ImportValue': output.Export.Name };
    expect(output.Export === undefined).toBe(flags.weakCrossStackReferences);
    for (const [stack, principal] of [[dashboards, dashboardRole], [reports, reportRole], [reports, analyst], [reports, analysts]] as const) {
      expect(templateOf(stack).toJSON().Resources[logicalIdOf(principal)].Properties.ManagedPolicyArns).toEqual([reference]);
    }
    for (const stack of [shared, dashboards, reports]) {
      Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    }
  });

  test('grant.applyBefore on a shared policy\'s grant waits for the policy and the principal', () => {
    const app = testApp();
    const shared = testStack(app, 'SharedPolicies');
    const read = new PinpointAnalyticsReadPolicy(shared, 'ReadAnalytics', { projectIds: [PROJECT_ID] });
    const consumers = testStack(app, 'Consumers');
    const role = newRole(consumers, 'Role');
    const topic = new iam.CfnManagedPolicy(consumers, 'Consumer', {
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:us-east-1:123456789012:reports' }] },
    });
    read.grantTo(role).applyBefore(topic);
    app.synth();
    expect(templateOf(consumers).toJSON().Resources.Consumer.DependsOn).toEqual([logicalIdOf(role)]);
    expect(consumers.dependencies).toEqual([shared]);
    expect(Stack.of(read).dependencies).toEqual([]);
  });
});

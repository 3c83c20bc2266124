/**
 * Grants where aws-cdk-lib does more than a stack's template: an aspect that grants after the principal's policy was
 * rendered, principals in other stacks than the policy, and roles that `Role.customizeRoles` leaves out of the template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AspectPriority, Aspects, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics, CampaignKpi, CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  arns,
  CAMPAIGN_ID,
  decide,
  expectDecisions,
  FLAG_SETS,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  NamedPolicy,
  newGroup,
  newRole,
  newUser,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  templateOf,
  testApp,
  testStack,
} from '../support';

/**
 * A grant made after the principal's policy was rendered (from an aspect that runs after ours, as other libraries'
 * aspects do) still reaches the principal, as it is, next to the rendered statements; judged by the evaluator.
 */
describe('an aspect that runs after ours', () => {
  test('a grant made by a later aspect is added to the policy as it is, after the rendered statements', async () => {
    // GIVEN a role with a grant, and an aspect that grants more when it visits the role, after our rendering
    const stack = testStack();
    const role = newRole(stack, 'Role');
    new CampaignKpiGrant(stack, 'Early', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    const late = new JourneyMetricsGrant(stack, 'Late', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    });
    const grants: iam.Grant[] = [];
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node === role) {
          grants.push(late.grantTo(role));
        }
      },
    }, { priority: AspectPriority.MUTATING });

    // WHEN
    const template = templateOf(stack);

    // THEN both reach the role: the rendered statement (with its Sid) and the late one, as it is (without one)
    expect(grants).toHaveLength(1);
    expect(grants[0].success).toBe(true);
    const policies = identityPoliciesOf(template, stack.getLogicalId(role.node.defaultChild as iam.CfnRole));
    const statements = policies.flatMap((p) => p.policy.Statement);
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'QueryCampaignAnalytics', Action: 'mobiletargeting:GetCampaignDateRangeKpi' }),
      expect.not.objectContaining({ Sid: expect.anything() }),
    ]);
    const kpi = 'mobiletargeting:GetCampaignDateRangeKpi';
    const execution = 'mobiletargeting:GetJourneyExecutionMetrics';
    expect(await decide(policies, kpi, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate'))).toBe('Allowed');
    expect(await decide(policies, kpi, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'email-open-rate'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, execution, arns.journeyExecution(PROJECT_ID, JOURNEY_ID))).toBe('Allowed');
    expect(await decide(policies, execution, arns.journeyExecution(PROJECT_ID, OTHER_JOURNEY_ID))).toBe('ImplicitlyDenied');
  });
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

/**
 * With `Role.customizeRoles`, aws-cdk-lib synthesizes no role: it lists each role and the policies it needs in
 * `iam-policy-report.json`, for IAM administrators who create the roles themselves. Grants to such a role reach that
 * report, canonical as in a template; the policy size checks skip the role (none of its policies is deployed with the
 * stack). The report's statements are judged by the evaluator.
 */
describe('Role.customizeRoles', () => {
  test('grants to a role that customizeRoles leaves out reach the policy report, and synth succeeds', async () => {
    // GIVEN a stack whose roles IAM administrators create, and a role with grants of all three constructs
    const app = testApp();
    const stack = testStack(app);
    iam.Role.customizeRoles(stack);
    const role = newRole(stack, 'Dashboard');
    const grants = [
      new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.UNIQUE_DELIVERIES] })
        .grantTo(role),
      new JourneyMetricsGrant(stack, 'Journey', {
        projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
      }).grantTo(role),
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [OTHER_PROJECT_ID], metrics: [AnalyticsMetrics.JOURNEY_KPIS] })
        .grantTo(role),
    ];
    // (a stack must have a resource of its own to synthesize)
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });

    // WHEN
    const assembly = app.synth();

    // THEN no role is synthesized, and the report lists what the role needs
    expect(grants.map((g) => g.success)).toEqual([true, true, true]);
    expect(Object.values(assembly.getStackByName(stack.stackName).template.Resources).map((r: any) => r.Type))
      .toEqual(['AWS::SNS::Topic']);
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'iam-policy-report.json'), 'utf8'));
    expect(report.roles.map((r: any) => r.roleConstructPath)).toEqual(['TestStack/Dashboard']);
    const [{ identityPolicyStatements, managedPolicyStatements }] = report.roles;
    // the canonical form: one statement per set of actions, each with its Sid
    expect(identityPolicyStatements.map((s: any) => s.Sid).sort()).toEqual(['QueryCampaignAnalytics', 'QueryJourneyExecutionMetrics']);
    const policies: NamedPolicy[] = [
      { name: 'identity', policy: { Version: '2012-10-17', Statement: identityPolicyStatements } },
      { name: 'managed', policy: { Version: '2012-10-17', Statement: managedPolicyStatements } },
    ];
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'unique-deliveries'), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'successful-delivery-rate'), 'ImplicitlyDenied'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'unique-deliveries'), 'ImplicitlyDenied'],
      [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID), 'Allowed'],
      [GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-send-rate'), 'ImplicitlyDenied'],
      [GET_JOURNEY_KPI, arns.journeyKpi(OTHER_PROJECT_ID, JOURNEY_ID, 'journey-send-rate'), 'Allowed'],
      [GET_JOURNEY_EXECUTION, arns.journeyExecution(OTHER_PROJECT_ID, JOURNEY_ID), 'ImplicitlyDenied'],
    ]);
  });
});

/**
 * With `Role.customizeRoles`, aws-cdk-lib synthesizes no role: it lists each role and the policies it needs in
 * `iam-policy-report.json`, for IAM administrators who create the roles themselves. Grants to such a role reach that
 * report, canonical as in a template; the policy size checks skip the role (none of its policies is deployed with the
 * stack). The report's statements are judged by the evaluator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnalyticsMetrics, CampaignKpi, CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  arns,
  CAMPAIGN_ID,
  expectDecisions,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  JOURNEY_ID,
  NamedPolicy,
  newRole,
  OTHER_CAMPAIGN_ID,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  testApp,
  testStack,
} from '../support';

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

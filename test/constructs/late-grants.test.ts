/**
 * A grant made after the principal's policy was rendered (from an aspect that runs after ours, as other libraries'
 * aspects do) still reaches the principal, as it is, next to the rendered statements; judged by the evaluator.
 */
import { AspectPriority, Aspects } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics, CampaignKpiGrant, JourneyMetricsGrant } from '../../lib';
import {
  arns,
  CAMPAIGN_ID,
  decide,
  identityPoliciesOf,
  JOURNEY_ID,
  newRole,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../support';

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

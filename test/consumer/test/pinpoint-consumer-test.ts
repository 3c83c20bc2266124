/**
 * The consumer app's own unit test (.ci/consumer.sh copies it, as test/pinpoint-consumer.test.ts, over the one that
 * `cdk init app --language typescript` makes, and runs the app's `npm test`): a test as a user writes it.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cdk from 'aws-cdk-lib/core';
import { CAMPAIGN_ID, DashboardStack, PROJECT_ID, SharedPoliciesStack } from '../lib/pinpoint-consumer-stack';

test('the dashboard role reads two KPIs of the spring sale campaign, and the shared policy is attached to it', () => {
  // GIVEN
  const app = new cdk.App();
  const env = { account: '123456789012', region: 'us-east-1' };
  const shared = new SharedPoliciesStack(app, 'Shared', { env });
  // WHEN
  const dashboards = new DashboardStack(app, 'Dashboards', { env, readPolicy: shared.readPolicy });
  // THEN one statement with the campaign's two KPIs (the partition is a reference in an app without cdk.json)
  const template = Template.fromStack(dashboards);
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([{
        Sid: 'QueryCampaignAnalytics',
        Effect: 'Allow',
        Action: 'mobiletargeting:GetCampaignDateRangeKpi',
        Resource: [Match.anyValue(), Match.anyValue()],
      }]),
    },
  });
  const campaign = `:us-east-1:123456789012:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/`;
  const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
  expect(policies).toContain(`${campaign}email-open-rate`);
  expect(policies).toContain(`${campaign}unique-deliveries`);
  template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: [Match.anyValue()] });
});

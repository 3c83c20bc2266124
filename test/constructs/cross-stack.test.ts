/**
 * Shared policies across stacks: a `PinpointAnalyticsReadPolicy` in one stack, granted to roles, a user and a group in
 * others, is attached from the principal's side (as `role.addManagedPolicy` does), so the principals' stacks depend on
 * the policy's stack and never the reverse, and an ordinary reference back to the policy is no dependency cycle.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PinpointAnalyticsReadPolicy } from '../../lib';
import { logicalIdOf, newGroup, newRole, newUser, PROJECT_ID, templateOf, testApp, testStack } from '../support';

test('a shared policy stack, principals in two other stacks and a reference back: no cycle, dependencies point to the policy', () => {
  // GIVEN the policy in one stack, a role in a second, a role, a user and a group in a third
  const app = testApp();
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
  const exported = Object.values<any>(templateOf(shared).toJSON().Outputs)
    .find((output) => output.Value.Ref === logicalIdOf(read.managedPolicy)).Export.Name;
  for (const [stack, principal] of [[dashboards, dashboardRole], [reports, reportRole], [reports, analyst], [reports, analysts]] as const) {
    expect(templateOf(stack).toJSON().Resources[logicalIdOf(principal)].Properties.ManagedPolicyArns)
      .toEqual([{ 'Fn::ImportValue': exported }]);
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

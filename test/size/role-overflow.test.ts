/**
 * A role with many grants: its canonical statements are cut into chunks that aws-cdk-lib's role policy splitter can
 * place in its `OverflowPolicy` managed policies (by aws-cdk-lib's own estimate of a token ARN), each within 6,144
 * characters, Sids unique, every chunk with its statement's exact actions; access judged by the evaluator. (Users and
 * groups, which aws-cdk-lib does not split: user-group-overflow.test.ts.)
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, JourneyMetricsGrant } from '../../lib';
import {
  allowedPairs,
  arns,
  decide,
  envAgnosticStack,
  expectUniqueSids,
  GET_ACTIVITY_EXECUTION,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  hexId,
  identityPoliciesOf,
  logicalIdOf,
  newRole,
  OTHER_PROJECT_ID,
  policyDocuments,
  PROJECT_ID,
  templateOf,
  testApp,
  testStack,
} from '../support';

describe('chunking for the role policy splitter', () => {
  const N = 1000;

  test('chunks follow aws-cdk-lib\'s @aws-cdk/aws-iam.arnSizeEstimate, the size its splitter counts for a token ARN', () => {
    // In an environment-agnostic stack every ARN is a token; aws-cdk-lib's splitter counts each at this estimate
    // (default 150) and places at most 6,000 characters by that count in one overflow policy.
    const resourcesPerStatement = (context: Record<string, unknown>) => {
      const stack = envAgnosticStack(testApp(context));
      const role = newRole(stack);
      for (let i = 0; i < 60; i++) {
        new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(role);
      }
      const statements = policyDocuments(templateOf(stack)).flatMap(({ document }) => document.Statement);
      expect(allowedPairs(statements.map((statement: any) => ({ document: { Statement: [statement] } })))).toHaveLength(60);
      return statements.map((statement: any) => [statement.Resource].flat().length);
    };

    const withDefault = resourcesPerStatement({});
    const with400 = resourcesPerStatement({ '@aws-cdk/aws-iam.arnSizeEstimate': 400 });

    // at 400 characters an ARN, 15 ARNs are already 6,000: every chunk holds fewer
    expect(Math.max(...with400)).toBeLessThan(15);
    expect(Math.max(...with400)).toBeGreaterThan(1);
    // at the default, chunks are larger than that
    expect(Math.max(...withDefault)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...withDefault) * 150).toBeLessThanOrEqual(6_000);
  });

  test(`a role with ${N} campaign grants splits into overflow policies of at most 6,144 characters, Sids unique`, async () => {
    // GIVEN
    const stack = testStack();
    const role = newRole(stack);
    for (let i = 0; i < N; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(role);
    }

    // WHEN
    const template = templateOf(stack);

    // THEN every policy document is within its IAM limit
    const documents = policyDocuments(template);
    const managed = Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(managed.length).toBeGreaterThan(1);
    for (const policy of managed) {
      expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThanOrEqual(6_144);
      expect(policy.Properties.Roles).toEqual([{ Ref: logicalIdOf(role) }]);
    }
    const inline = Object.values<any>(template.findResources('AWS::IAM::Policy'));
    expect(inline).toHaveLength(1);
    expect(JSON.stringify(inline[0].Properties.PolicyDocument).length).toBeLessThanOrEqual(10_240);

    // Sids readable and unique in every document, numbered after the first
    expectUniqueSids(documents);
    const sids = documents.flatMap(({ document }) => document.Statement.map((s: any) => s.Sid)).sort();
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids).toContain('QueryCampaignAnalytics');
    for (const sid of sids) {
      expect(sid).toMatch(/^QueryCampaignAnalytics([2-9]|[1-9][0-9]+)?$/);
    }

    // exactly the granted pairs: one action, each campaign once, nothing else
    const pairs = allowedPairs(documents);
    expect(pairs).toHaveLength(N);
    expect(pairs.every((pair) => pair.startsWith(`${GET_CAMPAIGN_KPI} `))).toBe(true);

    // the evaluator, across every document of the role
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(policies.length).toBe(managed.length + 1);
    for (const i of [0, 1, 499, N - 1]) {
      expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', i), 'sms-spend'))).toBe('Allowed');
    }
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', N), 'sms-spend'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(OTHER_PROJECT_ID, hexId('c', 0), 'sms-spend'))).toBe('ImplicitlyDenied');

    // and 1,000 campaigns are more than 20 managed policies can hold: synth reports it
    Annotations.fromStack(stack).hasError(`/${role.node.path}`, Match.stringLikeRegexp(
      `role '${role.node.path}' has 2\\d managed policies attached \\(2\\d of them OverflowPolicy .*\\), over IAM's limit of 20 per role`));
  });

  test('a statement small enough for one managed policy is not cut', () => {
    const stack = testStack();
    const role = newRole(stack);
    for (let i = 0; i < 40; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(role);
    }
    const statements = policyDocuments(templateOf(stack)).flatMap(({ document }) => document.Statement);
    expect(statements.map((s: any) => s.Sid)).toEqual(['QueryCampaignAnalytics']);
    expect(statements[0].Resource).toHaveLength(40);
  });

  test('chunks keep each statement\'s exact actions: journey and campaign chunks never mix', () => {
    // GIVEN many journeys (three actions on three resources each) and campaigns on one role
    const stack = testStack();
    const role = newRole(stack);
    for (let i = 0; i < 150; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(role);
      new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: hexId('e', i) }).grantTo(role);
    }

    // THEN
    const template = templateOf(stack);
    const documents = policyDocuments(template);
    expectUniqueSids(documents);
    for (const statement of documents.flatMap(({ document }) => document.Statement)) {
      const resources: string[] = [statement.Resource].flat();
      if (statement.Sid.startsWith('QueryCampaignAnalytics')) {
        expect(statement.Action).toBe(GET_CAMPAIGN_KPI);
        expect(resources.every((arn) => arn.includes('/campaigns/'))).toBe(true);
      } else {
        expect(statement.Sid).toMatch(/^QueryJourneyAnalytics\d*$/);
        expect(statement.Action).toEqual([GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]);
        expect(resources.every((arn) => arn.includes('/journeys/'))).toBe(true);
      }
    }
    expect(allowedPairs(documents)).toHaveLength(150 + 150 * 3 * 3);
    for (const policy of Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'))) {
      expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThanOrEqual(6_144);
    }
  });

  test('an app without grants of ours is left alone', () => {
    const app = new App();
    const stack = new Stack(app, 'Plain');
    newRole(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});

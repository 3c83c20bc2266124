/**
 * Many grants on one principal: merged exactly, idempotent, and cut into chunks that aws-cdk-lib's role policy splitter
 * can place. Access is judged by the independent evaluator (`decide`), structure by the synthesized template. (That
 * the order of the grants does not matter is a property: properties/canonical-form.test.ts.)
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnalyticsMetrics,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
} from '../../../../lib';
import {
  arns,
  CAMPAIGN_ID,
  decide,
  envAgnosticStack,
  GET_ACTIVITY_EXECUTION,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  hexId,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  newRole,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  OTHER_PROJECT_ID,
  policyDocuments,
  PROJECT_ID,
  templateOf,
  testApp,
  testStack,
} from '../../../support';

/** Every (action, resource) pair the statements of `documents` allow, as `action resource`. */
function allowedPairs(documents: Array<{ document: any }>): string[] {
  const pairs = new Set<string>();
  for (const { document } of documents) {
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of [statement.Action].flat()) {
        for (const resource of [statement.Resource].flat()) {
          pairs.add(`${action} ${JSON.stringify(resource)}`);
        }
      }
    }
  }
  return [...pairs].sort();
}

/** Sids of each document; fails when a document repeats one. */
function expectUniqueSids(documents: Array<{ name: string; document: any }>): void {
  for (const { name, document } of documents) {
    const sids = document.Statement.map((s: any) => s.Sid);
    expect({ name, duplicates: sids.filter((sid: string, i: number) => sids.indexOf(sid) !== i) }).toEqual({ name, duplicates: [] });
  }
}

describe('exact merge', () => {
  test('statements with the same actions share one statement; each resource keeps exactly its actions', async () => {
    // GIVEN a role with overlapping grants of different kinds
    const stack = testStack();
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'OtherCampaign', {
      projectId: PROJECT_ID,
      campaignId: OTHER_CAMPAIGN_ID,
      kpis: [CampaignKpi.EMAIL_OPEN_RATE],
    }).grantTo(role);
    // only engagement KPIs of one journey, only execution metrics of another
    new JourneyMetricsGrant(stack, 'JourneyKpis', {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_KPIS],
    }).grantTo(role);
    new JourneyMetricsGrant(stack, 'OtherJourneyExecution', {
      projectId: PROJECT_ID,
      journeyId: OTHER_JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    }).grantTo(role);

    // WHEN
    const template = templateOf(stack);

    // THEN one statement per distinct set of actions, sorted by Sid, resources sorted
    const prefix = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/';
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'QueryCampaignAnalytics',
            Effect: 'Allow',
            Action: GET_CAMPAIGN_KPI,
            Resource: [
              `${prefix}${PROJECT_ID}/campaigns/${OTHER_CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
              `${prefix}${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`,
            ],
          },
          { Sid: 'QueryJourneyDateRangeKpi', Action: GET_JOURNEY_KPI, Resource: `${prefix}${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/*` },
          {
            Sid: 'QueryJourneyExecutionMetrics',
            Action: GET_JOURNEY_EXECUTION,
            Resource: `${prefix}${PROJECT_ID}/journeys/${OTHER_JOURNEY_ID}/execution-metrics`,
          },
        ],
      },
    });

    // and the evaluator allows exactly what was granted
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'))).toBe('Allowed');
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'email-open-rate'))).toBe('Allowed');
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-opened'))).toBe('Allowed');
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, OTHER_JOURNEY_ID))).toBe('Allowed');
    // no action spread to the other journey's resources
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, OTHER_JOURNEY_ID, 'journey-emails-opened'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'a'))).toBe('ImplicitlyDenied');
  });

  test('identical resources merge their actions', async () => {
    // GIVEN two journey grants on the same journey with different metrics
    const stack = testStack();
    const role = newRole(stack);
    new JourneyMetricsGrant(stack, 'Kpis', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_KPIS] }).grantTo(role);
    new JourneyMetricsGrant(stack, 'All', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(role);

    // THEN the journey's KPI resource appears once, in the statement of all three journey actions
    const template = templateOf(stack);
    const statements = policyDocuments(template).flatMap(({ document }) => document.Statement);
    expect(statements.map((s: any) => s.Sid)).toEqual(['QueryJourneyAnalytics']);
    expect(statements[0].Action).toEqual([GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]);
    expect(statements[0].Resource).toHaveLength(3);
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-sent'))).toBe('Allowed');
    expect(await decide(policies, GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'welcome'))).toBe('Allowed');
  });

  test('the merged policy allows exactly the union of the grants, judged per grant on its own', async () => {
    // GIVEN grants on one role, and each grant alone on a role of its own
    const stack = testStack();
    const role = newRole(stack);
    const grants = [
      new CampaignKpiGrant(stack, 'C1', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.SMS_SPEND] }),
      new CampaignKpiGrant(stack, 'C2', { projectId: OTHER_PROJECT_ID, campaignId: CAMPAIGN_ID }),
      new JourneyMetricsGrant(stack, 'J1', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, activityIds: ['welcome'] }),
      new JourneyMetricsGrant(stack, 'J2', {
        projectId: PROJECT_ID,
        journeyId: OTHER_JOURNEY_ID,
        kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
        metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
      }),
    ];
    grants.forEach((grant) => grant.grantTo(role));
    const alone = grants.map((grant, i) => {
      const own = newRole(stack, `Alone${i}`);
      grant.grantTo(own);
      return own;
    });
    const template = templateOf(stack);

    // THEN every request near the granted resources gets the same decision from the merged policy as from the union
    const requests: Array<[string, string]> = [];
    for (const p of [PROJECT_ID, OTHER_PROJECT_ID]) {
      for (const c of [CAMPAIGN_ID, OTHER_CAMPAIGN_ID]) {
        for (const kpi of ['sms-spend', 'email-open-rate']) {
          requests.push([GET_CAMPAIGN_KPI, arns.campaignKpi(p, c, kpi)]);
        }
      }
      for (const j of [JOURNEY_ID, OTHER_JOURNEY_ID]) {
        requests.push([GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-opened')]);
        requests.push([GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-sent')]);
        requests.push([GET_JOURNEY_EXECUTION, arns.journeyExecution(p, j)]);
        requests.push([GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, 'welcome')]);
        requests.push([GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, 'other')]);
      }
    }
    const merged = identityPoliciesOf(template, logicalIdOf(role));
    const separate = alone.map((own) => identityPoliciesOf(template, logicalIdOf(own)));
    let allowedCount = 0;
    for (const [action, arn] of requests) {
      const union = (await Promise.all(separate.map((policies) => decide(policies, action, arn)))).includes('Allowed');
      const decision = await decide(merged, action, arn);
      expect(`${action} ${arn}: ${decision}`).toBe(`${action} ${arn}: ${union ? 'Allowed' : 'ImplicitlyDenied'}`);
      allowedCount += union ? 1 : 0;
    }
    // the requests include both outcomes, so the comparison can fail either way
    expect(allowedCount).toBeGreaterThan(3);
    expect(allowedCount).toBeLessThan(requests.length - 3);
  });
});

describe('idempotence', () => {
  test('granting the same grant twice, or an identical grant, changes nothing', () => {
    const once = testStack();
    const onceRole = newRole(once);
    new CampaignKpiGrant(once, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(onceRole);
    new JourneyMetricsGrant(once, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(onceRole);

    const twice = testStack();
    const twiceRole = newRole(twice);
    const campaign = new CampaignKpiGrant(twice, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
    campaign.grantTo(twiceRole);
    campaign.grantTo(twiceRole);
    new JourneyMetricsGrant(twice, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(twiceRole);
    new JourneyMetricsGrant(twice, 'SameJourney', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(twiceRole);

    expect(templateOf(twice).toJSON()).toEqual(templateOf(once).toJSON());
  });

  test('the same ARN as two different tokens (an environment-agnostic stack) is one resource', async () => {
    // GIVEN the same campaign granted through two constructs: each ARN is a distinct token (partition, region, account)
    const stack = envAgnosticStack();
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'A', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'B', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);

    // THEN the statement names the campaign once
    const template = templateOf(stack);
    const [statement] = policyDocuments(template).flatMap(({ document }) => document.Statement);
    expect([statement.Resource].flat()).toHaveLength(1);
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'))).toBe('Allowed');
  });
});

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

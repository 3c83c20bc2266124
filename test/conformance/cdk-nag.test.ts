/**
 * cdk-nag's AwsSolutions checks on stacks that use the constructs.
 *
 * cdk-nag 3 is a policy validation plugin (`Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`): a finding
 * fails `cdk synth`, and a finding is acknowledged with `Validations.of(construct).acknowledge({ id, reason })`, one
 * acknowledgment per finding (`AwsSolutions-IAM5[Resource::<arn>]`), on the construct that owns the policy or any of
 * its ancestors. (cdk-nag 2's `NagSuppressions` and `appliesTo` are gone in 3.)
 *
 * KPI-scoped grants name every resource exactly and produce no finding at all; grants that keep a wildcard (`kpis/*`,
 * every campaign, journey or activity, every project, every region) produce exactly one IAM5 finding per wildcard
 * resource and nothing else.
 *
 * How a finding is printed and which IDs acknowledge it depend on aws-cdk-lib, not on cdk-nag: aws-cdk-lib 2.269.0
 * changed them (CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE in ./util). The tests run against the floor (`npm test`) and the
 * newest release (`npx projen test:newest-cdk`), and where the releases differ they expect what the aws-cdk-lib they
 * run against does; docs/cdk-nag.md says the same.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  AnalyticsMetrics,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  CAMPAIGN_ID,
  CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE,
  CDK_VERSION,
  cdkVersionAtLeast,
  JOURNEY_ID,
  newGroup,
  newRole,
  newUser,
  PROJECT_ID,
  synthesizeValidated,
  testApp,
  testStack,
} from '../support';

/**
 * Whether the aws-cdk-lib under test is 2.269.0 or newer: findings printed with the plugin's prefix, `::` inside
 * brackets accepted, acknowledgements applied only under their scope.
 */
const SCOPED_ACKNOWLEDGEMENTS = cdkVersionAtLeast(CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE);

interface Finding {
  readonly rule: string;
  readonly path: string;
}

/**
 * The ID that `cdk synth` prints after "Acknowledge with" for a cdk-nag finding: the rule's name, prefixed with the
 * plugin's name (`AwsSolutions::`) from aws-cdk-lib 2.269.0 on.
 */
function printedId(rule: string): string {
  return SCOPED_ACKNOWLEDGEMENTS ? `AwsSolutions::${rule}` : rule;
}

/**
 * Synthesizes `app` with the AwsSolutions checks as users run them, and returns the findings that synthesis reports
 * (those no acknowledgement covered), read from the validation report. Also checks that synthesis fails exactly when
 * there is a finding, and then prints, for each, the ID to acknowledge it with.
 */
function nagFindings(app: App): Finding[] {
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  const { error, violations } = synthesizeValidated(app);
  const findings = violations.map((v) => {
    // Nothing but cdk-nag's findings: aws-cdk-lib's CloudFormation rules find nothing in these stacks.
    expect(v.plugin).toBe(checks.name);
    return { rule: v.rule, path: v.path };
  });
  // `cdk synth` fails exactly when there is a finding, and then with cdk-nag's report.
  expect({ synthFailed: error !== undefined, findings: findings.length > 0 })
    .toEqual({ synthFailed: findings.length > 0, findings: findings.length > 0 });
  const printed = [...(error?.message ?? '').matchAll(/Acknowledge with '([^']*)'/g)].map((m) => m[1]);
  expect(new Set(printed)).toEqual(new Set(findings.map((f) => printedId(f.rule))));
  return findings;
}

const ARN = 'arn:aws:mobiletargeting:us-east-1:123456789012';
const iam5 = (resource: string, path: string): Finding => ({ rule: `AwsSolutions-IAM5[Resource::${resource}]`, path });

function setup() {
  const app = testApp();
  const stack = testStack(app);
  const role = newRole(stack, 'Role');
  const user = newUser(stack, 'User');
  const group = newGroup(stack, 'Group');
  return { app, stack, role, user, group };
}

describe('KPI-scoped grants produce no cdk-nag finding', () => {
  test('campaign KPIs, journey KPIs and activities named, journey execution metrics, to a role, a user and a group', () => {
    // GIVEN
    const { app, stack, role, user, group } = setup();

    // WHEN
    new CampaignKpiGrant(stack, 'CampaignKpis', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.of('new-kpi')],
    }).grantTo(role);
    new JourneyMetricsGrant(stack, 'JourneyMetrics', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED], activityIds: ['welcome-email'],
    }).grantTo(user);
    new JourneyMetricsGrant(stack, 'JourneyExecution', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    }).grantTo(group);

    // THEN
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('grants with a wildcard produce only the expected IAM5 findings', () => {
  test('every KPI of a campaign (kpis/*), in the grantee\'s policy', () => {
    const { app, stack, role } = setup();
    new CampaignKpiGrant(stack, 'CampaignKpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    expect(nagFindings(app)).toEqual([
      iam5(`${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`, 'TestStack/Role/DefaultPolicy/Resource'),
    ]);
  });

  test('every engagement KPI and every activity of a journey', () => {
    const { app, stack, user } = setup();
    new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(user);
    expect(nagFindings(app)).toEqual([
      iam5(`${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/*/execution-metrics`, 'TestStack/User/DefaultPolicy/Resource'),
      iam5(`${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/*`, 'TestStack/User/DefaultPolicy/Resource'),
    ]);
  });

  test('the project KPIs of one project, in the managed policy', () => {
    const { app, stack, group } = setup();
    new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
      .grantTo(group);
    expect(nagFindings(app)).toEqual([
      iam5(`${ARN}:apps/${PROJECT_ID}/kpis/*`, 'TestStack/Read/Resource/Resource'),
    ]);
  });

  test('every project in every region, with the console\'s reports', () => {
    const { app, stack, role } = setup();
    new PinpointAnalyticsReadPolicy(stack, 'Read', { regions: ['*'], includeConsoleReports: true }).grantTo(role);
    const anyRegion = 'arn:aws:mobiletargeting:*:123456789012';
    expect(nagFindings(app)).toEqual([
      iam5(`${anyRegion}:apps/*/campaigns/*/kpis/*`, 'TestStack/Read/Resource/Resource'),
      iam5(`${anyRegion}:apps/*/journeys/*/activities/*/execution-metrics`, 'TestStack/Read/Resource/Resource'),
      iam5(`${anyRegion}:apps/*/journeys/*/execution-metrics`, 'TestStack/Read/Resource/Resource'),
      iam5(`${anyRegion}:apps/*/journeys/*/kpis/*`, 'TestStack/Read/Resource/Resource'),
      iam5(`${anyRegion}:apps/*/kpis/*`, 'TestStack/Read/Resource/Resource'),
      iam5(`${anyRegion}:reports`, 'TestStack/Read/Resource/Resource'),
    ]);
  });
});

describe('acknowledging the IAM5 findings with a reason', () => {
  test('on the PinpointAnalyticsReadPolicy: synthesis succeeds', () => {
    const { app, stack, role } = setup();
    const readAnalytics = new PinpointAnalyticsReadPolicy(stack, 'DashboardAnalytics', {
      projectIds: [PROJECT_ID], metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
    });
    readAnalytics.grantTo(role);
    Validations.of(readAnalytics).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${ARN}:apps/${PROJECT_ID}/kpis/*]`,
        reason: 'The dashboard shows every KPI of this project.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/*]`,
        reason: 'The dashboard shows every campaign of this project; campaigns come and go without a deployment.',
      },
    );
    expect(nagFindings(app)).toEqual([]);
  });

  test('on the grantee, for a grant that goes into the grantee\'s own policy', () => {
    const { app, stack, role } = setup();
    new CampaignKpiGrant(stack, 'CampaignKpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*]`,
      reason: 'Reports show every KPI of the spring sale campaign.',
    });
    expect(nagFindings(app)).toEqual([]);
  });

  test('an acknowledgment covers only the finding it names', () => {
    const { app, stack, role } = setup();
    const readAnalytics = new PinpointAnalyticsReadPolicy(stack, 'DashboardAnalytics', {
      projectIds: [PROJECT_ID], metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
    });
    readAnalytics.grantTo(role);
    Validations.of(readAnalytics).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${ARN}:apps/${PROJECT_ID}/kpis/*]`,
      reason: 'The dashboard shows every KPI of this project.',
    });
    // A bare rule ID acknowledges nothing in cdk-nag 3.
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'too broad' });
    expect(nagFindings(app)).toEqual([
      iam5(`${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/*`, 'TestStack/DashboardAnalytics/Resource/Resource'),
    ]);
  });

  test('docs/cdk-nag.md\'s example: a stack with an env and partition literals, the ID as `cdk synth` prints it', () => {
    const { app, readAnalytics } = readmeExample({ partitionLiterals: true });
    Validations.of(readAnalytics).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:aws:mobiletargeting:us-east-1:123456789012:'
        + 'apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/campaigns/*/kpis/*]',
      reason: 'The dashboard shows the KPIs of every campaign of this project; campaigns are added without a deployment.',
    });
    expect(nagFindings(app)).toEqual([]);
  });
});

/**
 * docs/cdk-nag.md's example, in an app as users make it: no test context but partition literals (or not), in a stack with
 * an environment (or not), and a second stack to acknowledge on.
 */
function readmeExample(options: { partitionLiterals: boolean; env?: boolean }) {
  const app = new App({ context: options.partitionLiterals ? { '@aws-cdk/core:enablePartitionLiterals': true } : {} });
  const env = options.env ?? true ? { account: '123456789012', region: 'us-east-1' } : undefined;
  const stack = new Stack(app, 'Dashboard', { env });
  const role = newRole(stack, 'Role');
  const readAnalytics = new PinpointAnalyticsReadPolicy(stack, 'DashboardAnalytics', {
    projectIds: ['a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'],
    metrics: [AnalyticsMetrics.CAMPAIGN_KPIS],
  });
  readAnalytics.grantTo(role);
  const otherStack = new Stack(app, 'Other', { env });
  newRole(otherStack, 'Role');
  return { app, readAnalytics, otherStack };
}

const EXAMPLE_ARN = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/campaigns/*/kpis/*';
const EXAMPLE_PATH = 'Dashboard/DashboardAnalytics/Resource/Resource';

describe(`what aws-cdk-lib ${CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE} changed (this run: aws-cdk-lib ${CDK_VERSION})`, () => {
  test('the ID printed after "Acknowledge with" carries the plugin\'s name from 2.269.0 on', () => {
    // The printed ID of every finding is checked by nagFindings; here it is spelled out.
    const { app } = readmeExample({ partitionLiterals: true });
    const checks = new AwsSolutionsChecks(app);
    Validations.of(app).addPlugins(checks);
    const { error } = synthesizeValidated(app);
    expect(error?.message).toContain(SCOPED_ACKNOWLEDGEMENTS
      ? `Acknowledge with 'AwsSolutions::AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]'`
      : `Acknowledge with 'AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]'`);
  });

  test('the plugin-prefixed ID acknowledges from 2.269.0 on; before, acknowledge() refuses its second \'::\'', () => {
    const { app, readAnalytics } = readmeExample({ partitionLiterals: true });
    const ack = () => Validations.of(readAnalytics).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]`,
      reason: 'every campaign of the project',
    });
    if (SCOPED_ACKNOWLEDGEMENTS) {
      ack();
      expect(nagFindings(app)).toEqual([]);
    } else {
      expect(ack).toThrow(/'::' delimiter is reserved/);
      expect(nagFindings(app)).toEqual([{ rule: `AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]`, path: EXAMPLE_PATH }]);
    }
  });

  test('without partition literals the ID holds <AWS::Partition>: acknowledged as printed from 2.269.0 on, refused before', () => {
    // cdk-nag 3 names the finding after the unresolved partition. Up to 2.268, aws-cdk-lib's acknowledge() reserves
    // its '::', so docs/cdk-nag.md asks for partition literals there; from 2.269.0 it accepts '::' inside brackets.
    const { app, readAnalytics } = readmeExample({ partitionLiterals: false });
    const rule = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:mobiletargeting:us-east-1:123456789012:'
      + 'apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/campaigns/*/kpis/*]';
    const ack = () => Validations.of(readAnalytics).acknowledge({ id: rule, reason: 'every campaign' });
    if (SCOPED_ACKNOWLEDGEMENTS) {
      ack();
      expect(nagFindings(app)).toEqual([]);
    } else {
      expect(ack).toThrow(/'::' delimiter is reserved/);
      expect(nagFindings(app)).toEqual([{ rule, path: EXAMPLE_PATH }]);
    }
  });

  test('a stack without env: the printed ID, tokens and all, acknowledges from 2.269.0 on; refused before', () => {
    const { app, readAnalytics } = readmeExample({ partitionLiterals: false, env: false });
    const rule = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:mobiletargeting:<AWS::Region>:<AWS::AccountId>:'
      + 'apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/campaigns/*/kpis/*]';
    const ack = () => Validations.of(readAnalytics).acknowledge({ id: printedId(rule), reason: 'every campaign' });
    if (SCOPED_ACKNOWLEDGEMENTS) {
      ack();
      expect(nagFindings(app)).toEqual([]);
    } else {
      expect(ack).toThrow(/'::' delimiter is reserved/);
      expect(nagFindings(app)).toEqual([{ rule, path: EXAMPLE_PATH }]);
    }
  });

  test('an acknowledgement on another stack covers the finding up to 2.268 (matched by ID), not from 2.269.0 on', () => {
    const { app, otherStack } = readmeExample({ partitionLiterals: true });
    Validations.of(otherStack).acknowledge({ id: `AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]`, reason: 'wrong place' });
    expect(nagFindings(app)).toEqual(SCOPED_ACKNOWLEDGEMENTS
      ? [{ rule: `AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]`, path: EXAMPLE_PATH }]
      : []);
  });

  test('an acknowledgement on an ancestor (the app) covers the finding on every version', () => {
    const { app } = readmeExample({ partitionLiterals: true });
    Validations.of(app).acknowledge({ id: `AwsSolutions-IAM5[Resource::${EXAMPLE_ARN}]`, reason: 'every campaign' });
    expect(nagFindings(app)).toEqual([]);
  });
});

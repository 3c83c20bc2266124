/**
 * aws-cdk-lib's built-in CloudFormation rules (`@aws-cdk/core:validateAgainstDefaultRules`, on in testApp() and in
 * cdk.json) on what the library synthesizes, against the floor and the newest aws-cdk-lib. The rules differ by
 * release, and each test expects what the aws-cdk-lib it runs against does:
 *
 * - W3696 (a warning on every `AWS::Pinpoint::*` resource: Pinpoint's end of support) is there on every release tested;
 *   the library creates no Pinpoint resource, so only a user's own L1 resources raise it.
 * - E3510 (IAM policy documents; among its checks, a Sid used twice in one policy is an error) exists from aws-cdk-lib
 *   2.268.0 on. Before, nothing in aws-cdk-lib catches a repeated Sid, so the library's own tests check its Sids.
 * - From 2.269.0 an acknowledgement covers only the resources under the construct it is given on; before, it covers
 *   its rule anywhere in the app.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
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
  CDK_E3510_SINCE,
  CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE,
  CDK_VERSION,
  cdkVersionAtLeast,
  hexId,
  JOURNEY_ID,
  newGroup,
  newRole,
  newUser,
  policyDocuments,
  PROJECT_ID,
  synthesizeValidated,
  templateOf,
  testApp,
  testStack,
  Violation,
} from '../support';

const CFN_VALIDATE = 'CloudFormation Validate';

/** A stack with every construct of the library, granted to a role, a user and a group. */
function stackWithEveryConstruct(app: App = testApp(), id = 'TestStack'): Stack {
  const stack = testStack(app, id);
  const role = newRole(stack, 'Role');
  const user = newUser(stack, 'User');
  const group = newGroup(stack, 'Group');
  new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], includeConsoleReports: true }).grantTo(role);
  new PinpointAnalyticsReadPolicy(stack, 'ReadEverywhere', { regions: ['*'] }).grantTo(group);
  new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
  new CampaignKpiGrant(stack, 'CampaignKpis', {
    projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.EMAIL_OPEN_RATE],
  }).grantTo(user);
  new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(role);
  new JourneyMetricsGrant(stack, 'JourneyKpis', {
    projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED], activityIds: ['welcome-email'],
  }).grantTo(group);
  return stack;
}

/** A stack with a Pinpoint project defined as an L1 resource, and a grant on it. */
function stackWithPinpointProject(app: App, id = 'TestStack'): Stack {
  const stack = testStack(app, id);
  const project = new pinpoint.CfnApp(stack, 'Project', { name: 'spring-sale' });
  new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [project.ref], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
    .grantTo(newRole(stack, 'Role'));
  return stack;
}

const w3696 = (path: string): Violation => ({ plugin: CFN_VALIDATE, rule: 'W3696', severity: 'warning', path });

describe(`W3696, AWS::Pinpoint::* resources (this run: aws-cdk-lib ${CDK_VERSION})`, () => {
  test('the library creates no Pinpoint resource: every construct synthesizes without any CloudFormation rule', () => {
    // GIVEN every construct, granted to a role, a user and a group
    const app = testApp();
    stackWithEveryConstruct(app);
    // WHEN
    const { error, violations, acknowledged } = synthesizeValidated(app);
    // THEN nothing to report and nothing acknowledged
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([]);
  });

  test('a Pinpoint project defined as an L1 resource raises W3696, a warning, on that resource only', () => {
    const app = testApp();
    stackWithPinpointProject(app);
    const { error, violations } = synthesizeValidated(app);
    expect(error).toBeUndefined();
    expect(violations).toEqual([w3696('TestStack/Project')]);
  });

  test('W3696 acknowledged on the stack, as examples/l1-resources does, is covered on every version', () => {
    const app = testApp();
    const stack = stackWithPinpointProject(app);
    Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'kept while migrating' });
    const { violations, acknowledged } = synthesizeValidated(app);
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([{ ...w3696('TestStack/Project'), acknowledgedId: 'CloudFormation-Validate::W3696' }]);
  });

  test(`W3696 acknowledged on another stack: covered up to 2.268 (by rule, anywhere), not from ${CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE}`, () => {
    const app = testApp();
    stackWithPinpointProject(app);
    const other = stackWithEveryConstruct(app, 'OtherStack');
    Validations.of(other).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'in the wrong place' });
    const { violations, acknowledged } = synthesizeValidated(app);
    if (cdkVersionAtLeast(CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE)) {
      expect(violations).toEqual([w3696('TestStack/Project')]);
      expect(acknowledged).toEqual([]);
    } else {
      expect(violations).toEqual([]);
      expect(acknowledged).toEqual([{ ...w3696('TestStack/Project'), acknowledgedId: 'CloudFormation-Validate::W3696' }]);
    }
  });
});

describe(`E3510, IAM policy documents: duplicate Sids (this run: aws-cdk-lib ${CDK_VERSION})`, () => {
  test(`a Sid used twice in one policy fails synthesis from aws-cdk-lib ${CDK_E3510_SINCE} on; before, no rule sees it`, () => {
    // GIVEN a hand-written policy (an L1, so that aws-cdk-lib's own statement handling does not touch it)
    const app = testApp();
    const stack = testStack(app);
    new iam.CfnManagedPolicy(stack, 'Duplicate', {
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
          { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' },
        ],
      },
    });
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN
    if (cdkVersionAtLeast(CDK_E3510_SINCE)) {
      expect(error?.message).toContain("PolicyDocument.Statement.1.Sid: 'Read' is a duplicate of Statement.0.Sid");
      expect(violations).toEqual([{ plugin: CFN_VALIDATE, rule: 'E3510', severity: 'error', path: 'TestStack/Duplicate' }]);
    } else {
      expect(error).toBeUndefined();
      expect(violations).toEqual([]);
    }
  });

  test('many grants of every kind on one role, user and group: no policy repeats a Sid, and no rule reports one', () => {
    // GIVEN grants enough to cut the role's campaign statement into several (Sids QueryCampaignAnalytics,
    // QueryCampaignAnalytics2, ...) and to split its policy, and grants to an imported role (a policy of its own)
    const app = testApp();
    const stack = stackWithEveryConstruct(app);
    const grantee = stack.node.findChild('Role') as iam.Role;
    const importedRole = iam.Role.fromRoleName(stack, 'ImportedRole', 'imported');
    for (let i = 0; i < 120; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(grantee);
      new JourneyMetricsGrant(stack, `Journey${i}`, {
        projectId: PROJECT_ID, journeyId: hexId('d', i), metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
      }).grantTo(i % 2 === 0 ? grantee : importedRole);
    }
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN the Sids of every policy document are unique (checked here on every version; E3510 checks it from 2.268)
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const documents = policyDocuments(templateOf(stack));
    const sids = documents.map(({ name, document }) => ({
      name, sids: document.Statement.map((s: any) => s.Sid).filter((sid: unknown) => sid !== undefined),
    }));
    expect(sids.some(({ sids: s }) => s.includes('QueryCampaignAnalytics2'))).toBe(true);
    for (const { name, sids: s } of sids) {
      expect({ name, repeated: s.filter((sid: string, i: number) => s.indexOf(sid) !== i) }).toEqual({ name, repeated: [] });
    }
  });
});

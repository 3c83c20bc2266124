import { CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AnalyticsMetrics, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  envAgnosticStack,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  logicalIdOf,
  mobiletargetingStatements,
  OTHER_ACCOUNT,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  templateOf,
  templateText,
  testStack,
} from '../support';

const ALL_FIVE = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION];

/** The five resource paths of the developer guide, after `apps/`, for project `p`. */
const fivePaths = (p: string) => [
  `${p}/kpis/*`,
  `${p}/campaigns/*/kpis/*`,
  `${p}/journeys/*/kpis/*`,
  `${p}/journeys/*/execution-metrics`,
  `${p}/journeys/*/activities/*/execution-metrics`,
];

const arn = (region: string, account: string, resource: string) => `arn:aws:mobiletargeting:${region}:${account}:${resource}`;

/** `Fn::Join` of an ARN in an environment-agnostic stack: partition, region and account from pseudo parameters. */
const agnosticArn = (resource: string) => ({
  'Fn::Join': ['', [
    'arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
    `:${resource}`,
  ]],
});

function role(scope: Parameters<typeof testStack>[0] | any, id = 'Role'): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.AccountRootPrincipal() });
}

describe('PinpointAnalyticsReadPolicy', () => {
  describe('snapshots', () => {
    test('one project, two kinds and console reports, granted to a role, matches the snapshot', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'DashboardAnalytics', {
        projectIds: [PROJECT_ID],
        metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
        includeConsoleReports: true,
        managedPolicyName: 'dashboard-analytics',
        description: 'Reads Pinpoint analytics of the dashboard project',
      }).grantTo(role(stack, 'DashboardRole'));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });

    test('the defaults in an environment-agnostic stack, granted to a role, match the snapshot', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics').grantTo(role(stack));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });

  describe('defaults', () => {
    test('creates one managed policy with the five analytics actions on every project of the stack\'s region and account', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      // THEN
      const template = templateOf(stack);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'QueryAllAnalytics',
            Effect: 'Allow',
            Action: ALL_FIVE,
            Resource: fivePaths('*').map((p) => arn(REGION, ACCOUNT, `apps/${p}`)),
          }],
        },
      });
      expect(logicalIdOf(readPolicy.managedPolicy)).toEqual(
        Object.keys(template.findResources('AWS::IAM::ManagedPolicy'))[0]);
    });

    test('grants no console reports, no other action, no NotAction/NotResource and no Resource "*"', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics').grantTo(role(stack));
      // THEN
      const statements = mobiletargetingStatements(templateOf(stack));
      expect(statements).toHaveLength(1);
      for (const statement of statements) {
        expect(statement).not.toHaveProperty('NotAction');
        expect(statement).not.toHaveProperty('NotResource');
        expect([statement.Resource].flat()).not.toContain('*');
        expect([statement.Action].flat()).toEqual(ALL_FIVE);
      }
    });

    test('sets no name (CloudFormation generates one) and an empty description', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: Match.absent(),
        Description: '',
      });
    });
  });

  describe('environment-agnostic stacks', () => {
    test('ARNs take partition, region and account from pseudo parameters, never a literal arn:aws', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { projectIds: [PROJECT_ID], includeConsoleReports: true });
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            { Sid: 'QueryProjectAnalytics', Action: ALL_FIVE, Resource: fivePaths(PROJECT_ID).map((p) => agnosticArn(`apps/${p}`)) },
            { Sid: 'ViewAnalyticsConsoleReports', Action: GET_REPORTS, Resource: agnosticArn('reports') },
          ],
        },
      });
      expect(templateText(template)).not.toContain('arn:aws');
    });

    test('regions [\'*\'] keeps the partition and account tokens and puts * in the region', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { regions: ['*'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [{
            Action: GET_APPLICATION_KPI,
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:*:', { Ref: 'AWS::AccountId' }, ':apps/*/kpis/*']],
            },
          }],
        },
      });
    });

    test('an account keeps the partition and region tokens and puts the account in the ARN', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { account: OTHER_ACCOUNT, metrics: [AnalyticsMetrics.APPLICATION_KPIS] });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [{
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, `:${OTHER_ACCOUNT}:apps/*/kpis/*`]],
            },
          }],
        },
      });
    });
  });

  describe('props', () => {
    test('projectIds: the five resources for each project, in the guide\'s order, with Sid QueryProjectAnalytics', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { projectIds: [PROJECT_ID, OTHER_PROJECT_ID] });
      // THEN
      const resources = ALL_FIVE.flatMap((_, kind) =>
        [PROJECT_ID, OTHER_PROJECT_ID].map((p) => arn(REGION, ACCOUNT, `apps/${fivePaths(p)[kind]}`)));
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Sid: 'QueryProjectAnalytics', Action: ALL_FIVE, Resource: resources }] },
      });
    });

    test('projectIds: a project named twice is listed once', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', {
        projectIds: [PROJECT_ID, PROJECT_ID],
        metrics: [AnalyticsMetrics.APPLICATION_KPIS],
      });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Resource: arn(REGION, ACCOUNT, `apps/${PROJECT_ID}/kpis/*`) }] },
      });
    });

    test('regions [\'*\']: every region, with the stack\'s account', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { regions: ['*'], projectIds: [PROJECT_ID] });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Resource: fivePaths(PROJECT_ID).map((p) => arn('*', ACCOUNT, `apps/${p}`)) }] },
      });
    });

    test('several regions: the resources of each region, and a reports resource per region', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', {
        regions: [REGION, OTHER_REGION],
        metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
        includeConsoleReports: true,
      });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            {
              // fewer than five kinds: the Sid names the actions
              Sid: 'QueryApplicationDateRangeKpiJourneyExecutionMetrics',
              Action: [GET_APPLICATION_KPI, GET_JOURNEY_EXECUTION],
              Resource: [
                arn(REGION, ACCOUNT, 'apps/*/kpis/*'),
                arn(OTHER_REGION, ACCOUNT, 'apps/*/kpis/*'),
                arn(REGION, ACCOUNT, 'apps/*/journeys/*/execution-metrics'),
                arn(OTHER_REGION, ACCOUNT, 'apps/*/journeys/*/execution-metrics'),
              ],
            },
            {
              Sid: 'ViewAnalyticsConsoleReports',
              Action: GET_REPORTS,
              Resource: [arn(REGION, ACCOUNT, 'reports'), arn(OTHER_REGION, ACCOUNT, 'reports')],
            },
          ],
        },
      });
    });

    test('account: every ARN names that account instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { account: OTHER_ACCOUNT, includeConsoleReports: true });
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            { Resource: fivePaths('*').map((p) => arn(REGION, OTHER_ACCOUNT, `apps/${p}`)) },
            { Resource: arn(REGION, OTHER_ACCOUNT, 'reports') },
          ],
        },
      });
      expect(templateText(template)).not.toContain(`:${ACCOUNT}:`);
    });

    test.each([
      [[AnalyticsMetrics.APPLICATION_KPIS], [GET_APPLICATION_KPI], ['apps/*/kpis/*']],
      [[AnalyticsMetrics.CAMPAIGN_KPIS], [GET_CAMPAIGN_KPI], ['apps/*/campaigns/*/kpis/*']],
      [[AnalyticsMetrics.JOURNEY_KPIS], [GET_JOURNEY_KPI], ['apps/*/journeys/*/kpis/*']],
      [[AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], [GET_JOURNEY_EXECUTION], ['apps/*/journeys/*/execution-metrics']],
      [[AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS], [GET_ACTIVITY_EXECUTION], ['apps/*/journeys/*/activities/*/execution-metrics']],
      [
        // given in another order, rendered in the guide's order
        [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.APPLICATION_KPIS],
        [GET_APPLICATION_KPI, GET_JOURNEY_KPI],
        ['apps/*/kpis/*', 'apps/*/journeys/*/kpis/*'],
      ],
    ])('metrics %j: only the action and resource of each kind', (metrics, actions, resources) => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { metrics });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [{
            Action: actions.length === 1 ? actions[0] : actions,
            Resource: resources.length === 1 ? arn(REGION, ACCOUNT, resources[0]) : resources.map((r) => arn(REGION, ACCOUNT, r)),
          }],
        },
      });
    });

    test('includeConsoleReports: a second statement grants GetReports on the reports resource', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { projectIds: [PROJECT_ID], includeConsoleReports: true });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Sid: 'QueryProjectAnalytics' }),
            { Sid: 'ViewAnalyticsConsoleReports', Effect: 'Allow', Action: GET_REPORTS, Resource: arn(REGION, ACCOUNT, 'reports') },
          ],
        },
      });
    });

    test('includeConsoleReports: false grants no GetReports', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { includeConsoleReports: false });
      // THEN
      expect(templateText(templateOf(stack))).not.toContain(GET_REPORTS);
    });

    test('managedPolicyName and description are the managed policy\'s name and description', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', {
        managedPolicyName: 'pinpoint-analytics-read',
        description: 'Reads Pinpoint analytics',
      });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: 'pinpoint-analytics-read',
        Description: 'Reads Pinpoint analytics',
      });
    });
  });

  describe('grantTo', () => {
    test('a role: attaches the managed policy from the role\'s side and adds nothing to the role\'s own policy', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      // WHEN
      const grant = readPolicy.grantTo(grantee);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: [{ Ref: logicalIdOf(readPolicy.managedPolicy) }] });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: Match.absent() });
      template.resourceCountIs('AWS::IAM::Policy', 0);
      expect(mobiletargetingStatements(template)).toHaveLength(1);
    });

    test('a Lambda function: attaches the managed policy to the function\'s role', () => {
      // GIVEN
      const stack = testStack();
      const fn = new lambda.Function(stack, 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
      });
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      const grant = readPolicy.grantTo(fn);
      // THEN
      expect(grant.success).toBe(true);
      expect(templateOf(stack).toJSON().Resources[logicalIdOf(fn.role!)].Properties.ManagedPolicyArns)
        .toContainEqual({ Ref: logicalIdOf(readPolicy.managedPolicy) });
    });

    test('a user: attaches the managed policy to the user', () => {
      // GIVEN
      const stack = testStack();
      const user = new iam.User(stack, 'User');
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      const grant = readPolicy.grantTo(user);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::User', { ManagedPolicyArns: [{ Ref: logicalIdOf(readPolicy.managedPolicy) }] });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Users: Match.absent(), Roles: Match.absent(), Groups: Match.absent() });
    });

    test('a group: attaches the managed policy to the group', () => {
      // GIVEN
      const stack = testStack();
      const group = new iam.Group(stack, 'Group');
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      const grant = readPolicy.grantTo(group);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Group', { ManagedPolicyArns: [{ Ref: logicalIdOf(readPolicy.managedPolicy) }] });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Users: Match.absent(), Roles: Match.absent(), Groups: Match.absent() });
    });

    test('one policy granted to several principals stays one managed policy attached to each', () => {
      // GIVEN
      const stack = testStack();
      const first = role(stack, 'First');
      const second = role(stack, 'Second');
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      // WHEN
      readPolicy.grantTo(first);
      readPolicy.grantTo(second);
      // THEN
      const template = templateOf(stack);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
      for (const grantee of [first, second]) {
        expect(template.toJSON().Resources[logicalIdOf(grantee)].Properties.ManagedPolicyArns)
          .toEqual([{ Ref: logicalIdOf(readPolicy.managedPolicy) }]);
      }
    });

    test('granting the same policy twice to one role attaches it once', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { includeConsoleReports: true });
      // WHEN
      readPolicy.grantTo(grantee);
      readPolicy.grantTo(grantee);
      // THEN
      expect(templateOf(stack).toJSON().Resources[logicalIdOf(grantee)].Properties.ManagedPolicyArns)
        .toEqual([{ Ref: logicalIdOf(readPolicy.managedPolicy) }]);
    });

    test('a mutable imported role of the stack\'s account: the managed policy is attached to it, and no statement is copied', () => {
      // GIVEN
      const stack = testStack();
      const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/ExistingDashboardRole`);
      // WHEN
      const grant = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', {
        projectIds: [PROJECT_ID],
        includeConsoleReports: true,
      }).grantTo(imported);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: ['ExistingDashboardRole'],
        PolicyDocument: {
          Statement: [
            { Sid: 'QueryProjectAnalytics', Effect: 'Allow', Action: ALL_FIVE, Resource: fivePaths(PROJECT_ID).map((p) => arn(REGION, ACCOUNT, `apps/${p}`)) },
            { Sid: 'ViewAnalyticsConsoleReports', Effect: 'Allow', Action: GET_REPORTS, Resource: arn(REGION, ACCOUNT, 'reports') },
          ],
        },
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
    });

    test('a principal that cannot take statements: the grant fails and nothing is attached or added', () => {
      // GIVEN
      const stack = testStack();
      const service: iam.IGrantable = { grantPrincipal: new iam.ServicePrincipal('lambda.amazonaws.com') };
      // WHEN
      const grant = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics').grantTo(service);
      // THEN
      expect(grant.success).toBe(false);
      expect(() => grant.assertSuccess()).toThrow();
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: Match.absent(), Users: Match.absent(), Groups: Match.absent(),
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
    });

    test('grant.applyBefore makes the resource depend on the managed policy', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics');
      const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SNS::Topic' });
      // WHEN
      readPolicy.grantTo(grantee).applyBefore(consumer);
      // THEN
      templateOf(stack).hasResource('AWS::SNS::Topic', {
        DependsOn: Match.arrayWith([logicalIdOf(readPolicy.managedPolicy)]),
      });
    });
  });

  describe('toPolicyStatements', () => {
    test('hands out new statements: changing them changes nothing in the managed policy', () => {
      // GIVEN
      const stack = testStack();
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] });
      // WHEN
      const statements = readPolicy.toPolicyStatements();
      statements[0].addActions('mobiletargeting:DeleteApp');
      statements[0].addResources('*');
      // THEN
      expect(readPolicy.toPolicyStatements().map((s) => stack.resolve(s.toStatementJson()))).toEqual([{
        Sid: 'QueryApplicationDateRangeKpi',
        Effect: 'Allow',
        Action: GET_APPLICATION_KPI,
        Resource: arn(REGION, ACCOUNT, 'apps/*/kpis/*'),
      }]);
      expect(templateText(templateOf(stack))).not.toContain('DeleteApp');
    });
  });
});

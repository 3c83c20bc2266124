/**
 * `PinpointAnalyticsReadPolicy`: the managed policy it creates (snapshots and fine-grained assertions), its props and
 * `toPolicyStatements`. Who receives a grant (roles, users, groups, functions, imported principals) is tested for every
 * construct in private/grant/delivery.test.ts, access in evaluator/constructs.test.ts.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AnalyticsMetrics, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  agnosticArn,
  envAgnosticStack,
  FLAG_SETS,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  logicalIdOf,
  mobiletargetingArn,
  mobiletargetingStatements,
  newRole,
  OTHER_ACCOUNT,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  templateOf,
  templateText,
  testApp,
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

describe('PinpointAnalyticsReadPolicy', () => {
  describe.each(FLAG_SETS)('snapshots, with $name', (flags) => {
    test('one project, two kinds and console reports, granted to a role, matches the snapshot', () => {
      // GIVEN
      const stack = testStack(testApp(flags.context));
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'DashboardAnalytics', {
        projectIds: [PROJECT_ID],
        metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
        includeConsoleReports: true,
        managedPolicyName: 'dashboard-analytics',
        description: 'Reads Pinpoint analytics of the dashboard project',
      }).grantTo(newRole(stack, 'DashboardRole'));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });

    test('the defaults in an environment-agnostic stack, granted to a role, match the snapshot', () => {
      // GIVEN
      const stack = envAgnosticStack(testApp(flags.context));
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics').grantTo(newRole(stack));
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
            Resource: fivePaths('*').map((p) => mobiletargetingArn(`apps/${p}`)),
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
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics').grantTo(newRole(stack));
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
        [PROJECT_ID, OTHER_PROJECT_ID].map((p) => mobiletargetingArn(`apps/${fivePaths(p)[kind]}`)));
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
        PolicyDocument: { Statement: [{ Resource: mobiletargetingArn(`apps/${PROJECT_ID}/kpis/*`) }] },
      });
    });

    test('regions [\'*\']: every region, with the stack\'s account', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'ReadAnalytics', { regions: ['*'], projectIds: [PROJECT_ID] });
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Resource: fivePaths(PROJECT_ID).map((p) => mobiletargetingArn(`apps/${p}`, '*', ACCOUNT)) }] },
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
                mobiletargetingArn('apps/*/kpis/*'),
                mobiletargetingArn('apps/*/kpis/*', OTHER_REGION),
                mobiletargetingArn('apps/*/journeys/*/execution-metrics'),
                mobiletargetingArn('apps/*/journeys/*/execution-metrics', OTHER_REGION),
              ],
            },
            {
              Sid: 'ViewAnalyticsConsoleReports',
              Action: GET_REPORTS,
              Resource: [mobiletargetingArn('reports'), mobiletargetingArn('reports', OTHER_REGION)],
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
            { Resource: fivePaths('*').map((p) => mobiletargetingArn(`apps/${p}`, REGION, OTHER_ACCOUNT)) },
            { Resource: mobiletargetingArn('reports', REGION, OTHER_ACCOUNT) },
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
            Resource: resources.length === 1 ? mobiletargetingArn(resources[0]) : resources.map((r) => mobiletargetingArn(r)),
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
            { Sid: 'ViewAnalyticsConsoleReports', Effect: 'Allow', Action: GET_REPORTS, Resource: mobiletargetingArn('reports') },
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
    test('one policy granted to several principals stays one managed policy attached to each', () => {
      // GIVEN
      const stack = testStack();
      const first = newRole(stack, 'First');
      const second = newRole(stack, 'Second');
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
        Resource: mobiletargetingArn('apps/*/kpis/*'),
      }]);
      expect(templateText(templateOf(stack))).not.toContain('DeleteApp');
    });
  });
});

/**
 * `JourneyMetricsGrant`: the statement it writes (snapshots and fine-grained assertions), its props and
 * `toPolicyStatements`. Who receives a grant (roles, users, groups, functions, imported principals) is tested for every
 * construct in private/grant/delivery.test.ts, access in evaluator/constructs.test.ts.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AnalyticsMetrics, JourneyKpi, JourneyMetricsGrant } from '../../lib';
import {
  ACCOUNT,
  agnosticArn,
  envAgnosticStack,
  FLAG_SETS,
  GET_ACTIVITY_EXECUTION,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingArn,
  mobiletargetingStatements,
  newGroup,
  newRole,
  OTHER_ACCOUNT,
  OTHER_JOURNEY_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  templateOf,
  templateText,
  testApp,
  testStack,
} from '../support';

const THREE_ACTIONS = [GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION];

const journeyArn = (resource: string, region = REGION, account = ACCOUNT, j = JOURNEY_ID) =>
  mobiletargetingArn(`apps/${PROJECT_ID}/journeys/${j}/${resource}`, region, account);

const journeyAgnosticArn = (resource: string) => agnosticArn(`apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/${resource}`);

function journeyGrant(stack: Stack, props: Partial<ConstructorParameters<typeof JourneyMetricsGrant>[2]> = {}, id = 'Journey') {
  return new JourneyMetricsGrant(stack, id, { projectId: PROJECT_ID, journeyId: JOURNEY_ID, ...props });
}

describe('JourneyMetricsGrant', () => {
  describe.each(FLAG_SETS)('snapshots, with $name', (flags) => {
    test('one KPI and one activity of a journey granted to a group match the snapshot', () => {
      // GIVEN
      const stack = testStack(testApp(flags.context));
      // WHEN
      journeyGrant(stack, {
        kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
        activityIds: ['welcome-email'],
      }).grantTo(newGroup(stack, 'Analysts'));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });

    test('every metric of a journey in an environment-agnostic stack, granted to a role, matches the snapshot', () => {
      // GIVEN
      const stack = envAgnosticStack(testApp(flags.context));
      // WHEN
      journeyGrant(stack).grantTo(newRole(stack));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });

  describe('defaults', () => {
    test('grants the three journey actions on the journey\'s KPIs, execution metrics and every activity\'s metrics', () => {
      // GIVEN
      const stack = testStack();
      const grantee = newRole(stack);
      // WHEN
      journeyGrant(stack).grantTo(grantee);
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalIdOf(grantee) }],
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryJourneyAnalytics',
            Effect: 'Allow',
            Action: THREE_ACTIONS,
            Resource: [journeyArn('kpis/*'), journeyArn('execution-metrics'), journeyArn('activities/*/execution-metrics')],
          }],
        },
      });
    });

    test('creates no resource of its own', () => {
      // GIVEN
      const stack = testStack();
      const notGranted = newRole(stack);
      // WHEN
      const grant = journeyGrant(stack);
      // THEN
      expect(grant.node.children).toHaveLength(0);
      const template = templateOf(stack);
      expect(Object.keys(template.toJSON().Resources)).toEqual([logicalIdOf(notGranted)]);
      expect(mobiletargetingStatements(template)).toEqual([]);
    });
  });

  describe('environment-agnostic stacks', () => {
    test('ARNs take partition, region and account from pseudo parameters, never a literal arn:aws', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      journeyGrant(stack).grantTo(newRole(stack));
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Action: THREE_ACTIONS,
            Resource: [journeyAgnosticArn('kpis/*'), journeyAgnosticArn('execution-metrics'), journeyAgnosticArn('activities/*/execution-metrics')],
          }],
        },
      });
      expect(templateText(template)).not.toContain('arn:aws');
    });

    test('region and account overrides replace the region and account tokens; the partition stays a token', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      journeyGrant(stack, {
        region: OTHER_REGION,
        account: OTHER_ACCOUNT,
        metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
      }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Resource: {
              'Fn::Join': ['', [
                'arn:', { Ref: 'AWS::Partition' },
                `:mobiletargeting:${OTHER_REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/execution-metrics`,
              ]],
            },
          }],
        },
      });
    });
  });

  describe('props', () => {
    test('kpis: one resource kpis/daterange/<name> per KPI instead of kpis/*; the other kinds stay whole', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, { kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED, JourneyKpi.JOURNEY_EMAILS_CLICKED] }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryJourneyAnalytics',
            Action: THREE_ACTIONS,
            Resource: [
              journeyArn('kpis/daterange/journey-emails-clicked'),
              journeyArn('kpis/daterange/journey-emails-opened'),
              journeyArn('execution-metrics'),
              journeyArn('activities/*/execution-metrics'),
            ],
          }],
        },
      });
    });

    test('activityIds: one resource activities/<id>/execution-metrics per activity instead of activities/*', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, { activityIds: ['welcome-email', 'reminder_sms', 'welcome-email'] }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Action: THREE_ACTIONS,
            Resource: [
              journeyArn('kpis/*'),
              journeyArn('execution-metrics'),
              journeyArn('activities/reminder_sms/execution-metrics'),
              journeyArn('activities/welcome-email/execution-metrics'),
            ],
          }],
        },
      });
    });

    test.each([
      [[AnalyticsMetrics.JOURNEY_KPIS], GET_JOURNEY_KPI, 'kpis/*'],
      [[AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], GET_JOURNEY_EXECUTION, 'execution-metrics'],
      [[AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS], GET_ACTIVITY_EXECUTION, 'activities/*/execution-metrics'],
    ])('metrics %j: only that action on its resource', (metrics, action, resource) => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, { metrics }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: action, Resource: journeyArn(resource) }] },
      });
    });

    test('metrics with two kinds, given out of order: those two actions in the guide\'s order', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, {
        metrics: [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_KPIS],
        kpis: [JourneyKpi.EMAILS_OPENED_GROUPED_BY_JOURNEY_ACTIVITY],
        activityIds: ['welcome-email'],
      }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Action: [GET_JOURNEY_KPI, GET_ACTIVITY_EXECUTION],
            Resource: [
              journeyArn('kpis/daterange/emails-opened-grouped-by-journey-activity'),
              journeyArn('activities/welcome-email/execution-metrics'),
            ],
          }],
        },
      });
    });

    test('region: every ARN names that region instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, { region: OTHER_REGION }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Resource: [
              journeyArn('kpis/*', OTHER_REGION),
              journeyArn('execution-metrics', OTHER_REGION),
              journeyArn('activities/*/execution-metrics', OTHER_REGION),
            ],
          }],
        },
      });
    });

    test('account: every ARN names that account instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      journeyGrant(stack, { account: OTHER_ACCOUNT }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Resource: [
              journeyArn('kpis/*', REGION, OTHER_ACCOUNT),
              journeyArn('execution-metrics', REGION, OTHER_ACCOUNT),
              journeyArn('activities/*/execution-metrics', REGION, OTHER_ACCOUNT),
            ],
          }],
        },
      });
    });
  });

  describe('grantTo', () => {
    test('two journeys granted to one role share one statement', () => {
      // GIVEN
      const stack = testStack();
      const grantee = newRole(stack);
      // WHEN
      journeyGrant(stack, {}, 'Onboarding').grantTo(grantee);
      journeyGrant(stack, { journeyId: OTHER_JOURNEY_ID }, 'Winback').grantTo(grantee);
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryJourneyAnalytics',
            Action: THREE_ACTIONS,
            Resource: Match.arrayWith([journeyArn('kpis/*'), journeyArn('kpis/*', REGION, ACCOUNT, OTHER_JOURNEY_ID)]),
          }],
        },
      });
      expect([mobiletargetingStatements(template)[0].Resource].flat()).toHaveLength(6);
    });
  });

  describe('toPolicyStatements', () => {
    test('hands out the statement of the developer guide, as a new object each time', () => {
      // GIVEN
      const stack = testStack();
      const grant = journeyGrant(stack);
      // WHEN
      grant.toPolicyStatements()[0].addActions('mobiletargeting:UpdateJourney');
      grant.grantTo(newRole(stack));
      // THEN
      expect(grant.toPolicyStatements().map((s) => stack.resolve(s.toStatementJson()))).toEqual([{
        Sid: 'QueryJourneyAnalytics',
        Effect: 'Allow',
        Action: THREE_ACTIONS,
        Resource: [journeyArn('kpis/*'), journeyArn('execution-metrics'), journeyArn('activities/*/execution-metrics')],
      }]);
      expect(templateText(templateOf(stack))).not.toContain('UpdateJourney');
    });
  });
});

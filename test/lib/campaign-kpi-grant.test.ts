/**
 * `CampaignKpiGrant`: the statement it writes (snapshots and fine-grained assertions), its props, `fromCfnCampaign`
 * and `toPolicyStatements`. Who receives a grant (roles, users, groups, functions, imported principals) is tested for
 * every construct in private/grant/delivery.test.ts, access in evaluator/constructs.test.ts.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { CampaignKpi, CampaignKpiGrant } from '../../lib';
import {
  ACCOUNT,
  acknowledgePinpointEndOfSupport,
  agnosticArn,
  CAMPAIGN_ID,
  envAgnosticStack,
  FLAG_SETS,
  GET_CAMPAIGN_KPI,
  logicalIdOf,
  mobiletargetingArn,
  mobiletargetingStatements,
  newFunction,
  newRole,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_REGION,
  pinpointCampaign,
  pinpointProject,
  PROJECT_ID,
  REGION,
  templateOf,
  templateText,
  testApp,
  testStack,
} from '../support';

const campaignArn = (resource: string, region = REGION, account = ACCOUNT, c = CAMPAIGN_ID) =>
  mobiletargetingArn(`apps/${PROJECT_ID}/campaigns/${c}/${resource}`, region, account);

const campaignAgnosticArn = (resource: string) => agnosticArn(`apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/${resource}`);

function cfnCampaign(stack: Stack): pinpoint.CfnCampaign {
  return pinpointCampaign(stack, pinpointProject(stack));
}

describe('CampaignKpiGrant', () => {
  describe.each(FLAG_SETS)('snapshots, with $name', (flags) => {
    test('two KPIs of one campaign granted to a Lambda function match the snapshot', () => {
      // GIVEN
      const stack = testStack(testApp(flags.context));
      // WHEN
      new CampaignKpiGrant(stack, 'SpringSaleKpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
      }).grantTo(newFunction(stack, 'ReportingFunction'));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });

    test('every KPI of one campaign in an environment-agnostic stack, granted to a role, matches the snapshot', () => {
      // GIVEN
      const stack = envAgnosticStack(testApp(flags.context));
      // WHEN
      new CampaignKpiGrant(stack, 'SpringSaleKpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(newRole(stack));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });

  describe('defaults', () => {
    test('grants GetCampaignDateRangeKpi on every KPI of the campaign, in the stack\'s region and account', () => {
      // GIVEN
      const stack = testStack();
      const grantee = newRole(stack);
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(grantee);
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalIdOf(grantee) }],
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryCampaignAnalytics',
            Effect: 'Allow',
            Action: GET_CAMPAIGN_KPI,
            Resource: campaignArn('kpis/*'),
          }],
        },
      });
    });

    test('creates no resource of its own, and nothing at all until granted', () => {
      // GIVEN
      const stack = testStack();
      const notGranted = newRole(stack);
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
      // THEN
      expect(grant.node.children).toHaveLength(0);
      const template = templateOf(stack);
      expect(Object.keys(template.toJSON().Resources)).toEqual([logicalIdOf(notGranted)]);
      expect(mobiletargetingStatements(template)).toEqual([]);
    });
  });

  describe('environment-agnostic stacks', () => {
    test('the ARN takes partition, region and account from pseudo parameters, never a literal arn:aws', () => {
      // GIVEN
      const stack = envAgnosticStack();
      const grantee = newRole(stack);
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.SMS_SPEND],
      }).grantTo(grantee);
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Action: GET_CAMPAIGN_KPI, Resource: campaignAgnosticArn('kpis/daterange/sms-spend') }] },
      });
      expect(templateText(template)).not.toContain('arn:aws');
    });

    test('region and account overrides replace the region and account tokens; the partition stays a token', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        region: OTHER_REGION,
        account: OTHER_ACCOUNT,
      }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Resource: {
              'Fn::Join': ['', [
                'arn:', { Ref: 'AWS::Partition' },
                `:mobiletargeting:${OTHER_REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`,
              ]],
            },
          }],
        },
      });
    });
  });

  describe('props', () => {
    test('kpis: one resource kpis/daterange/<name> per KPI, exactly, instead of kpis/*', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.UNIQUE_DELIVERIES, CampaignKpi.EMAIL_OPEN_RATE],
      }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryCampaignAnalytics',
            Action: GET_CAMPAIGN_KPI,
            Resource: Match.arrayEquals([
              campaignArn('kpis/daterange/email-open-rate'),
              campaignArn('kpis/daterange/unique-deliveries'),
            ].sort()),
          }],
        },
      });
    });

    test('kpis: a KPI named twice is granted once, and CampaignKpi.of takes a name with no constant', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.of('new-kpi-2030'), CampaignKpi.of('new-kpi-2030')],
      });
      grant.grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Resource: campaignArn('kpis/daterange/new-kpi-2030') }] },
      });
      expect(grant.toPolicyStatements().map((s) => s.resources)).toEqual([[campaignArn('kpis/daterange/new-kpi-2030')]]);
    });

    test('region: the ARN names that region instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, region: OTHER_REGION }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Resource: campaignArn('kpis/*', OTHER_REGION) }] },
      });
    });

    test('account: the ARN names that account instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Resource: campaignArn('kpis/*', REGION, OTHER_ACCOUNT) }] },
      });
    });
  });

  describe('fromCfnCampaign', () => {
    test('takes the project from the campaign\'s applicationId and the campaign from its CampaignId attribute', () => {
      // GIVEN
      const app = testApp();
      const stack = testStack(app);
      acknowledgePinpointEndOfSupport(app);
      const campaign = cfnCampaign(stack);
      const grantee = newRole(stack);
      // WHEN
      CampaignKpiGrant.fromCfnCampaign(stack, 'SpringSaleKpis', campaign).grantTo(grantee);
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryCampaignAnalytics',
            Action: GET_CAMPAIGN_KPI,
            Resource: {
              'Fn::Join': ['', [
                `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/`,
                { Ref: 'PinpointApp' },
                '/campaigns/',
                { 'Fn::GetAtt': ['SpringSale', 'CampaignId'] },
                '/kpis/*',
              ]],
            },
          }],
        },
      });
    });

    test('passes kpis, region and account on', () => {
      // GIVEN
      const app = testApp();
      const stack = testStack(app);
      acknowledgePinpointEndOfSupport(app);
      const campaign = cfnCampaign(stack);
      // WHEN
      CampaignKpiGrant.fromCfnCampaign(stack, 'SpringSaleKpis', campaign, {
        kpis: [CampaignKpi.EMAIL_OPEN_RATE],
        region: OTHER_REGION,
        account: OTHER_ACCOUNT,
      }).grantTo(newRole(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Resource: {
              'Fn::Join': ['', [
                `arn:aws:mobiletargeting:${OTHER_REGION}:${OTHER_ACCOUNT}:apps/`,
                { Ref: 'PinpointApp' },
                '/campaigns/',
                { 'Fn::GetAtt': ['SpringSale', 'CampaignId'] },
                '/kpis/daterange/email-open-rate',
              ]],
            },
          }],
        },
      });
    });
  });

  describe('grantTo', () => {
    test('two campaigns granted to one role share one statement, one resource each', () => {
      // GIVEN
      const stack = testStack();
      const grantee = newRole(stack);
      // WHEN
      new CampaignKpiGrant(stack, 'Spring', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(grantee);
      new CampaignKpiGrant(stack, 'Autumn', { projectId: PROJECT_ID, campaignId: OTHER_CAMPAIGN_ID }).grantTo(grantee);
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Sid: 'QueryCampaignAnalytics',
            Action: GET_CAMPAIGN_KPI,
            Resource: Match.arrayEquals([campaignArn('kpis/*'), campaignArn('kpis/*', REGION, ACCOUNT, OTHER_CAMPAIGN_ID)].sort()),
          }],
        },
      });
    });
  });

  describe('toPolicyStatements', () => {
    test('hands out the statement of the developer guide, as a new object each time', () => {
      // GIVEN
      const stack = testStack();
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
      // WHEN
      grant.toPolicyStatements()[0].addActions('mobiletargeting:UpdateCampaign');
      grant.grantTo(newRole(stack));
      // THEN
      expect(grant.toPolicyStatements().map((s) => stack.resolve(s.toStatementJson()))).toEqual([{
        Sid: 'QueryCampaignAnalytics',
        Effect: 'Allow',
        Action: GET_CAMPAIGN_KPI,
        Resource: campaignArn('kpis/*'),
      }]);
      expect(templateText(templateOf(stack))).not.toContain('UpdateCampaign');
    });
  });
});

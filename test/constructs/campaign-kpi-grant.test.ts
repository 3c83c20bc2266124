import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { CampaignKpi, CampaignKpiGrant } from '../../lib';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  envAgnosticStack,
  GET_CAMPAIGN_KPI,
  logicalIdOf,
  mobiletargetingStatements,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  templateOf,
  templateText,
  testApp,
  testStack,
} from '../support';

const campaignArn = (resource: string, region = REGION, account = ACCOUNT, c = CAMPAIGN_ID) =>
  `arn:aws:mobiletargeting:${region}:${account}:apps/${PROJECT_ID}/campaigns/${c}/${resource}`;

const agnosticArn = (resource: string) => ({
  'Fn::Join': ['', [
    'arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
    `:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/${resource}`,
  ]],
});

function role(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
}

function reportingFunction(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'ReportingFunction', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

/** The policy resource that holds a role's, user's or group's default policy. */
function defaultPolicyId(principal: iam.Role | iam.User | iam.Group): string {
  return logicalIdOf(principal.node.findChild('DefaultPolicy'));
}

/** aws-cdk-lib reports AWS::Pinpoint::* resources (W3696, end of support): acknowledged where a test defines them. */
function acknowledgePinpointEndOfSupport(app: App): void {
  Validations.of(app).acknowledge({
    id: 'CloudFormation-Validate::W3696',
    reason: 'The test defines an AWS::Pinpoint::Campaign on purpose: users keep them while they migrate.',
  });
}

function cfnCampaign(stack: Stack): pinpoint.CfnCampaign {
  const app = new pinpoint.CfnApp(stack, 'PinpointApp', { name: 'marketing' });
  return new pinpoint.CfnCampaign(stack, 'SpringSale', {
    applicationId: app.ref,
    name: 'spring-sale',
    segmentId: 'segment',
    schedule: { startTime: 'IMMEDIATE' },
    messageConfiguration: { emailMessage: { title: 'Spring sale', body: 'Hello' } },
  });
}

describe('CampaignKpiGrant', () => {
  describe('snapshots', () => {
    test('two KPIs of one campaign granted to a Lambda function match the snapshot', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new CampaignKpiGrant(stack, 'SpringSaleKpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
      }).grantTo(reportingFunction(stack));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });

    test('every KPI of one campaign in an environment-agnostic stack, granted to a role, matches the snapshot', () => {
      // GIVEN
      const stack = envAgnosticStack();
      // WHEN
      new CampaignKpiGrant(stack, 'SpringSaleKpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role(stack));
      // THEN
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });

  describe('defaults', () => {
    test('grants GetCampaignDateRangeKpi on every KPI of the campaign, in the stack\'s region and account', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
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
      const notGranted = role(stack);
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
      const grantee = role(stack);
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', {
        projectId: PROJECT_ID,
        campaignId: CAMPAIGN_ID,
        kpis: [CampaignKpi.SMS_SPEND],
      }).grantTo(grantee);
      // THEN
      const template = templateOf(stack);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Action: GET_CAMPAIGN_KPI, Resource: agnosticArn('kpis/daterange/sms-spend') }] },
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
      }).grantTo(role(stack));
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
      }).grantTo(role(stack));
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
      grant.grantTo(role(stack));
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
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, region: OTHER_REGION }).grantTo(role(stack));
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Resource: campaignArn('kpis/*', OTHER_REGION) }] },
      });
    });

    test('account: the ARN names that account instead of the stack\'s', () => {
      // GIVEN
      const stack = testStack();
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT }).grantTo(role(stack));
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
      const grantee = role(stack);
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
      }).grantTo(role(stack));
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
    test('a role: one statement in the role\'s default policy, and a successful grant', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(grantee);
      // THEN
      expect(grant.success).toBe(true);
      const template = templateOf(stack);
      template.resourceCountIs('AWS::IAM::Policy', 1);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
      expect(mobiletargetingStatements(template)).toHaveLength(1);
    });

    test('a Lambda function: the statement goes into the function\'s role', () => {
      // GIVEN
      const stack = testStack();
      const fn = reportingFunction(stack);
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(fn);
      // THEN
      expect(grant.success).toBe(true);
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalIdOf(fn.role!) }],
        PolicyDocument: { Statement: [{ Action: GET_CAMPAIGN_KPI, Resource: campaignArn('kpis/*') }] },
      });
    });

    test('a user: the statement goes into the user\'s default policy', () => {
      // GIVEN
      const stack = testStack();
      const user = new iam.User(stack, 'User');
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(user);
      // THEN
      expect(grant.success).toBe(true);
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Users: [{ Ref: logicalIdOf(user) }],
        PolicyDocument: { Statement: [{ Sid: 'QueryCampaignAnalytics', Resource: campaignArn('kpis/*') }] },
      });
    });

    test('a group: the statement goes into the group\'s default policy', () => {
      // GIVEN
      const stack = testStack();
      const group = new iam.Group(stack, 'Group');
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(group);
      // THEN
      expect(grant.success).toBe(true);
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Groups: [{ Ref: logicalIdOf(group) }],
        PolicyDocument: { Statement: [{ Sid: 'QueryCampaignAnalytics', Resource: campaignArn('kpis/*') }] },
      });
    });

    test('an imported role: the statement goes into a new policy for that role name', () => {
      // GIVEN
      const stack = testStack();
      const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/ExistingReportingRole`);
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(imported);
      // THEN
      expect(grant.success).toBe(true);
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        Roles: ['ExistingReportingRole'],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: GET_CAMPAIGN_KPI, Resource: campaignArn('kpis/*') }] },
      });
    });

    test('a principal that cannot take statements: the grant fails and nothing is granted', () => {
      // GIVEN
      const stack = testStack();
      role(stack, 'Bystander');
      const service: iam.IGrantable = { grantPrincipal: new iam.ServicePrincipal('pinpoint.amazonaws.com') };
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(service);
      // THEN
      expect(grant.success).toBe(false);
      expect(() => grant.assertSuccess()).toThrow();
      expect(mobiletargetingStatements(templateOf(stack))).toEqual([]);
    });

    test('grant.applyBefore makes the resource depend on the role\'s default policy', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SNS::Topic' });
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(grantee).applyBefore(consumer);
      // THEN
      templateOf(stack).hasResource('AWS::SNS::Topic', { DependsOn: Match.arrayWith([defaultPolicyId(grantee)]) });
    });

    test('grant.applyBefore on a Lambda function\'s grant makes the resource depend on its role\'s default policy', () => {
      // GIVEN
      const stack = testStack();
      const fn = reportingFunction(stack);
      const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SNS::Topic' });
      // WHEN
      new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(fn).applyBefore(consumer);
      // THEN
      templateOf(stack).hasResource('AWS::SNS::Topic', { DependsOn: Match.arrayWith([defaultPolicyId(fn.role as iam.Role)]) });
    });

    test('two campaigns granted to one role share one statement, one resource each', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
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

    test('granting the same grant twice changes nothing', () => {
      // GIVEN
      const stack = testStack();
      const grantee = role(stack);
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
      // WHEN
      grant.grantTo(grantee);
      grant.grantTo(grantee);
      // THEN
      templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Sid: 'QueryCampaignAnalytics', Resource: campaignArn('kpis/*') }] },
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
      grant.grantTo(role(stack));
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

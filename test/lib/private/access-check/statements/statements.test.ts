/**
 * The statements the access check reads in a policy document (lib/private/access-check/statements/statements.ts):
 * single statements, Deny, conditions, names the Service Authorization Reference lacks, resources known only at deploy
 * time, NotResource, and statements of no interest. Observed through the access report of an app.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  newRole,
  PROJECT_ID,
  removeTestOutdirs,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PINPOINT_ARN as ARN,
  PROJECT_KPI_READ as READ,
} from '../../../../support';

afterEach(removeTestOutdirs);


describe('statements', () => {
  /** A role with a hand-made policy document. */
  function roleWith(document: any) {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    new iam.CfnPolicy(stack, 'Policy', { policyName: 'p', policyDocument: document, roles: [role.roleName] });
    return app;
  }

  test('a single statement object, Deny statements, conditions, an empty Sid and statements of no interest', () => {
    const app = roleWith({
      Statement: [
        { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/kpis/*`, Sid: '' },
        { Effect: 'Deny', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1` },
        { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        { Effect: 'Audit', Action: 'mobiletargeting:*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Resource: '*' },
        { Effect: 'Allow', Action: 'mobiletargeting:*' },
        'not a statement',
      ],
    });
    const { report } = synthWithValidator(app);
    const [role] = report.principals;
    expect(role.allows.map((a: any) => [a.action, a.statements])).toEqual([
      ['mobiletargeting:GetApplicationDateRangeKpi', ['TestStack/Policy#0']],
      ['mobiletargeting:GetReports', ['TestStack/Policy#2 (with a condition)']],
    ]);
    expect(role.denies.map((a: any) => [a.action, a.resources])).toEqual([
      ['mobiletargeting:GetApplicationDateRangeKpi', [`${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1`]],
    ]);

    const single = synthWithValidator(roleWith({ Statement: { Effect: 'Allow', Action: READ.actions, Resource: READ.resources } }));
    expect(single.report.principals[0].allows.map((a: any) => a.statements)).toEqual([['TestStack/Policy#0']]);
    expect(synthWithValidator(roleWith({ Version: '2012-10-17' })).report.principals).toEqual([]);
  });

  test('a Condition that is AWS::NoValue is no condition, with or without an unrelated Fn::If in the statement', () => {
    const noCondition = { Effect: 'Allow', Action: READ.actions, Resource: READ.resources, Condition: { Ref: 'AWS::NoValue' } };
    const statements = (statement: any) =>
      synthWithValidator(roleWith({ Statement: [statement] })).report.principals[0].allows.map((a: any) => a.statements);
    expect(statements(noCondition)).toEqual([['TestStack/Policy#0']]);
    expect(statements({ ...noCondition, Sid: { 'Fn::If': ['IsProd', 'Read', 'Read'] } })).toEqual([['TestStack/Policy#Read']]);
  });

  test('a name the Service Authorization Reference lacks, a resource known only at deploy time, and NotResource', () => {
    const app = roleWith({
      Statement: [
        { Effect: 'Allow', Action: 'mobiletargeting:GetCampaignKpis', Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/*` },
        { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: { 'Fn::ImportValue': 'CampaignArn' } },
        { Effect: 'Deny', Action: 'mobiletargeting:DeleteApp', NotResource: `${ARN}:apps/${PROJECT_ID}` },
      ],
    });
    const { report, markdown, findings } = synthWithValidator(app);
    expect(findings).toEqual([]);
    const [role] = report.principals;
    expect(role.allows.map((a: any) => [a.action, a.accessLevel, a.endOfSupport, a.resources])).toEqual([
      ['mobiletargeting:GetCampaign', 'Read', 'ended', ['${Import:CampaignArn}']],
      ['mobiletargeting:GetCampaignKpis', undefined, 'unknown', [`${ARN}:apps/${PROJECT_ID}/campaigns/*`]],
    ]);
    expect(role.denies.map((a: any) => a.resources)).toEqual([[`NotResource ${ARN}:apps/${PROJECT_ID}`]]);
    expect(role.scopes).toEqual([
      { label: 'a resource known at deploy time', analyticsReads: 0, otherActions: 1 },
      { label: `project ${PROJECT_ID}`, analyticsReads: 0, otherActions: 1 },
    ]);
    expect(markdown).toContain('`mobiletargeting:GetCampaignKpis` (not in the Service Authorization Reference)');
  });
});

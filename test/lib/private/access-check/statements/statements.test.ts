/**
 * The statements the access check reads in a policy document (lib/private/access-check/statements/statements.ts):
 * single statements, Deny, conditions, names the Service Authorization Reference lacks, resources known only at deploy
 * time, NotResource, and statements of no interest, observed through the access report of an app; then `readStatements`
 * itself on one document (what it reads of each statement, what it cannot read and why, documents written as JSON text)
 * and `whenLabel`.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { PolicyDocumentSource } from '../../../../../lib/private/access-check/sources/policy-sources';
import { readStatements, whenLabel } from '../../../../../lib/private/access-check/statements/statements';
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { ALWAYS } from '../../../../../lib/private/access-check/values/conditions';
import { TemplateSet } from '../../../../../lib/private/access-check/values/template-set';
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

describe('readStatements', () => {
  /** `document` as the PolicyDocument of `AWS::IAM::Policy` `Policy` in a template with `resources`. */
  function read(document: unknown, resources: Record<string, unknown> = {}) {
    const template: TemplateSource = {
      path: '/t/Stack.template.json',
      stackPath: 'Stack',
      env: {},
      json: { Resources: { ...resources, Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: document } } } },
    };
    const source: PolicyDocumentSource = {
      template, logicalId: 'Policy', location: 'Properties/PolicyDocument', where: 'Stack/Policy', document, when: ALWAYS, holders: [],
    };
    return readStatements(source, new TemplateSet([template]));
  }
  /** Each grant of each statement read: `<action>: <resource>, ...`. */
  const grantsOf = (document: unknown, resources: Record<string, unknown> = {}) => read(document, resources).statements
    .map((statement) => statement.grants.map((grant) => `${grant.action.action}: ${grant.resources.map((r) => r.text).join(', ')}`));
  const reasonsOf = (document: unknown) => read(document).unreadable.map((u) => u.reason);
  const REPORTS = `${ARN}:reports`;
  const GET_REPORTS = { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: REPORTS };

  test('a Statement list known only at deploy time cannot be read; a statement that grants nothing of Pinpoint is left out', () => {
    expect(read({ Statement: { Ref: 'Statements' } }).unreadable.map((u) => [u.ref, u.reason])).toEqual([
      ['Stack/Policy#0', 'the statements are known only at deploy time'],
    ]);
    const { statements, unreadable } = read({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, GET_REPORTS] });
    expect(statements.map((s) => s.ref)).toEqual(['Stack/Policy#1']);
    expect(unreadable).toEqual([]);
  });

  test('a statement with both Action and NotAction, or Resource and NotResource (IAM rejects it), is read by Action and Resource', () => {
    const [statement] = read({ Statement: [{ ...GET_REPORTS, NotAction: 's3:*', NotResource: `${ARN}:apps/*` }] }).statements;
    expect([statement.notAction, statement.notResource, statement.matchedActions]).toEqual([false, false, 1]);
    expect(grantsOf({ Statement: [{ ...GET_REPORTS, NotAction: 's3:*', NotResource: `${ARN}:apps/*` }] })).toEqual([
      [`mobiletargeting:GetReports: ${REPORTS}`],
    ]);
  });

  test('an action of several resource types applies to a resource of any; NotResource takes it away only by excluding them all', () => {
    const tag = { Effect: 'Allow', Action: 'mobiletargeting:TagResource' };
    expect(grantsOf({
      Statement: [
        { ...tag, Resource: `${ARN}:apps/${PROJECT_ID}` },
        // Every template, but not every project: TagResource is still allowed on projects.
        { ...tag, NotResource: 'arn:*:mobiletargeting:*:*:templates/*' },
        // Every report of every account, and one project: nothing is left for GetReports.
        { ...GET_REPORTS, Resource: undefined, NotResource: ['arn:*:mobiletargeting:*:*:reports', `${ARN}:apps/${PROJECT_ID}`] },
      ],
    })).toEqual([
      [`mobiletargeting:TagResource: ${ARN}:apps/${PROJECT_ID}`],
      ['mobiletargeting:TagResource: arn:*:mobiletargeting:*:*:templates/*'],
    ]);
  });

  test('an action known only at deploy time is undecided, not matched through a wildcard', () => {
    const [statement] = read({ Statement: [{ Effect: 'Allow', Action: { Ref: 'Action' }, Resource: '*' }] }).statements;
    expect(statement.grants.map((grant) => grant.action)).toEqual([{ action: '${Action}', viaWildcard: false, undecided: true }]);
  });

  test("an action with a token is undecided when its service is a token or IAM's wildcard pattern of mobiletargeting", () => {
    const actions = ['${Service}:GetReports', 'sns:${Action}', 'mobile?argeting:Get${Kpi}', 'mobile*:Get${Kpi}',
      // `.` is a literal character of an action, not any character.
      'mobile.argeting:Get${Kpi}'];
    const [statement] = read({ Statement: [{ Effect: 'Allow', Action: actions.map((a) => ({ 'Fn::Sub': a })), Resource: '*' }] }).statements;
    expect(statement.grants.map((grant) => grant.action.action)).toEqual(['${Service}:GetReports', 'mobile?argeting:Get${Kpi}', 'mobile*:Get${Kpi}']);
  });

  describe('a document written as JSON text', () => {
    const statementText = (action: string, resource: string) => JSON.stringify({ Effect: 'Allow', Action: action, Resource: resource });

    test("Fn::Join's separator stands between the texts it joins", () => {
      const document = {
        'Fn::Join': [',', [
          `{"Statement":[${statementText('mobiletargeting:GetReports', REPORTS)}`,
          `${statementText('mobiletargeting:GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/*`)}]}`,
        ]],
      };
      expect(grantsOf(document)).toEqual([
        [`mobiletargeting:GetReports: ${REPORTS}`],
        [`mobiletargeting:GetApplicationDateRangeKpi: ${ARN}:apps/${PROJECT_ID}/kpis/*`],
      ]);
    });

    test('Fn::Join of a list or with a separator known only at deploy time, and Fn::Select, are not read as text', () => {
      const text = `{"Statement":[${statementText('mobiletargeting:GetReports', REPORTS)}]}`;
      const documents = [
        { 'Fn::Join': ['', { Ref: 'DocumentParts' }] },
        { 'Fn::Join': [{ Ref: 'Separator' }, [text]] },
        { 'Fn::Select': ['0', [text]] },
      ];
      expect(documents.map(reasonsOf)).toEqual(documents.map((document) => [
        `the policy document is ${JSON.stringify(document)}: an object or its JSON text was expected, or it is known only at deploy time`,
      ]));
    });

    test('JSON that is no object cannot be read: a document encoded twice, null, a number', () => {
      const twice = JSON.stringify(JSON.stringify({ Statement: [GET_REPORTS] }));
      expect([twice, 'null', '42'].map(reasonsOf)).toEqual([twice, 'null', '42'].map(() => ['the policy document text is JSON, but not an object']));
    });

    test('null, numbers and booleans of the text stay as they are', () => {
      const [statement] = read(JSON.stringify({
        Statement: [{ ...GET_REPORTS, Sid: null, Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:SecureTransport': true } } }],
      })).statements;
      expect([statement.ref, statement.conditional]).toEqual(['Stack/Policy#0', true]);
    });

    test('a string that is one reference is that reference: a Ref, with a dot an Fn::GetAtt, a name of AWS:: always a Ref', () => {
      const document = {
        'Fn::Sub': `{"Statement":[{"Effect":"\${Effect}","Action":"mobiletargeting:GetReports","Resource":"${REPORTS}"},` +
          `{"Effect":"\${AWS::Effect.Value}","Action":"mobiletargeting:GetReports","Resource":"${REPORTS}"},` +
          '{"Effect":"Allow","Action":["mobiletargeting:GetReports","mobiletargeting:GetApplicationDateRangeKpi"],"Resource":"${App.Arn}/kpis/*"}]}',
      };
      const { statements, unreadable } = read(document, { App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'app' } } });
      expect(unreadable.map((u) => u.reason)).toEqual([
        'its Effect is {"Ref":"Effect"}, neither "Allow" nor "Deny"',
        'its Effect is {"Ref":"AWS::Effect.Value"}, neither "Allow" nor "Deny"',
      ]);
      // `${App.Arn}` is the project's ARN, no reports: the resource applies to the KPIs only.
      expect(statements.map((s) => s.grants.map((g) => [g.action.action, g.resources[0].pattern.startsWith('arn:')]))).toEqual([
        [['mobiletargeting:GetApplicationDateRangeKpi', true]],
      ]);
    });

    test('digits next to a reference stay text', () => {
      const campaigns = `${ARN}:apps/\${Project}/campaigns/2024\${Campaign}/kpis/*`;
      const journeys = `${ARN}:apps/\${Project}/journeys/\${Journey}2024/kpis/*`;
      const document = {
        'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":["mobiletargeting:GetCampaignDateRangeKpi","mobiletargeting:GetJourneyDateRangeKpi"],' +
          `"Resource":["${campaigns}","${journeys}"]}]}`,
      };
      expect(grantsOf(document)).toEqual([[`mobiletargeting:GetCampaignDateRangeKpi: ${campaigns}`, `mobiletargeting:GetJourneyDateRangeKpi: ${journeys}`]]);
    });
  });
});

describe('whenLabel', () => {
  test('names the conditions a statement holds under, and nothing for none', () => {
    expect([whenLabel(ALWAYS), whenLabel([]), whenLabel(['IsProd', '!IsDev'])]).toEqual(['', '', ' (when IsProd and not IsDev)']);
  });
});

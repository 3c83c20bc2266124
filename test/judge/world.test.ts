/**
 * The judge's worlds: CloudFormation read as CloudFormation reads it (short-form YAML, every intrinsic, nested stacks,
 * cross-stack values, SAM, managed policies, groups), condition combinations, probes, and the evaluator's answers on
 * the resolved policies.
 */
import {
  allowedAnalytics, analyticsProbes, Assignment, decide, enumerateAssignments, GET_APPLICATION_KPI, GET_REPORTS, judgeHexId, JudgeTemplate,
  MAX_ASSIGNMENTS, parseCloudFormation, PROJECT_ID, OTHER_PROJECT_ID, resolveWorld, UNSEEN_IDS, World,
} from '../support';

function world(templates: JudgeTemplate[], overrides: Partial<Assignment> = {}): World {
  const { assignments } = enumerateAssignments(templates);
  return resolveWorld(templates, { ...assignments[assignments.length - 1], ...overrides });
}

function template(json: any, name = 'app.json', stackName = 'App'): JudgeTemplate {
  return { name, stackName, json };
}

const role = (properties: any = {}) => ({ Type: 'AWS::IAM::Role', Properties: properties });
const inline = (...statements: any[]) => [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }];

describe('parseCloudFormation', () => {
  test('reads YAML short-form tags into the JSON form, and keeps dates as strings', () => {
    const json = parseCloudFormation([
      'AWSTemplateFormatVersion: 2010-09-09',
      'Resources:',
      '  R:',
      '    Properties:',
      '      A: !GetAtt Nested.Outputs.Arn',
      '      B: !Sub [\'${X}\', { X: !Ref Y }]',
      '      C: !If [Cond, !Select [0, !Split [",", "a,b"]], !Ref AWS::NoValue]',
      '      D: !Equals [1, 2]',
    ].join('\n'));
    expect(json.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(json.Resources.R.Properties).toEqual({
      A: { 'Fn::GetAtt': ['Nested', 'Outputs.Arn'] },
      B: { 'Fn::Sub': ['${X}', { X: { Ref: 'Y' } }] },
      C: { 'Fn::If': ['Cond', { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }, { Ref: 'AWS::NoValue' }] },
      D: { 'Fn::Equals': [1, 2] },
    });
  });

  test('fails on malformed JSON or YAML, naming the file', () => {
    expect(() => parseCloudFormation('{ "Resources": ', 'broken.json')).toThrow(/broken\.json is not valid JSON/);
    expect(() => parseCloudFormation('Resources:\n  A: 1\n  A: 2\n', 'twice.yaml')).toThrow(/twice\.yaml is not valid YAML/);
  });
});

describe('resolveWorld', () => {
  test('resolves every intrinsic to what CloudFormation would make of it', () => {
    // GIVEN
    const t = template({
      Parameters: { Ids: { Type: 'CommaDelimitedList', Default: `${PROJECT_ID}, ${OTHER_PROJECT_ID}` } },
      Mappings: { Regions: { 'us-east-1': { Short: 'use1' } } },
      Resources: {
        App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'marketing' } },
        Reader: role({
          Policies: inline({
            Sid: { 'Fn::Join': ['-', [{ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Short'] }, { 'Fn::FindInMap': ['Extra', 'a', 'b'] }]] },
            Effect: 'Allow',
            Action: GET_APPLICATION_KPI,
            Resource: [
              { 'Fn::Sub': '${App.Arn}/kpis/*' },
              { 'Fn::Sub': ['arn:${AWS::Partition}:mobiletargeting:*:${AWS::AccountId}:apps/${Id}/kpis/${!Literal}', { Id: { 'Fn::Select': [1, { Ref: 'Ids' }] } }] },
              { Ref: 'AWS::NoValue' },
            ],
            Condition: { Ref: 'AWS::NoValue' },
          }),
        }),
      },
    });

    // WHEN
    const w = world([t], { mappings: { 'app.json': { Extra: { a: { b: 'injected' } } } } });

    // THEN
    expect(w.principals[0].policies[0].policy.Statement[0]).toEqual({
      Sid: 'use1-injected',
      Effect: 'Allow',
      Action: GET_APPLICATION_KPI,
      Resource: [
        `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${judgeHexId('App/App')}/kpis/*`,
        `arn:aws:mobiletargeting:*:123456789012:apps/${OTHER_PROJECT_ID}/kpis/\${Literal}`,
      ],
    });
    expect([...w.tokens.get('App.Arn')!]).toEqual([`arn:aws:mobiletargeting:us-east-1:123456789012:apps/${judgeHexId('App/App')}`]);
    expect(w.tokens.get('Ids')).toEqual(new Set([PROJECT_ID, OTHER_PROJECT_ID, `${PROJECT_ID},${OTHER_PROJECT_ID}`]));
  });

  test('fails, listing each intrinsic it cannot resolve', () => {
    const t = template({
      Parameters: { NoDefault: { Type: 'String' } },
      Resources: { R: role({ Policies: inline({ Effect: 'Allow', Action: '*', Resource: [{ Ref: 'NoDefault' }, { Ref: 'Nothing' }, { 'Fn::ImportValue': 'nobody-exports-it' }, { 'Fn::If': ['Undefined', 'a', 'b'] }] }) }) },
    });
    expect(() => world([t])).toThrow(new RegExp([
      'parameter NoDefault has no value and no default',
      'Ref Nothing names no parameter or resource',
      'no template exports nobody-exports-it',
      'the condition Undefined is not defined',
    ].join('[\\s\\S]*')));
  });

  test('follows nested stacks\' parameters and outputs, exports and Fn::GetStackOutput across stacks', () => {
    // GIVEN
    const parent = template({
      Resources: {
        Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.json', Parameters: { Project: PROJECT_ID } } },
        Missing: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'elsewhere.json' } },
        ParentRole: role({ ManagedPolicyArns: [{ 'Fn::GetAtt': ['Child', 'Outputs.PolicyArn'] }] }),
      },
      Outputs: { Exported: { Value: { 'Fn::GetAtt': ['Child', 'Outputs.PolicyArn'] }, Export: { Name: 'shared-policy' } } },
    }, 'parent.json', 'Parent');
    const child: JudgeTemplate = {
      ...template({
        Parameters: { Project: { Type: 'String' } },
        Resources: {
          Policy: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: GET_APPLICATION_KPI, Resource: { 'Fn::Sub': 'arn:aws:mobiletargeting:*:*:apps/${Project}/kpis/*' } },
                ],
              },
            },
          },
        },
        Outputs: { PolicyArn: { Value: { Ref: 'Policy' } } },
      }, 'child.json', 'Parent-Child-1'),
      parent: { template: { name: 'parent.json' }, logicalId: 'Child' },
    };
    const consumer = template({
      Resources: {
        Importer: role({ ManagedPolicyArns: [{ 'Fn::ImportValue': 'shared-policy' }] }),
        Weak: role({ ManagedPolicyArns: [{ 'Fn::GetStackOutput': { StackName: 'Parent', OutputName: 'Exported', Region: 'us-east-1' } }] }),
      },
    }, 'consumer.json', 'Consumer');

    // WHEN
    const w = world([parent, child, consumer]);

    // THEN
    const resources = (key: string) => w.principals.find((p) => p.key === key)!.policies.map((p) => p.policy.Statement[0].Resource);
    const expected = [`arn:aws:mobiletargeting:*:*:apps/${PROJECT_ID}/kpis/*`];
    expect(resources('parent.json#ParentRole')).toEqual(expected);
    expect(resources('consumer.json#Importer')).toEqual(expected);
    expect(resources('consumer.json#Weak')).toEqual(expected);
    expect(w.unread).toEqual(['parent.json Resources.Missing: the nested stack\'s template is not in the case']);
  });

  test('leaves out a nested stack whose AWS::CloudFormation::Stack is under a false condition', () => {
    const parent = template({ Conditions: { On: { 'Fn::Equals': ['a', 'a'] } }, Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Condition: 'On', Properties: { TemplateURL: 'c' } } } }, 'p.json', 'P');
    const child: JudgeTemplate = { ...template({ Resources: { ChildRole: role() } }, 'c.json', 'P-Child'), parent: { template: { name: 'p.json' }, logicalId: 'Child' } };
    const conditions = (on: boolean) => ({ 'p.json': { On: on } });
    expect(world([parent, child], { conditions: conditions(true) }).principals.map((p) => p.key)).toEqual(['c.json#ChildRole']);
    expect(world([parent, child], { conditions: conditions(false) }).principals).toEqual([]);
  });

  test('gives a SAM function or state machine without Role the role SAM creates, and no role to one with Role', () => {
    // GIVEN
    const t = template({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Policies: [
              { Statement: [{ Effect: 'Allow', Action: GET_REPORTS, Resource: '*' }] },
              'ReadOnlyAccess',
              { PinpointEndpointAccessPolicy: { PinpointApplicationId: PROJECT_ID } },
              { NoSuchPolicyTemplate: {} },
            ],
          },
        },
        Machine: { Type: 'AWS::Serverless::StateMachine', Properties: { Policies: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
        WithRole: { Type: 'AWS::Serverless::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/given', Policies: ['AdministratorAccess'] } },
      },
    });

    // WHEN
    const w = world([t]);

    // THEN
    const fn = w.principals.find((p) => p.key === 'app.json#Fn')!;
    expect(fn.definedIn).toEqual({ template: 'app.json', logicalId: 'Fn', via: 'AWS::Serverless::Function' });
    expect(fn.policies.map((p) => p.name)).toEqual([
      'app.json#Fn.Policies[0]',
      'app.json#Fn.Policies[2] (PinpointEndpointAccessPolicy)',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(fn.policies[1].policy.Statement[0].Resource).toBe(`arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/endpoints/*`);
    expect(fn.unread).toEqual([expect.stringMatching(/NoSuchPolicyTemplate is not in the judge's fixture/)]);
    expect(w.principals.find((p) => p.key === 'app.json#Machine')!.policies.map((p) => p.name)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(w.principals.map((p) => p.key)).not.toContain('app.json#WithRole');
  });

  test('reads managed policies by ARN (the template\'s, AWS\'s) and names the ones it cannot read', () => {
    const t = template({
      Resources: {
        Mine: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'Mine', Path: '/team/', PolicyDocument: { Statement: [] } } },
        R: role({
          ManagedPolicyArns: [
            { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/Mine' },
            { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/job-function/ViewOnlyAccess' },
            'arn:aws:iam::210987654321:policy/Theirs',
            'arn:aws:iam::aws:policy/NoSuchAwsPolicy',
          ],
          PermissionsBoundary: { Ref: 'Mine' },
        }),
      },
    });
    const r = world([t]).principals[0];
    expect(r.policies.map((p) => p.name)).toEqual(['app.json#Mine', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
    expect(r.permissionsBoundary).toEqual([{ name: 'app.json#Mine', policy: { Statement: [] } }]);
    expect(r.unread).toEqual([expect.stringContaining('arn:aws:iam::210987654321:policy/Theirs'), expect.stringContaining('arn:aws:iam::aws:policy/NoSuchAwsPolicy')]);
  });

  test('gives a user its groups\' policies, and parses policy documents written as JSON strings', () => {
    const t = template({
      Resources: {
        G: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'json', PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"mobiletargeting:GetReports","Resource":"*"}]}' }] } },
        H: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'broken', PolicyDocument: '{"Statement": [' }] } },
        U: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'G' }] } },
        V: { Type: 'AWS::IAM::User' },
        Add: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'H' }, Users: [{ Ref: 'V' }] } },
      },
    });
    const w = world([t]);
    const u = w.principals.find((p) => p.key === 'app.json#U')!;
    expect(u.groups).toEqual(['app.json#G']);
    expect(u.policies).toEqual([{ name: 'app.json#G.Policies[0] (via group App-G-' + judgeHexId('App/G').slice(0, 12).toUpperCase() + ')', policy: { Statement: [{ Effect: 'Allow', Action: GET_REPORTS, Resource: '*' }] } }]);
    expect(w.principals.find((p) => p.key === 'app.json#V')!.unread).toEqual([expect.stringMatching(/the policy document is not readable.*\(via group/)]);
  });

  test('records a transform it does not expand, and a Serverless resource without the SAM transform', () => {
    const t = template({
      Transform: ['CompanyMacro'],
      Resources: {
        F: { Type: 'AWS::Serverless::Function', Properties: {} },
        R: role({ Policies: [{ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }] }),
      },
    });
    const w = world([t]);
    expect(w.unread).toEqual([
      'app.json: the transform "CompanyMacro" is not expanded',
      'app.json Resources.F: AWS::Serverless::Function without the AWS::Serverless-2016-10-31 transform',
      'app.json Resources.R.Properties.Policies[0].Fn::Transform: {"Name":"AWS::Include","Parameters":{"Location":"s3://b/k"}} is not expanded',
    ]);
    expect(w.principals[0].unread).toEqual([expect.stringMatching(/Policies\[0\]: the policy document is not readable/)]);
  });
});

describe('enumerateAssignments', () => {
  const withConditions = (n: number) => template({ Conditions: Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, { 'Fn::Equals': [1, 1] }])), Resources: {} });

  test('gives every combination of the templates\' conditions', () => {
    const { assignments, capped } = enumerateAssignments([withConditions(3)], { parameters: { 'app.json': { P: 'v' } } });
    expect(capped).toBe(false);
    expect(new Set(assignments.map((a) => JSON.stringify(a.conditions))).size).toBe(8);
    expect(assignments[0]).toMatchObject({ account: '123456789012', region: 'us-east-1', partition: 'aws', parameters: { 'app.json': { P: 'v' } } });
  });

  test('past the cap, gives all false, all true and each condition alone true and alone false', () => {
    const { assignments, capped } = enumerateAssignments([withConditions(7)]);
    expect(capped).toBe(true);
    expect(assignments.length).toBe(2 * 7 + 2);
    expect(enumerateAssignments([withConditions(40)]).assignments.length).toBe(MAX_ASSIGNMENTS);
  });

  test('uses explicit condition values as they are', () => {
    const { assignments } = enumerateAssignments([withConditions(3)], { conditions: [{ 'app.json': { C0: true, C1: false, C2: true } }] });
    expect(assignments.map((a) => a.conditions)).toEqual([{ 'app.json': { C0: true, C1: false, C2: true } }]);
  });
});

describe('analyticsProbes and allowedAnalytics', () => {
  const t = template({
    Resources: {
      Narrow: role({ Policies: inline({ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/*` }) }),
      Tricky: role({
        Policies: inline(
          { Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
          { Effect: 'Deny', Action: 'mobiletargeting:GetReports', Resource: '*' },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
        ),
      }),
      Unrelated: role({ Policies: inline({ Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: '*' }) }),
    },
  });

  test('probes the IDs the policies name and one they do not, in the world\'s region and account and elsewhere', () => {
    const probes = analyticsProbes([world([t])]);
    expect(probes.map((p) => p.arn)).toEqual(expect.arrayContaining([
      `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`,
      `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${UNSEEN_IDS.project}/kpis/daterange/email-open-rate`,
      `arn:aws:mobiletargeting:eu-west-1:123456789012:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`,
      'arn:aws:mobiletargeting:us-east-1:210987654321:reports',
    ]));
  });

  test('allows exactly what the evaluator allows on each principal\'s whole policies', async () => {
    // GIVEN
    const w = world([t]);
    const probes = analyticsProbes([w]);

    // WHEN
    const allowed = await allowedAnalytics(w, probes);

    // THEN: the same requests as the evaluator on every principal's full policies, without the judge's shortcuts
    const expected: string[] = [];
    for (const principal of w.principals) {
      for (const probe of probes) {
        if (await decide([...principal.policies], probe.action, probe.arn) === 'Allowed') {
          expected.push(`${principal.key} ${probe.action} ${probe.arn}`);
        }
      }
    }
    expect(allowed.map((a) => `${a.principal} ${a.action} ${a.arn}`).sort()).toEqual(expected.sort());
    expect(allowed.some((a) => a.principal === 'app.json#Tricky' && a.action === GET_REPORTS)).toBe(false);
    expect(allowed.filter((a) => a.principal === 'app.json#Narrow').length).toBeGreaterThan(0);
  });
});

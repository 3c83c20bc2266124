/**
 * The forms of the values the access check reads in policy sources (lib/private/access-check/sources/policy-sources.ts):
 * Fn::If and AWS::NoValue anywhere, policy documents written as JSON text, and values it cannot decide or must not
 * choke on, each said so. Observed through the report of `checkTemplates`.
 */
import {
  accessLines,
  checkRaw,
  PROJECT_ID,
  rawRole,
  template,
  PINPOINT_ARN as ARN,
} from '../../../../support';

const KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;
const READ_KPIS = { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS };
const DOCUMENT = { Version: '2012-10-17', Statement: [READ_KPIS] };
const GET_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';
const GET_REPORTS = 'mobiletargeting:GetReports';
const REPORTS = { ...READ_KPIS, Action: GET_REPORTS, Resource: `${ARN}:reports` };

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

  test('GroupName of AWS::IAM::UserToGroupAddition that is an Fn::If: the users are in each branch\'s group, under its condition', () => {
    // GIVEN a group named by reference, another by its GroupName, and a branch that is AWS::NoValue
    const json = template({
      Readers: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'read', PolicyDocument: DOCUMENT }] } },
      Reporters: {
        Type: 'AWS::IAM::Group',
        Properties: { GroupName: 'reporters', Policies: [{ PolicyName: 'reports', PolicyDocument: { Statement: [REPORTS] } }] },
      },
      Alice: { Type: 'AWS::IAM::User' },
      Bob: { Type: 'AWS::IAM::User' },
      ToReadersOrReporters: {
        Type: 'AWS::IAM::UserToGroupAddition',
        Properties: { GroupName: { 'Fn::If': ['IsProd', { Ref: 'Readers' }, 'reporters'] }, Users: [{ Ref: 'Alice' }] },
      },
      ToReadersOrNone: {
        Type: 'AWS::IAM::UserToGroupAddition',
        Properties: { GroupName: { 'Fn::If': ['WithBob', { Ref: 'Readers' }, { Ref: 'AWS::NoValue' }] }, Users: [{ Ref: 'Bob' }] },
      },
    });
    // WHEN
    const { report } = checkRaw([{ name: 'Stack', json }]);
    // THEN
    expect(accessLines(report)).toEqual([
      `user Stack/Alice: ${GET_KPI} when IsProd on ${KPIS}`,
      `user Stack/Alice: ${GET_REPORTS} when !IsProd on ${ARN}:reports`,
      `user Stack/Bob: ${GET_KPI} when WithBob on ${KPIS}`,
      `group Stack/Readers: ${GET_KPI} on ${KPIS}`,
      `group Stack/Reporters: ${GET_REPORTS} on ${ARN}:reports`,
    ]);
    expect(report.principals.find((p) => p.name === 'Stack/Alice')!.groups).toEqual(['Stack/Readers', 'Stack/Reporters']);
  });

  test('RoleName, UserName and GroupName of a role, user or group policy that is an Fn::If: each branch\'s principal, under its condition', () => {
    const single = (type: string, property: string, name: unknown, statement: unknown) =>
      ({ Type: type, Properties: { PolicyName: 'p', [property]: name, PolicyDocument: { Statement: [statement] } } });
    const json = template({
      Role: rawRole(),
      User: { Type: 'AWS::IAM::User', Properties: { UserName: 'alice' } },
      RolePolicy: single('AWS::IAM::RolePolicy', 'RoleName', { 'Fn::If': ['IsProd', { Ref: 'Role' }, 'legacy-role'] }, READ_KPIS),
      UserPolicy: single('AWS::IAM::UserPolicy', 'UserName', { 'Fn::If': ['IsProd', 'alice', { Ref: 'AWS::NoValue' }] }, REPORTS),
      GroupPolicy: single('AWS::IAM::GroupPolicy', 'GroupName', { 'Fn::If': ['IsProd', 'analysts', { 'Fn::If': ['IsTest', 'testers', 'developers'] }] },
        READ_KPIS),
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(accessLines(report)).toEqual([
      `role Stack/Role: ${GET_KPI} when IsProd on ${KPIS}`,
      `user Stack/User: ${GET_REPORTS} when IsProd on ${ARN}:reports`,
      `group analysts: ${GET_KPI} when IsProd on ${KPIS}`,
      `group developers: ${GET_KPI} when !IsProd&!IsTest on ${KPIS}`,
      `role legacy-role: ${GET_KPI} when !IsProd on ${KPIS}`,
      `group testers: ${GET_KPI} when !IsProd&IsTest on ${KPIS}`,
    ]);
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

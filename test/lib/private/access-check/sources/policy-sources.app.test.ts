/**
 * Where PinpointAccessValidator finds policies in an app and who receives them (lib/private/access-check/sources/
 * policy-sources.ts): inline policies, AWS::IAM::Policy, managed policies attached either way, the single-principal
 * policy resources, other stacks (Fn::ImportValue), nested stacks (parameters), and principals not defined in the app.
 * Observed through the access report. (The same in templates as people write them: policy-sources.test.ts.)
 */
import { CfnOutput, CfnParameter, CfnStack, Fn, NestedStack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ACCOUNT,
  newGroup,
  newRole,
  newUser,
  removeTestOutdirs,
  reportedPrincipals as principals,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PROJECT_KPI_READ as READ,
} from '../../../../support';

afterEach(removeTestOutdirs);

const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ.actions, Resource: READ.resources }] };

describe('policies and the principals that receive them', () => {
  test('inline policies of a role, user and group, and AWS::IAM::Policy attached to users and groups', () => {
    // GIVEN
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const document = new iam.PolicyDocument({ statements: [new iam.PolicyStatement(READ)] });
    new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { ReadKpis: document } });
    const user = newUser(stack, 'User');
    const group = newGroup(stack, 'Group');
    new iam.Policy(stack, 'Shared', { statements: [new iam.PolicyStatement(READ)], users: [user], groups: [group] });
    new iam.CfnGroup(stack, 'L1Group', { policies: [{ policyName: new CfnParameter(stack, 'PolicyName').valueAsString, policyDocument: DOCUMENT }] });
    // WHEN
    const { report, findings } = synthWithValidator(app);
    // THEN
    expect(findings).toEqual([]);
    expect(principals(report)).toEqual([
      'group TestStack/Group: TestStack/Shared#0',
      'group TestStack/L1Group: TestStack/L1Group/Policies/0#0',
      'role TestStack/Role: TestStack/Role/Policies/ReadKpis#0',
      'user TestStack/User: TestStack/Shared#0',
    ]);
    expect(report.principals[0].definedIn).toEqual({ template: 'TestStack.template.json', logicalId: stack.getLogicalId(group.node.defaultChild as iam.CfnGroup) });
  });

  test('managed policies attached by their own Roles and by a principal\'s ManagedPolicyArns, and AWS managed policies', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const attachedByRole = newRole(stack, 'AttachedByRole');
    const attachedByPolicy = newRole(stack, 'AttachedByPolicy');
    attachedByRole.addManagedPolicy(new iam.ManagedPolicy(stack, 'ViaArns', { statements: [new iam.PolicyStatement(READ)] }));
    attachedByRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    new iam.ManagedPolicy(stack, 'ViaRoles', { statements: [new iam.PolicyStatement(READ)], roles: [attachedByPolicy] });
    // An L1 role attached by the managed policy's PolicyArn attribute (Fn::GetAtt), in both its forms.
    const l1 = new iam.CfnManagedPolicy(stack, 'L1Policy', { policyDocument: DOCUMENT });
    const trust = { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ACCOUNT } }] };
    new iam.CfnRole(stack, 'L1Role', { assumeRolePolicyDocument: trust, managedPolicyArns: [l1.attrPolicyArn] });
    new iam.CfnRole(stack, 'L1RoleDotted', { assumeRolePolicyDocument: trust })
      .addPropertyOverride('ManagedPolicyArns', [{ 'Fn::GetAtt': `${stack.resolve(l1.logicalId)}.PolicyArn` }]);
    const { report } = synthWithValidator(app);
    const read = (p: any) => p.allows.find((a: any) => a.action === 'mobiletargeting:GetApplicationDateRangeKpi').statements;
    expect(report.principals.map((p: any) => `${p.kind} ${p.name}: ${read(p).join(', ')}`)).toEqual([
      'role TestStack/AttachedByPolicy: TestStack/ViaRoles#0',
      // ReadOnlyAccess allows mobiletargeting:Get* and List* on "*": every analytics read.
      'role TestStack/AttachedByRole: TestStack/AttachedByRole/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2, TestStack/ViaArns#0',
      'role TestStack/L1Role: TestStack/L1Policy#0',
      'role TestStack/L1RoleDotted: TestStack/L1Policy#0',
    ]);
  });

  test('AWS::IAM::RolePolicy, UserPolicy and GroupPolicy', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    const user = newUser(stack, 'User');
    const group = newGroup(stack, 'Group');
    new iam.CfnRolePolicy(stack, 'RolePolicy', { roleName: role.roleName, policyName: 'p', policyDocument: DOCUMENT });
    new iam.CfnUserPolicy(stack, 'UserPolicy', { userName: user.userName, policyName: 'p', policyDocument: DOCUMENT });
    new iam.CfnGroupPolicy(stack, 'GroupPolicy', { groupName: group.groupName, policyName: 'p', policyDocument: DOCUMENT });
    const { report } = synthWithValidator(app);
    expect(principals(report)).toEqual([
      'group TestStack/Group: TestStack/GroupPolicy#0',
      'role TestStack/Role: TestStack/RolePolicy#0',
      'user TestStack/User: TestStack/UserPolicy#0',
    ]);
  });

  test('across stacks: a managed policy of one stack attached to a role of another, and a policy naming a role of another', () => {
    const app = testAppWithOutdir();
    const policies = testStack(app, 'PolicyStack');
    const roles = testStack(app, 'RoleStack');
    const more = testStack(app, 'MoreStack');
    Validations.of(testStack(app, 'EmptyStack')).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'A stack without resources on purpose' });
    const reader = newRole(roles, 'Reader');
    reader.addManagedPolicy(new iam.ManagedPolicy(policies, 'Shared', { statements: [new iam.PolicyStatement(READ)] }));
    const writer = newRole(roles, 'Writer');
    new iam.Policy(more, 'ForWriter', { statements: [new iam.PolicyStatement(READ)], roles: [writer] });
    const { report, message } = synthWithValidator(app);
    expect(message).toBe('');
    expect(principals(report)).toEqual([
      'role RoleStack/Reader: PolicyStack/Shared#0',
      'role RoleStack/Writer: MoreStack/ForWriter#0',
    ]);
    expect(report.templates).toEqual(['PolicyStack.template.json', 'RoleStack.template.json', 'MoreStack.template.json', 'EmptyStack.template.json']);
  });

  test('a nested stack: its policy attached to a role of the parent through a parameter', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    const nested = new NestedStack(stack, 'Nested');
    new iam.ManagedPolicy(nested, 'NestedPolicy', { statements: [new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] })], roles: [role] });
    new NestedStack(stack, 'Empty');
    // A stack resource that is no nested stack of the app (a template of its own elsewhere) is left alone.
    new CfnStack(testStack(app, 'Other'), 'External', { templateUrl: 'https://example.com/template.json' });
    const result = synthWithValidator(app);
    expect(principals(result.report)).toEqual(['role TestStack/Role: TestStack/Nested/NestedPolicy#0']);
    // The finding is about the nested template's resource, and aws-cdk-lib finds its construct.
    expect(result.findings).toEqual(['PinpointAnalyticsWildcardAction[TestStack/Nested/NestedPolicy#0]']);
    expect(result.violations[0].violatingConstructs[0].constructPath).toBe('TestStack/Nested/NestedPolicy/Resource');
  });

  test('principals not defined in the app are named as the template names them', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const user = newUser(stack, 'User');
    new iam.CfnPolicy(stack, 'Named', {
      policyName: 'named',
      policyDocument: DOCUMENT,
      roles: ['existing-role', Fn.importValue('NotExported'), new CfnParameter(stack, 'RoleName').valueAsString, user.userName],
      groups: [{ 'Fn::If': ['Cond', 'a', 'b'] } as any],
    });
    const { report } = synthWithValidator(app);
    expect(principals(report)).toEqual([
      'role ${Import:NotExported}: TestStack/Named#0',
      'role ${RoleName}: TestStack/Named#0',
      // A user where a role is expected is not taken for the user.
      `role \${${stack.getLogicalId(user.node.defaultChild as iam.CfnUser)}}: TestStack/Named#0`,
      // Both branches of the Fn::If, each under its condition.
      'group a: TestStack/Named#0 (when Cond)',
      'group b: TestStack/Named#0 (when not Cond)',
      'role existing-role: TestStack/Named#0',
    ]);
    expect(report.principals.every((p: any) => p.definedIn === undefined)).toBe(true);
  });

  test('a managed policy attached to no principal is reported on its own; an import that leads back to itself is not read', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    new iam.ManagedPolicy(stack, 'Unattached', { statements: [new iam.PolicyStatement(READ)] });
    new CfnOutput(stack, 'Cycle', { value: Fn.importValue('Cycle'), exportName: 'Cycle' });
    new iam.CfnRole(stack, 'Looping', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ACCOUNT } }] },
      managedPolicyArns: [Fn.importValue('Cycle')],
    });
    const { report, markdown } = synthWithValidator(app);
    expect(report.principals.map((p: any) => [p.name, p.allows, p.notRead])).toEqual([['TestStack/Looping', [], [0]]]);
    expect(report.notRead).toEqual([{
      source: '${Import:Cycle}',
      kind: 'managed-policy',
      reason: 'the managed policy ARN is known only at deploy time (a parameter, an import of another app)',
      where: 'TestStack/Looping (ManagedPolicyArns)',
      principals: ['TestStack/Looping'],
    }]);
    expect(report.unattachedPolicies.map((p: any) => p.policy)).toEqual(['TestStack/Unattached']);
    expect(markdown).toContain('## Policy `TestStack/Unattached`, attached to no principal of these templates');
  });
});

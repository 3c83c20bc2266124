/**
 * Where the validator finds policies and who receives them: inline policies, AWS::IAM::Policy, managed policies
 * attached either way, the single-principal policy resources, other stacks (Fn::ImportValue), nested stacks
 * (parameters), stages, and principals not defined in the app. Observed through the access report.
 */
import { copyFileSync, mkdirSync } from 'fs';
import * as path from 'path';
import { App, CfnOutput, CfnParameter, CfnStack, Fn, NestedStack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PinpointAccessValidator } from '../../../lib';
import {
  ACCOUNT,
  newGroup,
  newRole,
  newUser,
  PROJECT_ID,
  REGION,
  removeTestOutdirs,
  resultIn,
  synthWithValidator,
  testAppWithOutdir,
  testOutdir,
  testStack,
} from '../../support';

afterEach(removeTestOutdirs);

const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
const READ = { actions: ['mobiletargeting:GetApplicationDateRangeKpi'], resources: [`${ARN}:apps/${PROJECT_ID}/kpis/*`] };
const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ.actions, Resource: READ.resources }] };

/** Principals of the report as `<kind> <name>: <statements granting GetApplicationDateRangeKpi>`. */
function principals(report: any): string[] {
  return report.principals.map((p: any) =>
    `${p.kind} ${p.name}: ${p.allows.flatMap((a: any) => a.statements).join(', ')}`);
}

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

  test('managed policies attached by their own Roles and by a principal\'s ManagedPolicyArns; AWS managed policies are not read', () => {
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
    expect(principals(report)).toEqual([
      'role TestStack/AttachedByPolicy: TestStack/ViaRoles#0',
      'role TestStack/AttachedByRole: TestStack/ViaArns#0',
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

  test('stacks of two environments: aws-cdk-lib 2.262 calls the plugin once for each, each finding is reported once', () => {
    const app = testAppWithOutdir();
    for (const [id, region] of [['East', REGION], ['West', 'us-west-2']]) {
      const role = new iam.Role(testStack(app, id, { account: ACCOUNT, region }), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
    }
    const result = synthWithValidator(app);
    expect(result.findings).toEqual([
      'PinpointAnalyticsWildcardAction[East/Role/DefaultPolicy#0]',
      'PinpointAnalyticsWildcardAction[West/Role/DefaultPolicy#0]',
    ]);
    // One report of the directory, whichever call wrote it last.
    expect(principals(result.report)).toEqual(['role East/Role: East/Role/DefaultPolicy#0', 'role West/Role: West/Role/DefaultPolicy#0']);
    expect(result.report.findings.map((f: any) => f.id)).toEqual(result.findings);
  });

  test('a stage: its report is written in its own cloud assembly directory', () => {
    const app = testAppWithOutdir();
    const stage = new Stage(app, 'Prod');
    const api = testStack(stage as unknown as App, 'Api');
    const role = newRole(api, 'Role');
    role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
    expect(synthWithValidator(app).report).toBeNull();
    const inStage = resultIn(path.join(app.outdir, 'assembly-Prod'));
    expect(principals(inStage.report)).toEqual(['role Prod/Api/Role: Prod/Api/Role/DefaultPolicy#0']);
    expect(inStage.report.templates).toEqual([api.templateFile]);
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
      'group ${Fn::If}: TestStack/Named#0',
      'role ${Import:NotExported}: TestStack/Named#0',
      'role ${RoleName}: TestStack/Named#0',
      // A user where a role is expected is not taken for the user.
      `role \${${stack.getLogicalId(user.node.defaultChild as iam.CfnUser)}}: TestStack/Named#0`,
      'role existing-role: TestStack/Named#0',
    ]);
    expect(report.principals.every((p: any) => p.definedIn === undefined)).toBe(true);
  });

  test('a managed policy attached to no principal is reported on its own; an import that leads back to itself is not followed', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    new iam.ManagedPolicy(stack, 'Unattached', { statements: [new iam.PolicyStatement(READ)] });
    new CfnOutput(stack, 'Cycle', { value: Fn.importValue('Cycle'), exportName: 'Cycle' });
    new iam.CfnRole(stack, 'Looping', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ACCOUNT } }] },
      managedPolicyArns: [Fn.importValue('Cycle')],
    });
    const { report, markdown } = synthWithValidator(app);
    expect(report.principals).toEqual([]);
    expect(report.unattachedPolicies.map((p: any) => p.policy)).toEqual(['TestStack/Unattached']);
    expect(markdown).toContain('## Policy `TestStack/Unattached`, attached to no principal of these templates');
  });
});

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

describe('construct paths', () => {
  test('from the path metadata of the templates when it is on', () => {
    const app = testAppWithOutdir({ 'aws:cdk:enable-path-metadata': true });
    const role = new iam.Role(testStack(app), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
    expect(principals(synthWithValidator(app).report)).toEqual(['role TestStack/Role: TestStack/Role/DefaultPolicy#0']);
  });

  test('called directly on templates outside a cloud assembly: stack and logical ID stand in for the path', () => {
    // GIVEN a template of another app, copied into a directory without a manifest
    const source = testAppWithOutdir();
    const stack = testStack(source);
    const role = newRole(stack, 'Role');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
    source.synth();
    const dir = path.join(testOutdir(), 'templates');
    mkdirSync(dir);
    copyFileSync(path.join(source.outdir, 'TestStack.template.json'), path.join(dir, 'TestStack.template.json'));
    // WHEN
    const report = new PinpointAccessValidator().validate({
      templatePaths: [path.join(dir, 'TestStack.template.json')],
      stackTemplates: [],
      appConstruct: new App(),
      accountId: undefined,
      region: undefined,
    });
    // THEN
    const policyId = stack.getLogicalId(role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy);
    const roleId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).toEqual([`PinpointAnalyticsWildcardAction[TestStack/${policyId}#0]`]);
    expect(principals(resultIn(dir).report)).toEqual([`role TestStack/${roleId}: TestStack/${policyId}#0`]);
  });
});

describe('acknowledgements recorded in the app', () => {
  test('are listed with the finding they name, wherever they are recorded', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, sid: 'All', actions: ['mobiletargeting:*'] }));
    const id = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Role/DefaultPolicy#All]';
    Validations.of(role).acknowledge({ id, reason: 'first' });
    Validations.of(stack).acknowledge({ id, reason: 'second' }, { id: 'PinpointAccessValidator::Other', reason: 'unrelated' });
    const { report, markdown } = synthWithValidator(app);
    expect(report.findings[0].acknowledgements).toEqual([{ at: 'TestStack', reason: 'second' }, { at: 'TestStack/Role', reason: 'first' }]);
    expect(markdown).toContain('<br>Acknowledged at `TestStack/Role`: first');
  });
});

/**
 * The access check itself (lib/private/access-check/check.ts): `checkTemplates` as a caller outside CDK may use it
 * (`acknowledgementsOf` is optional, and without it no finding is acknowledged), and `checkPinpointAccess`, one call of
 * the validation plugin, called directly on templates outside a cloud assembly: the violations it returns and the
 * report it writes in each directory.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, PinpointAccessValidator } from '../../../../lib';
import { checkTemplates } from '../../../../lib/private/access-check/check';
import {
  cliFixture,
  emptyFolder,
  newRole,
  PROJECT_ID,
  removeTestOutdirs,
  reportedPrincipals as principals,
  resultIn,
  testAppWithOutdir,
  testOutdir,
  testStack,
  PROJECT_KPI_READ as READ,
} from '../../../support';

test('without acknowledgementsOf, every finding is open and the report records no acknowledgement', () => {
  const file = cliFixture('wildcard-role.template');
  const template = { path: file, stackPath: 'wildcard-role', env: {}, json: JSON.parse(readFileSync(file, 'utf-8')) };
  const check = checkTemplates([template], { pluginName: 'PinpointAccessValidator' });

  expect(check.findings.map((finding) => finding.id)).toEqual([
    'PinpointAnalyticsWildcardAction[wildcard-role/ReportPolicy#ReadEverything]',
    'PinpointAnalyticsBroadResource[wildcard-role/ReportPolicy#ReadEverything]',
  ]);
  expect(check.findings.filter((finding) => check.isAcknowledged(finding))).toEqual([]);
  expect(check.report(emptyFolder()).findings.map((finding) => finding.acknowledgements)).toEqual([[], []]);
});

test('a resource\'s path metadata names it in findings; a report of some templates holds only what they could not read', () => {
  const role = (policy: unknown) => ({
    Type: 'AWS::IAM::Role',
    Metadata: { 'aws:cdk:path': 'Legacy/ReportReader/Resource' },
    Properties: {
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      ...policy as object,
    },
  });
  const wildcard = {
    Resources: {
      Reader: role({
        Policies: [{
          PolicyName: 'Read',
          PolicyDocument: { Statement: [{ Sid: 'All', Effect: 'Allow', Action: 'mobiletargeting:*', Resource: '*' }] },
        }],
      }),
    },
  };
  const unread = { Parameters: { PolicyArn: { Type: 'String' } }, Resources: { Reader: role({ ManagedPolicyArns: [{ Ref: 'PolicyArn' }] }) } };
  const templates = [
    { path: path.join(emptyFolder(), 'Legacy.template.json'), stackPath: 'Legacy', env: {}, json: wildcard },
    { path: path.join(emptyFolder(), 'Other.template.json'), stackPath: 'Other', env: {}, json: unread },
  ];
  const check = checkTemplates(templates, { pluginName: 'PinpointAccessValidator' });

  expect(check.findings.map((finding) => finding.id)).toEqual([
    'PinpointAnalyticsWildcardAction[Legacy/ReportReader/Policies/Read#All]',
    'PinpointAnalyticsBroadResource[Legacy/ReportReader/Policies/Read#All]',
    'PinpointAnalyticsWithWriteAction[Legacy/ReportReader/Policies/Read#All]',
  ]);
  expect(check.report(emptyFolder()).notRead.map((n) => n.source)).toEqual(['${PolicyArn}']);
  expect(check.report(emptyFolder(), (template) => template.stackPath === 'Legacy').notRead).toEqual([]);
});

test('a resource that is not a mapping holds no policy: the check reads the others, as it does a resource of any other malformed form', () => {
  // GIVEN a template CloudFormation would reject: `Policy:` left empty in YAML is null
  const file = cliFixture('wildcard-role.template');
  const json = JSON.parse(readFileSync(file, 'utf-8'));
  json.Resources = { ...json.Resources, Policy: null, Listed: ['AWS::IAM::Policy'], Named: 'AWS::IAM::Role' };
  // WHEN
  const check = checkTemplates([{ path: file, stackPath: 'wildcard-role', env: {}, json }], { pluginName: 'PinpointAccessValidator' });
  // THEN
  expect(check.findings.map((finding) => finding.id)).toEqual([
    'PinpointAnalyticsWildcardAction[wildcard-role/ReportPolicy#ReadEverything]',
    'PinpointAnalyticsBroadResource[wildcard-role/ReportPolicy#ReadEverything]',
  ]);
  expect(check.report(emptyFolder()).notRead).toEqual([]);
});

describe('called directly, as a validation plugin', () => {
  afterEach(removeTestOutdirs);


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
    // the violation points at the statement in its template, as aws-cdk-lib's report shows it
    expect(report.violations[0].violatingResources).toEqual([{
      resourceLogicalId: policyId,
      templatePath: path.join(dir, 'TestStack.template.json'),
      locations: ['Properties/PolicyDocument/Statement/0'],
    }]);
    expect(principals(resultIn(dir).report)).toEqual([`role TestStack/${roleId}: TestStack/${policyId}#0`]);
    expect(resultIn(dir).markdown).toContain('Everything is also in `pinpoint-access-report.json`.');
  });

  test('called directly on templates of two directories: each directory\'s report holds its own templates, principals and findings', () => {
    // GIVEN two templates, one with a wildcard, copied into two directories without a manifest
    const source = testAppWithOutdir();
    newRole(testStack(source, 'StackA'), 'Role').addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
    newRole(testStack(source, 'StackB'), 'Role').addToPrincipalPolicy(new iam.PolicyStatement(READ));
    source.synth();
    const files = ['StackA', 'StackB'].map((name) => {
      const dir = path.join(testOutdir(), name);
      mkdirSync(dir);
      copyFileSync(path.join(source.outdir, `${name}.template.json`), path.join(dir, `${name}.template.json`));
      return path.join(dir, `${name}.template.json`);
    });
      // WHEN
    const report = new PinpointAccessValidator().validate({
      templatePaths: files,
      stackTemplates: [],
      appConstruct: new App(),
      accountId: undefined,
      region: undefined,
    });
      // THEN one violation, and each directory's report speaks of its own template only
    expect(report.violations.map((v) => v.violatingResources[0].templatePath)).toEqual([files[0]]);
    const [a, b] = files.map((file) => resultIn(path.dirname(file)).report);
    expect([a.templates, b.templates]).toEqual([['StackA.template.json'], ['StackB.template.json']]);
    expect([a.findings.length, b.findings.length]).toEqual([1, 0]);
    expect([principals(a), principals(b)].map((list) => list.map((p) => p.split('/')[0]))).toEqual([['role StackA'], ['role StackB']]);
  });

  test('called directly on a template without findings: success, and no violation', () => {
    const source = testAppWithOutdir();
    const stack = testStack(source);
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: 'c1' }).grantTo(newRole(stack, 'Role'));
    source.synth();
    const report = new PinpointAccessValidator().validate({
      templatePaths: [path.join(source.outdir, 'TestStack.template.json')],
      stackTemplates: [],
      appConstruct: source,
      accountId: undefined,
      region: undefined,
    });
    expect(report).toEqual({ success: true, violations: [] });
  });
});

/**
 * The templates of one call of the validation plugin (lib/private/access-check/templates/cloud-assembly.ts): every
 * stack of the cloud assembly directory, also when aws-cdk-lib calls the plugin once per environment, and a stage's
 * own cloud assembly.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { stacksOf } from '../../../../../lib/private/access-check/templates/cloud-assembly';
import {
  ACCOUNT,
  newRole,
  REGION,
  removeTestOutdirs,
  reportedPrincipals as principals,
  resultIn,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PROJECT_KPI_READ as READ,
} from '../../../../support';

afterEach(removeTestOutdirs);


describe('the stacks of a cloud assembly', () => {
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
});

describe('stacksOf', () => {
  test('each stack\'s environment from the manifest; an unknown account or region (a token) is left out', () => {
    const app = testAppWithOutdir();
    newRole(testStack(app, 'Pinned', { account: ACCOUNT, region: REGION }), 'Role');
    newRole(new Stack(app, 'Agnostic'), 'Role');
    app.synth();
    expect(stacksOf(app.outdir, []).map(({ stackPath, env }) => ({ stackPath, env }))).toEqual([
      { stackPath: 'Pinned', env: { account: ACCOUNT, region: REGION } },
      { stackPath: 'Agnostic', env: { account: undefined, region: undefined } },
    ]);
  });

  test('a stack artifact without displayName (optional in the schema): its path is its artifact ID, as the CDK CLI reads it', () => {
    const app = testAppWithOutdir();
    newRole(new Stack(app, 'Agnostic'), 'Role');
    app.synth();
    const manifestFile = path.join(app.outdir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf-8'));
    delete manifest.artifacts.Agnostic.displayName;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(stacksOf(app.outdir, []).map(({ stackPath }) => stackPath)).toEqual(['Agnostic']);
  });
});

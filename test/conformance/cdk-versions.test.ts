/**
 * The aws-cdk-lib the tests run against: the floor under `npm test`, the newest release pinned in
 * .projenrc.ts under `npx projen test:newest-cdk` (test/cdk-versions/jest.config.js, which sets
 * EXPECTED_AWS_CDK_LIB_VERSION). A run that silently loaded another aws-cdk-lib, in a test or inside cdk-nag or the
 * library, fails here.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PinpointAnalyticsReadPolicy } from '../../lib';
import * as packageJson from '../../package.json';
import * as versions from '../cdk-versions/versions.json';
import { CDK_VERSION, compareVersions, newRole, synthesizeValidated } from '../support';

describe('the aws-cdk-lib under test', () => {
  test('is the floor under npm test, and the pinned newest release under test:newest-cdk', () => {
    const expected = process.env.EXPECTED_AWS_CDK_LIB_VERSION ?? versions.floor;
    console.log(`aws-cdk-lib under test: ${CDK_VERSION} (expected ${expected}; floor ${versions.floor}, newest ${versions.newest})`);
    expect(CDK_VERSION).toBe(expected);
  });

  test('the floor is the version package.json pins for development and declares as the peer dependency floor', () => {
    expect(packageJson.devDependencies['aws-cdk-lib']).toBe(versions.floor);
    expect(packageJson.peerDependencies['aws-cdk-lib']).toBe(`^${versions.floor}`);
  });

  test('the newest is a 2.x release after the floor', () => {
    expect(versions.newest).toMatch(/^2\.\d+\.\d+$/);
    expect(compareVersions(versions.newest, versions.floor)).toBeGreaterThan(0);
  });

  test('the tests, the library and cdk-nag load one aws-cdk-lib: every module of aws-cdk-lib comes from its folder', () => {
    // Load and use everything that requires aws-cdk-lib: the library (through an app) and cdk-nag (as a plugin).
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: ['a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'] })
      .grantTo(newRole(stack, 'Role'));
    expect(new AwsSolutionsChecks(app).validateScope(app).violations.length).toBeGreaterThan(0);
    synthesizeValidated(app);

    // jest's require.cache lists the modules this test file loaded, those of node_modules included.
    const cdkLibDir = path.dirname(require.resolve('aws-cdk-lib/package.json')) + path.sep;
    const loaded = Object.keys(require.cache);
    const cdkLibModules = loaded.filter((file) => file.split(path.sep).includes('aws-cdk-lib'));
    expect(loaded.some((file) => file.split(path.sep).includes('cdk-nag'))).toBe(true);
    expect(cdkLibModules.length).toBeGreaterThan(100);
    expect(cdkLibModules.filter((file) => !file.startsWith(cdkLibDir))).toEqual([]);
  });
});

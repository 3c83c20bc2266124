/**
 * The flags of a new app (test/cdk-versions/recommended-feature-flags.generated.json) are aws-cdk-lib's own list of
 * recommended flags, `recommended-feature-flags.json`, of the newest release the project tests: the file must be exactly
 * what scripts/generate-recommended-flags.ts renders from that release. `cdk init` writes the same list into a new app's
 * cdk.json (CI's consumer test, .ci/consumer.sh, checks that too).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { FLAGS_PATH, renderRecommendedFlags } from '../../scripts/generate-recommended-flags';
import * as versions from '../cdk-versions/versions.json';
import { CDK_VERSION, NEW_APP_FLAGS, RECOMMENDED_FLAGS, RECOMMENDED_FLAGS_VERSION } from '../support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installedNewestVersion, NEWEST_CDK_LIB_DIR } = require('../cdk-versions/newest-cdk');

const TOP = path.join(__dirname, '..', '..');

/**
 * The folder of the newest aws-cdk-lib, where this run can read it: the aws-cdk-lib under test (test:newest-cdk), or
 * the one installed into .cdk-newest/; `undefined` on the floor without that install (CI's floor run, which comes first).
 */
function newestCdkLibDir(): string | undefined {
  if (CDK_VERSION === versions.newest) {
    return path.dirname(require.resolve('aws-cdk-lib/package.json'));
  }
  return installedNewestVersion() === versions.newest ? NEWEST_CDK_LIB_DIR : undefined;
}

describe('the flags of a new app', () => {
  test('are those of the newest aws-cdk-lib the project tests (run `npx projen generate:recommended-flags`)', () => {
    expect(RECOMMENDED_FLAGS_VERSION).toBe(versions.newest);
  });

  const newest = newestCdkLibDir();
  (newest ? test : test.skip)(`are exactly aws-cdk-lib ${versions.newest}'s recommended-feature-flags.json, as generated`, () => {
    // GIVEN the newest release's own list
    const rendered = renderRecommendedFlags(newest!);
    // THEN the committed file is what the generator renders from it
    expect(readFileSync(path.join(TOP, FLAGS_PATH), 'utf-8')).toEqual(rendered);
    expect(RECOMMENDED_FLAGS).toEqual(JSON.parse(readFileSync(path.join(newest!, 'recommended-feature-flags.json'), 'utf-8')));
  });

  test('turn on the two flags that change what grants synthesize to', () => {
    expect(NEW_APP_FLAGS.minimizePolicies).toBe(true);
    expect(NEW_APP_FLAGS.weakCrossStackReferences).toBe(true);
    expect(RECOMMENDED_FLAGS['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
  });
});

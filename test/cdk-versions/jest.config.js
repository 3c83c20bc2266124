// @ts-check
/**
 * The jest configuration of package.json, run against the newest aws-cdk-lib (`npx projen test:newest-cdk`).
 *
 * moduleNameMapper sends every `require('aws-cdk-lib')` and `require('aws-cdk-lib/...')` to .cdk-newest/, including
 * those inside node_modules, so cdk-nag and the library load the same newest aws-cdk-lib as the tests. Tests read
 * the version they run against from `aws-cdk-lib/package.json` (test/support/cdk-version.ts);
 * test/conformance/cdk-versions.test.ts checks it is EXPECTED_AWS_CDK_LIB_VERSION, set here, and that no module of the
 * floor's aws-cdk-lib was loaded.
 *
 * Coverage is measured and enforced by `npm test` (the floor), not here. The JUnit report goes to
 * test-reports/newest-cdk/, beside the floor's.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, VERSIONS, newestCdkLibDir } = require('./newest-cdk');

const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).jest;
const lib = newestCdkLibDir();

// Read by test/conformance/cdk-versions.test.ts in every jest worker (they inherit this process's environment).
process.env.EXPECTED_AWS_CDK_LIB_VERSION = VERSIONS.newest;

/** package.json's reporters, with jest-junit writing to test-reports/newest-cdk/. */
const reporters = (base.reporters ?? ['default']).map((/** @type {any} */ reporter) =>
  Array.isArray(reporter) && reporter[0] === 'jest-junit'
    ? ['jest-junit', { ...reporter[1], outputDirectory: path.join('test-reports', 'newest-cdk') }]
    : reporter);

const { coverageThreshold: _floorOnly, ...rest } = base;

module.exports = {
  ...rest,
  rootDir: ROOT,
  collectCoverage: false,
  reporters,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^aws-cdk-lib$': lib,
    '^aws-cdk-lib/(.*)$': `${lib}/$1`,
  },
};

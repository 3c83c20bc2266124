// @ts-check
/**
 * Where the newest aws-cdk-lib lives, and which version it must be.
 *
 * `npm test` runs against the floor, the aws-cdk-lib that package-lock.json pins. The newest 2.x release, pinned
 * exactly in .projenrc.ts (and written to versions.json by projen), is installed into .cdk-newest/ beside the
 * project, outside package.json and package-lock.json, by install-newest.js; jest.config.js (the test suite) and
 * use-newest-cdk.js (the example apps) load it from there. It shares the project's `constructs`: .cdk-newest/ is
 * inside the checkout, so Node.js finds `constructs` in the checkout's node_modules.
 */
const fs = require('fs');
const path = require('path');

/** The top of the checkout. */
const ROOT = path.resolve(__dirname, '..', '..');

/** The aws-cdk-lib versions CI tests: `floor` (package-lock.json) and `newest` (installed into .cdk-newest/). */
const VERSIONS = /** @type {{ floor: string, newest: string }} */ (
  JSON.parse(fs.readFileSync(path.join(__dirname, 'versions.json'), 'utf-8'))
);

/** The folder npm installs the newest aws-cdk-lib into (`npm install --prefix`); git and npm ignore it. */
const INSTALL_DIR = path.join(ROOT, '.cdk-newest');

/** The newest aws-cdk-lib's package folder. */
const NEWEST_CDK_LIB_DIR = path.join(INSTALL_DIR, 'node_modules', 'aws-cdk-lib');

/** The version of the aws-cdk-lib installed in .cdk-newest/, or undefined if there is none. */
function installedNewestVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(NEWEST_CDK_LIB_DIR, 'package.json'), 'utf-8')).version;
  } catch {
    return undefined;
  }
}

/**
 * The folder of the newest aws-cdk-lib, after checking that it is the pinned version: a stale or missing install
 * fails here rather than testing some other version.
 */
function newestCdkLibDir() {
  const installed = installedNewestVersion();
  if (installed !== VERSIONS.newest) {
    throw new Error(`aws-cdk-lib ${VERSIONS.newest} is not installed in ${INSTALL_DIR} (found: ${installed ?? 'none'}): `
      + 'run `npx projen install:newest-cdk` (the test:newest-cdk and synth:newest-cdk tasks run it)');
  }
  return NEWEST_CDK_LIB_DIR;
}

module.exports = { ROOT, VERSIONS, INSTALL_DIR, NEWEST_CDK_LIB_DIR, installedNewestVersion, newestCdkLibDir };

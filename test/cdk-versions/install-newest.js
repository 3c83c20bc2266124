// @ts-check
/**
 * Installs the newest aws-cdk-lib (versions.json's `newest`) into .cdk-newest/, unless that exact version is already
 * there. package.json and package-lock.json stay as they are: `--prefix` installs into .cdk-newest/, `--no-save` and
 * `--no-package-lock` write no manifest, and `--legacy-peer-deps` leaves out the peer dependency `constructs`, so
 * aws-cdk-lib uses the project's.
 *
 * Run it with `npx projen install:newest-cdk`.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const { INSTALL_DIR, VERSIONS, installedNewestVersion, newestCdkLibDir } = require('./newest-cdk');

const installed = installedNewestVersion();
if (installed === VERSIONS.newest) {
  console.log(`aws-cdk-lib ${installed} is already installed in ${INSTALL_DIR}`);
} else {
  console.log(`installing aws-cdk-lib ${VERSIONS.newest} into ${INSTALL_DIR}` + (installed ? ` (replacing ${installed})` : ''));
  fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
  fs.mkdirSync(INSTALL_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, [
    'install', '--prefix', INSTALL_DIR, '--no-save', '--no-package-lock', '--legacy-peer-deps',
    '--no-audit', '--no-fund', `aws-cdk-lib@${VERSIONS.newest}`,
  ], { stdio: 'inherit' });
  newestCdkLibDir(); // fails if npm installed anything but the pinned version
  console.log(`aws-cdk-lib ${VERSIONS.newest} installed in ${INSTALL_DIR}`);
}

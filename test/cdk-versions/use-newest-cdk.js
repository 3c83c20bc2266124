// @ts-check
/**
 * Preload (`node -r` / `ts-node -r`) that makes a Node.js process load the newest aws-cdk-lib from .cdk-newest/
 * instead of the floor's in node_modules: every `require('aws-cdk-lib')` and `require('aws-cdk-lib/...')`, from any
 * module (the library, an example app, cdk-nag), resolves there. The synth:newest-cdk task synthesizes the example
 * apps with it:
 *
 *   npx cdk synth --app 'npx ts-node -r ./test/cdk-versions/use-newest-cdk.js --prefer-ts-exts examples/<app>/app.ts'
 *
 * A missing or stale install fails at once (newestCdkLibDir); so does a request that resolves anywhere else. The
 * synthesized tree.json records the aws-cdk-lib version of every construct, which check-assembly.js checks.
 */
const Module = require('module');
const path = require('path');
const { INSTALL_DIR, newestCdkLibDir } = require('./newest-cdk');

const libDir = newestCdkLibDir() + path.sep;

/** @type {any} */
const moduleInternals = Module;
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
  if (request !== 'aws-cdk-lib' && !request.startsWith('aws-cdk-lib/')) {
    return resolveFilename.call(this, request, ...rest);
  }
  const [parent, isMain, options] = rest;
  // Resolve as if required from .cdk-newest/: node_modules lookup starts at .cdk-newest/node_modules, and the
  // package's `exports` map applies as usual.
  const resolved = resolveFilename.call(this, request, parent, isMain, { ...(options ?? {}), paths: [INSTALL_DIR] });
  if (!resolved.startsWith(libDir)) {
    throw new Error(`use-newest-cdk: '${request}' resolved to ${resolved}, outside ${libDir}`);
  }
  return resolved;
};

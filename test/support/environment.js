// @ts-check
/**
 * The jest test environment of this project (package.json's `jest.testEnvironment`, set in .projenrc.ts): jest's node
 * environment, with two changes.
 *
 * 1. aws-cdk-lib's CloudFormation rules (`@aws-cdk/core:validateAgainstDefaultRules`, which the tests turn on) run in
 *    `@aws/cloudformation-validate`, whose 7.8 MB WebAssembly module is compiled when it is required: ~7.5 s. jest
 *    gives every test file a fresh module registry, so every file that synthesizes paid it again. Here it is required
 *    once per worker process, outside the test files' sandboxes, from the aws-cdk-lib the configuration maps
 *    (`moduleNameMapper`'s `^aws-cdk-lib$`, as test/cdk-versions/jest.config.js sets it for the newest release;
 *    otherwise the one in node_modules), and handed to each test file as `globalThis.__cfnValidate`; the module name
 *    mapper sends `require('@aws/cloudformation-validate')` to test/support/cloudformation-validate.js, which returns
 *    it. Its rule engines are shared too (see `cfnValidateOf`). The rules themselves still run on every synthesis.
 * 2. Nothing is left behind: an `App` without `outdir` synthesizes into a new `cdk.out*` folder of the system's
 *    temporary folder (os.tmpdir()), and one run of the suite made thousands. Each test file runs with TMPDIR set to a
 *    temporary folder of its own, removed with everything in it when the file has run.
 *
 * tools/mutation/bail-environment.js (Stryker) builds on this one.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { TestEnvironment } = require('jest-environment-node');

/** `@aws/cloudformation-validate` by the folder of the aws-cdk-lib that bundles it: loaded once per process. */
const cfnValidateByCdkLib = new Map();

/**
 * The folder of the aws-cdk-lib the tests load: the target of a `^aws-cdk-lib$` module name mapping, or else the one
 * Node.js resolves from the project's root.
 *
 * @param {{ rootDir: string, moduleNameMapper?: Array<[string, string | string[]]> }} projectConfig
 */
function cdkLibDir(projectConfig) {
  const mapped = (projectConfig.moduleNameMapper ?? []).find(([pattern]) => pattern === '^aws-cdk-lib$');
  if (mapped) {
    return [mapped[1]].flat()[0];
  }
  return path.dirname(require.resolve('aws-cdk-lib/package.json', { paths: [projectConfig.rootDir] }));
}

/**
 * The module, with its rule engines shared as well: `new RegoEngine(config)` (aws-cdk-lib's plugin makes one per module
 * registry, so one per test file) returns the engine already made for an equal `config`. Making an engine compiles
 * the rules inside the WebAssembly module, and the engines of earlier test files are never freed there: a run of the
 * whole suite slowed down file by file until one file's engine took minutes. An engine keeps no state between
 * validations (each call passes the template and its own options).
 *
 * @param {string} dir the folder of an aws-cdk-lib
 */
function cfnValidateOf(dir) {
  if (!cfnValidateByCdkLib.has(dir)) {
    const cfnValidate = require(require.resolve('@aws/cloudformation-validate', { paths: [dir] }));
    cfnValidateByCdkLib.set(dir, {
      ...cfnValidate,
      RegoEngine: sharedInstances(cfnValidate.RegoEngine),
      CelEngine: sharedInstances(cfnValidate.CelEngine),
    });
  }
  return cfnValidateByCdkLib.get(dir);
}

/**
 * A constructor that makes one instance of `Engine` per configuration (by its JSON) and returns it to every `new`.
 *
 * @param {new (config?: unknown) => object} Engine
 */
function sharedInstances(Engine) {
  /** @type {Map<string, object>} */
  const instances = new Map();
  return function SharedEngine(/** @type {unknown} */ config) {
    const key = JSON.stringify(config ?? {});
    if (!instances.has(key)) {
      instances.set(key, new Engine(config));
    }
    return instances.get(key);
  };
}

class PinpointGrantsTestEnvironment extends TestEnvironment {
  /**
   * @param {import('@jest/environment').JestEnvironmentConfig} config
   * @param {import('@jest/environment').EnvironmentContext} context
   */
  constructor(config, context) {
    super(config, context);
    this.global.__cfnValidate = cfnValidateOf(cdkLibDir(config.projectConfig));
    /** @type {string | undefined} */
    this.tmpdir = undefined;
    /** @type {string | undefined} */
    this.tmpdirBefore = undefined;
  }

  async setup() {
    await super.setup();
    this.tmpdirBefore = process.env.TMPDIR;
    this.tmpdir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'pinpoint-grants-test-'));
    // os.tmpdir() reads the process's own environment (aws-cdk-lib's cdk.out folders); a test file reads its copy.
    process.env.TMPDIR = this.tmpdir;
    this.global.process.env.TMPDIR = this.tmpdir;
  }

  async teardown() {
    if (this.tmpdirBefore === undefined) {
      delete process.env.TMPDIR;
    } else {
      process.env.TMPDIR = this.tmpdirBefore;
    }
    if (this.tmpdir) {
      fs.rmSync(this.tmpdir, { recursive: true, force: true });
    }
    await super.teardown();
  }
}

module.exports = PinpointGrantsTestEnvironment;

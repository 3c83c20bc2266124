// @ts-check
/**
 * The jest test environment of this project (package.json's `jest.testEnvironment`, set in .projenrc.ts): jest's node
 * environment, with two changes.
 *
 * 1. `@aws/cloudformation-validate` (aws-cdk-lib's CloudFormation rules) is compiled once per worker process, not once
 *    per test file, and handed to each test file as `globalThis.__cfnValidate` (shared-cfn-validate.js says how).
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
const { cfnValidateFor } = require('./shared-cfn-validate');

class PinpointGrantsTestEnvironment extends TestEnvironment {
  /**
   * @param {import('@jest/environment').JestEnvironmentConfig} config
   * @param {import('@jest/environment').EnvironmentContext} context
   */
  constructor(config, context) {
    super(config, context);
    this.global.__cfnValidate = cfnValidateFor(config.projectConfig);
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

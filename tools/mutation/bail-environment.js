/**
 * For mutation testing only (stryker.config.mjs): the project's test environment (test/support/environment.js: one
 * `@aws/cloudformation-validate` per process, a temporary folder per test file), except that once a test has failed,
 * every later test of the run is skipped. A mutant is killed by its first failing test, and jest has no option to stop
 * a single suite at the first failure (its `bail` counts failed suites; all tests run as one suite here).
 *
 * Nothing changes for a run in which no test fails, such as Stryker's initial run on the unmutated code.
 *
 * It also hands the run's test name pattern to tools/mutation/all-tests.ts, which loads only the files it names.
 */
const PinpointGrantsTestEnvironment = require('../../test/support/environment');

class BailOnFirstFailureEnvironment extends PinpointGrantsTestEnvironment {
  failed = false;

  constructor(config, context) {
    super(config, context);
    // Stryker runs a mutant with a test name pattern that lists the tests covering it (none for a mutant it cannot
    // attribute to tests): tools/mutation/all-tests.ts loads only the test files those tests are in.
    this.global.__strykerTestNamePattern = config.globalConfig.testNamePattern;
  }

  async handleTestEvent(event) {
    if (event.name === 'test_done' && event.test.errors.length > 0) {
      this.failed = true;
    } else if (event.name === 'test_start' && this.failed) {
      // jest-circus reads the mode just after dispatching test_start: the test is reported as skipped.
      event.test.mode = 'skip';
    }
  }
}

module.exports = BailOnFirstFailureEnvironment;

/**
 * For mutation testing only (stryker.config.mjs): the project's test environment (test/support/environment.js: one
 * `@aws/cloudformation-validate` per process, a temporary folder per test file), except that once a test has failed,
 * every later test of the run is skipped. A mutant is killed by its first failing test, and jest has no option to stop
 * a single suite at the first failure (its `bail` counts failed suites; all tests run as one suite here).
 *
 * Nothing changes for a run in which no test fails, such as Stryker's initial run on the unmutated code.
 */
const PinpointGrantsTestEnvironment = require('../../test/support/environment');

class BailOnFirstFailureEnvironment extends PinpointGrantsTestEnvironment {
  failed = false;

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

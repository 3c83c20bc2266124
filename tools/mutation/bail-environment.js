/**
 * For mutation testing only (stryker.config.mjs): the project's test environment (test/support/environment.js: one
 * `@aws/cloudformation-validate` per process, a temporary folder per test file), with three changes.
 *
 * 1. Once a test has failed, every later test of the run is skipped. A mutant is killed by its first failing test, and
 *    jest has no option to stop a single suite at the first failure (its `bail` counts failed suites; all tests run as
 *    one suite here). Nothing changes for a run in which no test fails, such as Stryker's initial run.
 * 2. What a `beforeAll` or `afterAll` hook covers is attributed to every test of its `describe` block. Stryker
 *    attributes a mutant to the test running when it is reached, and counts one reached outside any test (a hook that
 *    synthesizes an app for the tests below it) as static: such a mutant ran every test of the suite, about half of
 *    the mutants of the grant step's files. A mutant run needs the hook and the tests that read what it built; jest
 *    runs a block's `beforeAll` whenever one of its tests runs. Likewise what a test file covers while it loads
 *    (tools/mutation/all-tests.ts records it) is attributed to the file's tests; what runs while a module of lib/
 *    loads stays static.
 * 3. It hands the run's test name pattern to tools/mutation/all-tests.ts, which loads only the files it names.
 */
const PinpointGrantsTestEnvironment = require('../../test/support/environment');

/** Stryker's coverage key for the hook that is running (never a test's full name: those start with a file's path). */
const HOOK = ' all-tests hook';

/** The full names of the tests in `block` and the blocks within it, as Stryker's jest environment names them. */
function testNames(block) {
  return block.children.flatMap((child) => (child.type === 'test' ? [fullName(child)] : testNames(child)));
}

function fullName(test) {
  const names = [];
  for (let block = test.parent; block?.parent; block = block.parent) {
    names.unshift(block.name);
  }
  return [...names, test.name].join(' ');
}

/** Adds `hits` (mutant ID to count) to what the test named `name` covers. */
function addHits(stryker, name, hits) {
  const covered = (stryker.mutantCoverage.perTest[name] ??= {});
  for (const [mutant, count] of Object.entries(hits)) {
    covered[mutant] = (covered[mutant] ?? 0) + count;
  }
}

class BailOnFirstFailureEnvironment extends PinpointGrantsTestEnvironment {
  failed = false;
  inHook = false;

  constructor(config, context) {
    super(config, context);
    // Stryker runs a mutant with a test name pattern that lists the tests covering it (none for a mutant it cannot
    // attribute to tests).
    this.global.__strykerTestNamePattern = config.globalConfig.testNamePattern;
  }

  async handleTestEvent(event, state) {
    if (event.name === 'test_done' && event.test.errors.length > 0) {
      this.failed = true;
    } else if (event.name === 'test_start' && this.failed) {
      // jest-circus reads the mode just after dispatching test_start: the test is reported as skipped.
      event.test.mode = 'skip';
    } else if (event.name === 'run_start') {
      // What each test file covered while it loaded (tools/mutation/all-tests.ts), added to the file's tests.
      const stryker = this.global.__stryker__;
      const collected = this.global.__collectedCoverage ?? {};
      for (const block of stryker?.mutantCoverage ? state.rootDescribeBlock.children : []) {
        const hits = block.type === 'describeBlock' ? collected[block.name] : undefined;
        for (const name of hits ? testNames(block) : []) {
          addHits(stryker, name, hits);
        }
      }
    } else if (event.name === 'hook_start' && (event.hook.type === 'beforeAll' || event.hook.type === 'afterAll')) {
      const stryker = this.global.__stryker__;
      if (stryker?.mutantCoverage && stryker.currentTestId === undefined) {
        stryker.currentTestId = HOOK;
        this.inHook = true;
      }
    } else if ((event.name === 'hook_success' || event.name === 'hook_failure') && this.inHook) {
      const stryker = this.global.__stryker__;
      stryker.currentTestId = undefined;
      this.inHook = false;
      const hits = stryker.mutantCoverage.perTest[HOOK];
      delete stryker.mutantCoverage.perTest[HOOK];
      for (const name of hits ? testNames(event.hook.parent) : []) {
        addHits(stryker, name, hits);
      }
    }
  }
}

module.exports = BailOnFirstFailureEnvironment;

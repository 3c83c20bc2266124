// Mutation testing of lib/ with Stryker: `npm run mutation` (projen task `mutation`, defined in .projenrc.ts).
//
// It runs the whole jest suite (jest config from package.json) against every mutant of lib/, and takes well over ten
// minutes on two cores, so it stays outside CI; `npm run mutation:score` adds up the score and keeps each file's
// figures in tools/mutation/results/ (committed; see docs/verification.md).
// Reports: reports/mutation/mutation.html and .json; `npx stryker run --incremental` reuses the last results for
// mutants and tests that did not change.
// Beware: Stryker sees only tools/mutation/all-tests.ts, not the test files it loads, so after tests are added an
// incremental run keeps a mutant's old "Survived" as it was. To retest the survivors, delete their entries from the
// incremental file first (or run without --incremental).
//
// All test files run as one jest suite (tools/mutation/all-tests.ts): jest loads aws-cdk-lib once per mutant instead of
// once per test file, which cuts a run of the suite from minutes to well under one. That suite's snapshots are written
// in Stryker's sandbox by the first (unmutated) run and compared against on every mutant. A mutant's run loads only the
// test files of the tests that cover it (every file for a static mutant), the mutated modules' own tests first and the
// costliest files last, and stops at its first failing test (tools/mutation/bail-environment.js), so a killed mutant
// costs about a second; a surviving one runs every test that covers it.

import { reportBase } from './tools/mutation/report-base.mjs';

// The property-based tests run fewer cases per mutant (their seeds stay fixed) and skip shrinking a counterexample:
// a mutant is killed by the first disagreement. Child processes inherit these.
process.env.MODEL_RUNS ??= '12';
process.env.MODEL_SHRINK ??= '0';
process.env.FUZZ_RUNS ??= '25';
process.env.SAR_STRIDE ??= '5';
// The tests of the compiled pinpoint-access-check command run build/, which Stryker's sandbox does not copy (and which
// holds no mutant): they are skipped.
process.env.COMPILED_COMMAND_TESTS ??= 'skip';

// A full run takes longer than a working session on two cores, and Stryker keeps its results only when a run ends.
// MUTATE_FILE=lib/private/grant/validation.ts mutates one file, with its own reports and incremental file under
// reports/mutation/files/; `node tools/mutation/score.mjs` adds up the latest report of every file of lib/.
// MUTATE_FILE may list several files, comma-separated, with MUTATE_NAME naming the run's reports: they share one
// initial run of the suite. Every run writes the time each file cost to <report base>.times.json.
const only = process.env.MUTATE_FILE?.split(',').map((f) => f.trim()).filter((f) => f !== '');
if (only !== undefined && only.length > 1 && !process.env.MUTATE_NAME) {
  throw new Error(`MUTATE_FILE lists ${only.length} files: give the run a name with MUTATE_NAME (its reports' file name).`);
}
const base = reportBase(only?.length > 1 ? process.env.MUTATE_NAME : only?.[0]);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'package.json',
    // all-tests.ts requires the test files dynamically: jest cannot see that they depend on lib/.
    enableFindRelatedTests: false,
    config: {
      testMatch: ['<rootDir>/tools/mutation/all-tests.ts'],
      // Stops a mutant's run at its first failing test (jest cannot, see the file).
      testEnvironment: './tools/mutation/bail-environment.js',
      // No coverage report and no JUnit file per mutant run.
      collectCoverage: false,
      reporters: ['default'],
    },
  },
  coverageAnalysis: 'perTest',
  // Stryker writes `// @ts-nocheck` at the top of each file it copies; not into the generated tables, whose tests
  // compare each file with what its generator renders.
  disableTypeChecks: '{lib,test,tools}/**/!(*.generated).ts',
  // The generated tables (mobiletargeting actions, AWS managed policies, SAM policy templates) are data, not logic:
  // mutating them would only test that their tests read them.
  mutate: only ?? ['lib/**/*.ts', '!lib/index.ts', '!lib/**/*.generated.ts'],
  // What the tests need; not the compiled output, the language packages or old reports.
  ignorePatterns: ['/build', '/dist', '/coverage', '/test-reports', '/cdk.out', '/reports', '/bench', '/.jsii',
    '/.jsii.tabl.json', '/API.md', '/tools/mutation/__snapshots__'],
  concurrency: 2,
  timeoutMS: 60_000,
  appendPlugins: ['./tools/mutation/file-times-reporter.mjs'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'file-times'],
  htmlReporter: { fileName: `${base}.html` },
  jsonReporter: { fileName: `${base}.json` },
  thresholds: { high: 95, low: 90, break: null },
  incrementalFile: `${base}.incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

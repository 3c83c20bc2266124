/**
 * For mutation testing only (stryker.config.mjs): every test file under test/ (its folders included) in one jest
 * suite, so that aws-cdk-lib is loaded once per mutant instead of once per test file. Each file's tests run in a
 * `describe` named after its path under test/.
 *
 * The files run cheapest first: with tools/mutation/bail-environment.js, a mutant's run stops at its first failing
 * test, so most mutants are killed by the quick example tests before the property-based tests start. The files not
 * listed run between the two lists, the direct tests of lib/ modules first, each group in path order; none is left out,
 * and a listed file that does not exist is an error.
 *
 * A mutant's run loads only the test files of the tests that cover it. Stryker runs a mutant with a test name pattern
 * made of the full names of those tests, each one escaped and in parentheses (`(name)|(name)`); a full name starts with
 * the `describe` below, its file's path. Loading every file took about 4 s per mutant on two cores before the first test
 * ran. A mutant Stryker cannot attribute to tests (one run when a module loads) has no pattern, and loads every file.
 */
import { readdirSync } from 'fs';
import * as path from 'path';

const TEST_DIR = path.join(__dirname, '..', '..', 'test');

const CHEAPEST_FIRST = [
  'conformance/golden.test.ts',
  'conformance/kpi-names.test.ts',
  'lib/private/grant/canonical.test.ts',
  'lib/private/grant/redirecting-principal.test.ts',
  'lib/campaign-kpi-grant.test.ts',
  'lib/journey-metrics-grant.test.ts',
  'lib/pinpoint-analytics-read-policy.test.ts',
  'lib/private/grant/delivery.test.ts',
  'lib/private/grant/validation.errors.test.ts',
  'lib/private/grant/validation.test.ts',
  'evaluator/tokens.test.ts',
  'conformance/migrating-page.test.ts',
  'lib/private/size/policy-size-validation.test.ts',
  'lib/private/size/policy-size.test.ts',
  'conformance/cdk-nag.test.ts',
  'evaluator/campaign-and-journey-grants.test.ts',
  'lib/private/grant/principal-policy.test.ts',
];

/** The files that cost most (seconds each in a run of the suite, against a tenth of a second for most): run last. */
const COSTLIEST_LAST = [
  'conformance/aws-managed-policies-table.test.ts',
  'judge/access-check-fixes.test.ts',
  'properties/canonical-form.test.ts',
  'conformance/sar-conformance.test.ts',
  'properties/fuzz.test.ts',
  'properties/model-based.test.ts',
];

/** Every file below `dir` whose name ends with `suffix` (snapshots and node_modules left out), as full paths. */
function filesBelow(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__snapshots__' || entry.name === 'node_modules' ? [] : filesBelow(full, suffix);
    }
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** Every `*.test.ts` below `dir`, as paths relative to TEST_DIR with `/` separators. */
function testFiles(dir: string): string[] {
  return filesBelow(dir, '.test.ts').map((full) => path.relative(TEST_DIR, full).split(path.sep).join('/'));
}

const FILES = testFiles(TEST_DIR);
// A file renamed or split away would otherwise only lose its place in the order, unnoticed.
const missing = [...CHEAPEST_FIRST, ...COSTLIEST_LAST].filter((file) => !FILES.includes(file));
if (missing.length > 0) {
  throw new Error(`all-tests.ts names test files that do not exist: ${missing.join(', ')}`);
}

/**
 * The direct tests of the files being mutated (stryker.config.mjs's MUTATE_FILE: lib/a/b.ts is tested by
 * test/lib/a/b.test.ts and test/lib/a/b.*.test.ts): a mutant Stryker cannot attribute to tests runs every file, and its
 * module's own tests are the likeliest to kill it.
 */
const MUTATED_MODULES_TESTS = (process.env.MUTATE_FILE ?? '').split(',')
  .map((file) => file.trim().replace(/\.ts$/, ''))
  .filter((file) => file.startsWith('lib/'));
const testsAMutatedModule = (file: string) =>
  MUTATED_MODULES_TESTS.some((module) => file === `${module}.test.ts` || file.startsWith(`${module}.`));

/**
 * The tests of the modules being mutated; CHEAPEST_FIRST in its order; the other direct tests of lib/ modules; the
 * other files; COSTLIEST_LAST.
 */
const rank = (file: string) => {
  if (testsAMutatedModule(file)) {
    return -1;
  }
  const first = CHEAPEST_FIRST.indexOf(file);
  if (first !== -1) {
    return first;
  }
  const last = COSTLIEST_LAST.indexOf(file);
  if (last !== -1) {
    return CHEAPEST_FIRST.length + 2 + last;
  }
  return CHEAPEST_FIRST.length + (file.startsWith('lib/') ? 0 : 1);
};

/** What Stryker's jest runner does to a test's full name in its pattern (escapeRegExp of @stryker-mutator/util). */
const escaped = (text: string) => text.replace(/[.*+\-?^${}()|[\]\\]/g, '\\$&');

/** The test files a mutant's run needs: those its pattern names, or every file when it names none of them. */
function filesFor(pattern: string | undefined, files: string[]): string[] {
  if (pattern === undefined) {
    return files;
  }
  const named = files.filter((file) => pattern.includes(`(${escaped(`${file} `)}`));
  // A pattern that names no file at all is not Stryker's: run everything rather than nothing.
  return named.length > 0 ? named : files;
}

/** Every module of lib/ but the bin file (which runs the command when loaded), and the tests' shared helpers. */
function modulesToPreload(): string[] {
  const LIB_DIR = path.join(TEST_DIR, '..', 'lib');
  return [...filesBelow(LIB_DIR, '.ts').filter((file) => file !== path.join(LIB_DIR, 'cli', 'pinpoint-access-check.ts')),
    path.join(TEST_DIR, 'support', 'index.ts'), ...filesBelow(path.join(TEST_DIR, 'model'), '.ts')];
}

interface StrykerContext {
  currentTestId?: string;
  mutantCoverage?: { perTest: Record<string, Record<string, number>> };
}

const globals = globalThis as {
  __strykerTestNamePattern?: string;
  __stryker__?: StrykerContext;
  __collectedCoverage?: Record<string, Record<string, number>>;
};
const pattern = globals.__strykerTestNamePattern;

/**
 * What Stryker's initial run covers while a test file loads (its `describe` bodies, its `test.each` tables) is
 * recorded for that file; bail-environment.js adds it to the file's tests once all files are loaded. Without this,
 * Stryker counts it as static and runs every test file for each such mutant. So that what runs while a module of
 * lib/ or a shared helper loads stays static (every test depends on it), they are loaded first, before any test file.
 * A mutant's run (with a pattern) needs none of this.
 */
const collectedCoverage: Record<string, Record<string, number>> = (globals.__collectedCoverage = {});
if (pattern === undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  modulesToPreload().forEach((module) => require(module));
}

function loading(file: string, load: () => void): void {
  const stryker = globals.__stryker__;
  if (pattern !== undefined || !stryker?.mutantCoverage || stryker.currentTestId !== undefined) {
    load();
    return;
  }
  const key = ` loading ${file}`;
  stryker.currentTestId = key;
  try {
    load();
  } finally {
    stryker.currentTestId = undefined;
    collectedCoverage[file] = stryker.mutantCoverage.perTest[key] ?? {};
    delete stryker.mutantCoverage.perTest[key];
  }
}

for (const file of filesFor(pattern, FILES).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loading(file, () => require(path.join(TEST_DIR, file)));
  });
}

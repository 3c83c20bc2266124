/**
 * For mutation testing only (stryker.config.mjs): every test file under test/ (its folders included) in one jest
 * suite, so that aws-cdk-lib is loaded once per mutant instead of once per test file. Each file's tests run in a
 * `describe` named after its path under test/.
 *
 * The files run cheapest first: with tools/mutation/bail-environment.js, a mutant's run stops at its first failing
 * test, so most mutants are killed by the quick example tests before the property-based tests start. Files not listed
 * run after the listed ones, in path order; none is left out, and a listed file that does not exist is an error.
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
  'properties/canonical-form.test.ts',
  'conformance/sar-conformance.test.ts',
  'properties/fuzz.test.ts',
  'properties/model-based.test.ts',
];

/** Every `*.test.ts` below `dir`, as paths relative to TEST_DIR with `/` separators. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__snapshots__' || entry.name === 'node_modules' ? [] : testFiles(full);
    }
    return entry.name.endsWith('.test.ts') ? [path.relative(TEST_DIR, full).split(path.sep).join('/')] : [];
  });
}

const FILES = testFiles(TEST_DIR);
// A file renamed or split away would otherwise only lose its place in the order, unnoticed.
const missing = CHEAPEST_FIRST.filter((file) => !FILES.includes(file));
if (missing.length > 0) {
  throw new Error(`CHEAPEST_FIRST names test files that do not exist: ${missing.join(', ')}`);
}

const rank = (file: string) => {
  const i = CHEAPEST_FIRST.indexOf(file);
  return i === -1 ? CHEAPEST_FIRST.length : i;
};

for (const file of FILES.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(TEST_DIR, file));
  });
}

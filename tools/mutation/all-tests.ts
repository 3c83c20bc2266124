/**
 * For mutation testing only (stryker.config.mjs): every test file under test/ (its folders included) in one jest
 * suite, so that aws-cdk-lib is loaded once per mutant instead of once per test file. Each file's tests run in a
 * `describe` named after its path under test/.
 *
 * The files run cheapest first: with tools/mutation/bail-environment.js, a mutant's run stops at its first failing
 * test, so most mutants are killed by the quick example tests before the property-based tests start. Files not listed
 * run after the listed ones, in path order; none is left out.
 */
import { readdirSync } from 'fs';
import * as path from 'path';

const TEST_DIR = path.join(__dirname, '..', '..', 'test');

const CHEAPEST_FIRST = [
  'conformance/golden.test.ts',
  'unit/kpi-names.test.ts',
  'unit/canonical.test.ts',
  'constructs/principal-policy.test.ts',
  'constructs/campaign-kpi-grant.test.ts',
  'constructs/journey-metrics-grant.test.ts',
  'constructs/pinpoint-analytics-read-policy.test.ts',
  'constructs/principals.test.ts',
  'constructs/errors.test.ts',
  'unit/validation.test.ts',
  'constructs/tokens.test.ts',
  'conformance/migrating-page.test.ts',
  'size/policy-size-check.test.ts',
  'unit/policy-size.test.ts',
  'conformance/cdk-nag.test.ts',
  'constructs/access.test.ts',
  'constructs/several-grants.test.ts',
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

const rank = (file: string) => {
  const i = CHEAPEST_FIRST.indexOf(file);
  return i === -1 ? CHEAPEST_FIRST.length : i;
};

for (const file of testFiles(TEST_DIR).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(TEST_DIR, file));
  });
}

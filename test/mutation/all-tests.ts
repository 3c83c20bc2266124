/**
 * For mutation testing only (stryker.config.mjs): every test file of test/ in one jest suite, so that aws-cdk-lib is
 * loaded once per mutant instead of once per test file. Each file's tests run in a `describe` named after it.
 */
import { readdirSync } from 'fs';
import * as path from 'path';

const TEST_DIR = path.join(__dirname, '..');

for (const file of readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.ts')).sort()) {
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(TEST_DIR, file));
  });
}

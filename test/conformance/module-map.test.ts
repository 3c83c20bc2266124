/**
 * The two maps a newcomer reads to find their way: docs/architecture.md (each file of lib/ in its pipeline step, with
 * its tests) and the table "From module to tests" of docs/contributing.md. They go stale silently when a module or a
 * test file is added, moved or split; these tests say so instead. What they check against is the tree itself.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Every file below `dir` (relative to the repository, `/`-separated) whose name ends with `suffix`. */
function filesBelow(dir: string, suffix: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      return entry.name === '__snapshots__' ? [] : filesBelow(relative, suffix);
    }
    return entry.name.endsWith(suffix) ? [relative] : [];
  }).sort();
}

/** The rows of the Markdown tables of `text` that name a file of lib/ in `column`: lib files → test files named. */
function tableRows(text: string, column: number): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n').filter((l) => l.startsWith('|'))) {
    const cells = line.split('|').slice(1, -1);
    const libFiles = [...(cells[column] ?? '').matchAll(/`(lib\/[^`]+\.ts)`/g)].map(([, file]) => file);
    const tests = cells.slice(column + 1).flatMap((cell) => [...cell.matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map(([, file]) => file));
    for (const file of libFiles) {
      rows.set(file, [...(rows.get(file) ?? []), ...tests]);
    }
  }
  return rows;
}

/** The module of lib/ a file of test/lib/ mirrors: test/lib/x/y.aspect.test.ts → lib/x/y.ts. */
function mirroredModule(testFile: string): string {
  const [base] = path.posix.basename(testFile).split('.');
  return `lib/${path.posix.dirname(testFile.replace(/^test\/lib\/?/, '')).replace(/^\.$/, '')}/${base}.ts`.replace('lib//', 'lib/');
}

const LIB_FILES = filesBelow('lib', '.ts');
const MIRROR_TESTS = filesBelow('test/lib', '.test.ts');
const PAGES = {
  'docs/architecture.md': tableRows(readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf-8'), 1),
  'docs/contributing.md': tableRows(readFileSync(path.join(ROOT, 'docs', 'contributing.md'), 'utf-8')
    .split('## From module to tests')[1] ?? '', 0),
};

describe.each(Object.entries(PAGES))('%s', (_page, rows) => {
  test('names every file of lib/, and no file lib/ does not have', () => {
    expect([...rows.keys()].sort()).toEqual(LIB_FILES);
  });

  test('names at least one test for each file, and only tests that exist', () => {
    for (const [file, tests] of rows) {
      expect({ file, tests: tests.length > 0 }).toEqual({ file, tests: true });
      expect({ file, missing: tests.filter((test) => !existsSync(path.join(ROOT, test))) }).toEqual({ file, missing: [] });
    }
  });

  test('names every file of test/lib/ as a test of the module it mirrors', () => {
    for (const testFile of MIRROR_TESTS) {
      const module = mirroredModule(testFile);
      expect({ testFile, module, named: rows.get(module)?.includes(testFile) === true }).toEqual({ testFile, module, named: true });
    }
  });
});

describe('test/lib/', () => {
  test('mirrors lib/: every test file there is named after a module of lib/', () => {
    expect(MIRROR_TESTS.length).toBeGreaterThan(30);
    expect(MIRROR_TESTS.map(mirroredModule).filter((module) => !LIB_FILES.includes(module))).toEqual([]);
  });

  test('the mirror is read as the tables read it', () => {
    expect(mirroredModule('test/lib/private/grant/validation.errors.test.ts')).toBe('lib/private/grant/validation.ts');
    expect(mirroredModule('test/lib/campaign-kpi-grant.test.ts')).toBe('lib/campaign-kpi-grant.ts');
  });
});

test('the two pages name the same tests for each file of lib/', () => {
  const [architecture, contributing] = Object.values(PAGES);
  for (const file of LIB_FILES) {
    expect({ file, tests: [...new Set(architecture.get(file))].sort() }).toEqual({ file, tests: [...new Set(contributing.get(file))].sort() });
  }
});

test('no test file is over 500 lines', () => {
  const long = [...filesBelow('test', '.ts'), ...filesBelow('test', '.js')]
    .filter((file) => !file.startsWith('test/fixtures/') && !file.includes('/node_modules/'))
    .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf-8').split('\n').length }))
    .filter(({ lines }) => lines > 500);
  expect(long).toEqual([]);
});

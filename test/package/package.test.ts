/**
 * The package users install: `prepare` (scripts/prepare.js) compiles before npm packs it, but only when needed, and
 * CHANGELOG.md says what the version in package.json added. That `npm pack` on a fresh clone gives the whole package,
 * and that it installs and synthesizes in a new `cdk init` app, is checked by CI (.ci/consumer.sh).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as packageJson from '../../package.json';

interface Decision {
  readonly compile: boolean;
  readonly reason: string;
}

interface Situation {
  readonly npmCommand?: string;
  readonly initCwd?: string;
  readonly root: string;
  readonly mtimeOf: (file: string) => number | undefined;
  readonly inputs: string[];
}

// A plain JavaScript file (npm runs it with node, before anything is compiled): loaded as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare: { OUTPUTS: string[]; INPUT_FILES: string[]; decide(situation: Situation): Decision } = require('../../scripts/prepare');

const TOP = path.join(__dirname, '..', '..');
const ROOT = '/work/clone';
const INPUTS = ['lib/index.ts', 'lib/private/grant/canonical.ts', 'package.json', 'README.md'];

/** A situation where every output was written at `compiledAt` and every input at `changedAt` (or as `times` says). */
function situation(options: {
  npmCommand?: string;
  initCwd?: string;
  compiledAt?: number;
  changedAt?: number;
  times?: Record<string, number | undefined>;
}): Situation {
  const { compiledAt = 2000, changedAt = 1000, times = {} } = options;
  return {
    npmCommand: options.npmCommand,
    initCwd: options.initCwd,
    root: ROOT,
    inputs: INPUTS,
    mtimeOf: (file) => (file in times ? times[file] : prepare.OUTPUTS.includes(file) ? compiledAt : changedAt),
  };
}

describe('prepare (scripts/prepare.js)', () => {
  test('is the prepare script of package.json', () => {
    expect(packageJson.scripts.prepare).toBe('node scripts/prepare.js');
  });

  test('compiles on a fresh clone, where nothing is compiled yet', () => {
    const decision = prepare.decide(situation({
      npmCommand: 'pack', initCwd: ROOT, times: { '.jsii': undefined, 'build/index.js': undefined, 'build/index.d.ts': undefined },
    }));
    expect(decision).toEqual({ compile: true, reason: 'not compiled yet (no .jsii, build/index.js, build/index.d.ts)' });
  });

  test('compiles when only part of the output is there', () => {
    const decision = prepare.decide(situation({ npmCommand: 'pack', initCwd: ROOT, times: { 'build/index.d.ts': undefined } }));
    expect(decision).toEqual({ compile: true, reason: 'not compiled yet (no build/index.d.ts)' });
  });

  test.each([
    ['a file of lib/', 'lib/private/grant/canonical.ts'],
    ['package.json (its version and metadata go into .jsii)', 'package.json'],
    ['README.md (jsii copies it into .jsii)', 'README.md'],
  ])('compiles when %s changed after the last compile', (_, file) => {
    const decision = prepare.decide(situation({ npmCommand: 'pack', initCwd: ROOT, times: { [file]: 3000 } }));
    expect(decision).toEqual({ compile: true, reason: `changed since the last compile: ${file}` });
  });

  test('names at most three changed files', () => {
    const decision = prepare.decide(situation({ npmCommand: 'pack', initCwd: ROOT, changedAt: 3000 }));
    expect(decision.compile).toBe(true);
    expect(decision.reason).toBe('changed since the last compile: lib/index.ts, lib/private/grant/canonical.ts, package.json and 1 more');
  });

  test('does not compile when the compiled library is newer than every input (as after npm test)', () => {
    const decision = prepare.decide(situation({ npmCommand: 'pack', initCwd: ROOT }));
    expect(decision).toEqual({ compile: false, reason: 'the compiled library is up to date with lib/, package.json and README.md' });
  });

  test.each(['ci', 'install'])('does not compile after the project\'s own npm %s: npm test compiles', (npmCommand) => {
    const decision = prepare.decide(situation({ npmCommand, initCwd: ROOT, times: { '.jsii': undefined } }));
    expect(decision).toEqual({ compile: false, reason: `the project's own npm ${npmCommand}: npm test compiles` });
  });

  test('compiles when another project installs this folder (npm install --install-links <folder>)', () => {
    const decision = prepare.decide(situation({ npmCommand: 'install', initCwd: '/work/consumer', times: { '.jsii': undefined } }));
    expect(decision.compile).toBe(true);
  });

  test('reads every file of lib/, package.json and README.md as inputs', () => {
    expect(prepare.INPUT_FILES).toEqual(['package.json', 'README.md']);
    expect(prepare.OUTPUTS).toEqual(['.jsii', packageJson.main, packageJson.types]);
  });
});

describe('CHANGELOG.md', () => {
  const changelog = fs.readFileSync(path.join(TOP, 'CHANGELOG.md'), 'utf-8');
  const versions = [...changelog.matchAll(/^## (\S+)$/gm)].map(([, version]) => version);

  test('says what the version of package.json added, in its newest entry', () => {
    expect(versions[0]).toBe(packageJson.version);
  });

  test('lists each version once', () => {
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('README.md', () => {
  test('installs the tarball of package.json\'s version, the one `npm pack` writes', () => {
    const readme = fs.readFileSync(path.join(TOP, 'README.md'), 'utf-8');
    const tarballs = [...readme.matchAll(/cdk-pinpoint-analytics-grants-(\d+\.\d+\.\d+)\.tgz/g)].map(([, version]) => version);
    expect(tarballs.length).toBeGreaterThan(1);
    expect(new Set(tarballs)).toEqual(new Set([packageJson.version]));
  });
});

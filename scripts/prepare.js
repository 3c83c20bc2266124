// @ts-check
/**
 * npm's `prepare` script (package.json, set in .projenrc.ts): compiles the library with jsii before npm packs it, so
 * `npm pack` on a fresh clone (after `npm ci`) gives the complete package, with build/ and .jsii.
 *
 * npm runs `prepare` on `npm pack` and `npm publish`, when it packs a folder or git dependency (`npm install
 * --install-links <folder>`, `npm install <git url>`), and also after `npm ci` and `npm install` in the project itself.
 * It compiles only when needed:
 *
 * - not after the project's own `npm ci` or `npm install` (npm_command `ci` or `install`, INIT_CWD the project):
 *   `npm test` compiles first thing, and an install that compiled too would only make CI compile twice;
 * - not when the compiled library is up to date: `.jsii`, `build/index.js` and `build/index.d.ts` exist and `.jsii` is
 *   newer than every file of lib/, package.json and README.md (jsii copies the README and package.json's metadata into
 *   `.jsii`), as after `npm test`;
 * - otherwise it runs `projen compile` (jsii), which needs the devDependencies of `npm ci`.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The top of the checkout. */
const ROOT = path.resolve(__dirname, '..');

/** What jsii writes: the assembly, and the entry points of package.json (`main`, `types`). */
const OUTPUTS = ['.jsii', 'build/index.js', 'build/index.d.ts'];
/** What jsii reads, besides every file of lib/. */
const INPUT_FILES = ['package.json', 'README.md'];

/**
 * @typedef {{ compile: boolean, reason: string }} Decision
 * @typedef {{ npmCommand?: string, initCwd?: string, root: string,
 *   mtimeOf: (file: string) => number | undefined, inputs: string[] }} Situation
 */

/**
 * Whether to compile, and why.
 *
 * @param {Situation} situation `mtimeOf` gives a file's modification time (milliseconds), `undefined` if it is
 * missing; `inputs` lists the files jsii reads, relative to `root`
 * @returns {Decision}
 */
function decide(situation) {
  const { npmCommand, initCwd, root, mtimeOf, inputs } = situation;
  if ((npmCommand === 'ci' || npmCommand === 'install') && initCwd !== undefined && samePath(initCwd, root)) {
    return { compile: false, reason: `the project's own npm ${npmCommand}: npm test compiles` };
  }
  const missing = OUTPUTS.filter((file) => mtimeOf(file) === undefined);
  if (missing.length > 0) {
    return { compile: true, reason: `not compiled yet (no ${missing.join(', ')})` };
  }
  const compiledAt = /** @type {number} */ (mtimeOf('.jsii'));
  const newer = inputs.filter((file) => (mtimeOf(file) ?? 0) > compiledAt);
  if (newer.length > 0) {
    const shown = newer.slice(0, 3).join(', ') + (newer.length > 3 ? ` and ${newer.length - 3} more` : '');
    return { compile: true, reason: `changed since the last compile: ${shown}` };
  }
  return { compile: false, reason: 'the compiled library is up to date with lib/, package.json and README.md' };
}

/** Whether two paths name the same folder. */
function samePath(/** @type {string} */ a, /** @type {string} */ b) {
  const real = (/** @type {string} */ p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Every file below `dir`, relative to `root` (walked by hand: `readdirSync`'s `recursive` needs Node.js 20.1).
 *
 * @param {string} root
 * @param {string} dir
 * @returns {string[]}
 */
function filesBelow(root, dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(root, file) : entry.isFile() ? [file] : [];
  });
}

function main() {
  const mtimeOf = (/** @type {string} */ file) => {
    try {
      return fs.statSync(path.join(ROOT, file)).mtimeMs;
    } catch {
      return undefined;
    }
  };
  const decision = decide({
    npmCommand: process.env.npm_command,
    initCwd: process.env.INIT_CWD,
    root: ROOT,
    mtimeOf,
    inputs: [...filesBelow(ROOT, 'lib'), ...INPUT_FILES],
  });
  if (!decision.compile) {
    console.log(`prepare: not compiling: ${decision.reason}`);
    return;
  }
  console.log(`prepare: compiling with jsii: ${decision.reason}`);
  const projen = path.join(ROOT, 'node_modules', 'projen', 'bin', 'projen');
  if (!fs.existsSync(projen)) {
    console.error('prepare: projen is not installed: run `npm ci` first (compiling needs the devDependencies)');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [projen, 'compile'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

if (require.main === module) {
  main();
}

module.exports = { decide, OUTPUTS, INPUT_FILES };

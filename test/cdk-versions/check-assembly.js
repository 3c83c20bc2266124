// @ts-check
/**
 * Checks the cloud assembly of an example app after `cdk synth`:
 *
 *   node test/cdk-versions/check-assembly.js <assembly dir> floor|newest
 *
 * - it was synthesized by the expected aws-cdk-lib: every construct of aws-cdk-lib in tree.json carries that version
 *   (versions.json's floor or newest), so a preload that failed to switch versions cannot pass unnoticed;
 * - nothing in it is an error or an unacknowledged warning: no `aws:cdk:error` or `aws:cdk:warning` annotation on any
 *   construct, and no violation left in validation-report.json (aws-cdk-lib's CloudFormation rules, which cdk.json's
 *   `@aws-cdk/core:validateAgainstDefaultRules` turns on, and any other validation plugin). This is stricter than "no
 *   warning about what this library created": a warning on an example's own resource fails too, because an example
 *   must synthesize clean; one that is meant (W3696 on the L1 example's Pinpoint resources) is acknowledged in the app,
 *   with its reason, and listed here as acknowledged.
 *
 * Prints one line per assembly; exits non-zero with every problem listed.
 */
const fs = require('fs');
const path = require('path');
const { VERSIONS } = require('./newest-cdk');

const [dir, which] = process.argv.slice(2);
if (!dir || (which !== 'floor' && which !== 'newest')) {
  console.error('usage: node test/cdk-versions/check-assembly.js <assembly dir> floor|newest');
  process.exit(2);
}
const expectedVersion = VERSIONS[which];
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf-8'));

/** @type {string[]} */
const problems = [];

// 1. The aws-cdk-lib that synthesized it.
const versions = new Map();
(function walk(/** @type {any} */ node) {
  const info = node.constructInfo;
  if (info && typeof info.fqn === 'string' && info.fqn.startsWith('aws-cdk-lib.')) {
    versions.set(info.version, (versions.get(info.version) ?? 0) + 1);
  }
  for (const child of Object.values(node.children ?? {})) walk(child);
})(readJson('tree.json').tree);
if (versions.size !== 1 || !versions.has(expectedVersion)) {
  problems.push(`expected every aws-cdk-lib construct to be of aws-cdk-lib ${expectedVersion} (${which}), found `
    + (versions.size ? [...versions].map(([v, n]) => `${n} of ${v}`).join(', ') : 'none'));
}

// 2. Annotations: errors and warnings on constructs (in the manifest, or in the stack's metadata file).
const manifest = readJson('manifest.json');
let templates = 0;
for (const artifact of Object.values(manifest.artifacts ?? {})) {
  if (artifact.type !== 'aws:cloudformation:stack') continue;
  templates++;
  const metadata = { ...(artifact.metadata ?? {}) };
  if (artifact.additionalMetadataFile) Object.assign(metadata, readJson(artifact.additionalMetadataFile));
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of /** @type {any[]} */ (entries)) {
      if (entry.type === 'aws:cdk:error' || entry.type === 'aws:cdk:warning') {
        problems.push(`${entry.type.slice('aws:cdk:'.length)} on ${constructPath}: ${String(entry.data).split('\n')[0]}`);
      }
    }
  }
}
if (templates === 0) problems.push('no stack in the assembly');

// 3. The validation report: violations left (errors or warnings), and what was acknowledged.
const report = readJson('validation-report.json');
const pathsOf = (/** @type {any} */ v) => (v.violatingConstructs ?? []).map((/** @type {any} */ c) => c.constructPath);
/** Acknowledged violations, by rule and acknowledgement: the constructs they were on. */
const acknowledged = new Map();
for (const plugin of report.pluginReports ?? []) {
  for (const v of plugin.violations ?? []) {
    problems.push(`${v.severity ?? 'violation'} ${plugin.pluginName} ${v.ruleName} on ${pathsOf(v).join(', ')}: ${v.description}`);
  }
  for (const v of plugin.suppressedViolations ?? []) {
    const key = `${v.ruleName} (acknowledged as '${v.acknowledgedId}'`
      + `${v.acknowledgedAt !== undefined ? ` at '${v.acknowledgedAt}'` : ''})`;
    acknowledged.set(key, [...(acknowledged.get(key) ?? []), ...pathsOf(v)]);
  }
}

if (problems.length > 0) {
  console.error(`FAILED: ${dir} (aws-cdk-lib ${expectedVersion}, ${which}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${dir}: ${templates} template(s) synthesized by aws-cdk-lib ${expectedVersion} (${which}), `
  + 'no error, no warning' + [...acknowledged].map(([rule, paths]) => `; acknowledged: ${rule} on ${paths.join(', ')}`).join(''));

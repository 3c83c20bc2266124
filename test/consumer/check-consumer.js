// @ts-check
/**
 * Checks the consumer app of CI after `cdk synth` (.ci/consumer.sh), beside test/cdk-versions/check-assembly.js:
 *
 *   node test/consumer/check-consumer.js <app dir>
 *
 * - the app is a new app as users have it: aws-cdk-lib is the newest pinned release (versions.json's `newest`), its
 *   cdk.json context is exactly that release's recommended feature flags (which are also the project's committed copy,
 *   test/cdk-versions/recommended-feature-flags.generated.json), its TypeScript is `strict`, and the package is the
 *   one `npm pack` made (this version, compiled, with its assembly);
 * - the flags are in effect: the roles of two stacks hold the shared read policy through `Fn::GetStackOutput`
 *   (`@aws-cdk/core:defaultCrossStackReferences: "weak"`);
 * - `PinpointAccessValidator` wrote its report beside the templates, and the report names the roles of both stacks as
 *   holding the shared read policy's access (the console's `GetReports` comes from that policy alone).
 *
 * Prints one line per check; exits non-zero when any fails, after running all of them.
 */
const fs = require('fs');
const path = require('path');

const appDir = process.argv[2];
if (!appDir) {
  console.error('usage: node test/consumer/check-consumer.js <app dir>');
  process.exit(2);
}
const top = path.resolve(__dirname, '..', '..');
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(file, 'utf-8'));
const inApp = (/** @type {string[]} */ ...parts) => path.join(appDir, ...parts);
const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);

const versions = readJson(path.join(top, 'test', 'cdk-versions', 'versions.json'));
const ourPackage = readJson(path.join(top, 'package.json'));

/** The shared read policy, the stack that holds it, and the principals of two other stacks it is granted to. */
const SHARED_STACK = 'PinpointSharedPolicies';
const SHARED_POLICY = `${SHARED_STACK}/ProjectAnalytics/Resource`;
const HOLDERS = [
  { stack: 'PinpointDashboards', principal: 'PinpointDashboards/DashboardRole' },
  { stack: 'PinpointReporting', principal: 'PinpointReporting/ReportingFunction/ServiceRole' },
];

let failures = 0;
/**
 * @param {string} what
 * @param {() => true | string} check true, or what is wrong
 */
function check(what, check) {
  let result;
  try {
    result = check();
  } catch (error) {
    result = `threw ${/** @type {Error} */ (error).message}`;
  }
  if (result === true) {
    console.log(`ok: ${what}`);
  } else {
    failures++;
    console.error(`FAILED: ${what}: ${result}`);
  }
}

// 1. A new app as users have it, on the newest release with its recommended flags.
const cdkLib = readJson(inApp('node_modules', 'aws-cdk-lib', 'package.json'));
check(`aws-cdk-lib is ${versions.newest}, pinned in the app's package.json`, () =>
  cdkLib.version === versions.newest && readJson(inApp('package.json')).dependencies['aws-cdk-lib'] === versions.newest
    || `installed ${cdkLib.version}, package.json ${readJson(inApp('package.json')).dependencies['aws-cdk-lib']}`);
const recommended = readJson(inApp('node_modules', 'aws-cdk-lib', 'recommended-feature-flags.json'));
const context = readJson(inApp('cdk.json')).context;
check(`cdk.json's context is exactly aws-cdk-lib ${cdkLib.version}'s recommended-feature-flags.json `
  + `(${Object.keys(recommended).length} flags)`, () => same(context, recommended) || 'they differ');
const committed = readJson(path.join(top, 'test', 'cdk-versions', 'recommended-feature-flags.generated.json'));
check('the project\'s tests run under the same flags (recommended-feature-flags.generated.json)', () =>
  (committed.awsCdkLibVersion === cdkLib.version && same(committed.flags, recommended))
    || `the committed file is of aws-cdk-lib ${committed.awsCdkLibVersion}, or its flags differ: `
    + 'run `npx projen generate:recommended-flags`');
check('TypeScript is strict, as cdk init makes it', () =>
  readJson(inApp('tsconfig.json')).compilerOptions.strict === true || 'compilerOptions.strict is not true');
const installed = inApp('node_modules', ourPackage.name);
check(`${ourPackage.name} ${ourPackage.version} is installed from the packed tarball, compiled, with its `
  + 'assembly', () => {
  const pkg = readJson(path.join(installed, 'package.json'));
  const missing = [pkg.main, pkg.types, '.jsii', 'CHANGELOG.md'].filter((f) => !fs.existsSync(path.join(installed, f)));
  const linked = fs.lstatSync(installed).isSymbolicLink();
  return (pkg.version === ourPackage.version && missing.length === 0 && !linked)
    || `version ${pkg.version}, missing ${missing.join(', ') || 'nothing'}, ${linked ? 'a link' : 'a copy'}`;
});

// 2. The flags are in effect: the shared policy reaches the other stacks through Fn::GetStackOutput.
const out = inApp('cdk.out');
for (const { stack, principal } of HOLDERS) {
  check(`${principal} holds the shared read policy through Fn::GetStackOutput of ${SHARED_STACK}`, () => {
    const template = readJson(path.join(out, `${stack}.template.json`));
    const logicalId = Object.keys(template.Resources).find((id) =>
      template.Resources[id].Metadata?.['aws:cdk:path'] === `${principal}/Resource`);
    const arns = logicalId ? template.Resources[logicalId].Properties.ManagedPolicyArns ?? [] : [];
    return arns.some((/** @type {any} */ arn) => arn?.['Fn::GetStackOutput']?.StackName === SHARED_STACK)
      || `${logicalId ?? 'no resource'}: ManagedPolicyArns ${JSON.stringify(arns)}`;
  });
}

// 3. The access report.
const reportFile = path.join(out, 'pinpoint-access-report.json');
check('PinpointAccessValidator wrote pinpoint-access-report.json and pinpoint-access-report.md', () =>
  (fs.existsSync(reportFile) && fs.existsSync(path.join(out, 'pinpoint-access-report.md'))) || 'not found in cdk.out');
const report = fs.existsSync(reportFile) ? readJson(reportFile) : { principals: [], unattachedPolicies: [] };
for (const { principal } of HOLDERS) {
  // Waits for issue 16 (the access check): until it reads Fn::GetStackOutput, the report lists the shared policy as
  // attached to no one, and this check fails.
  check(`the report names ${principal} as holding the shared read policy's mobiletargeting:GetReports `
    + '(issue 16)', () => {
    const entry = report.principals.find((/** @type {any} */ p) => p.name === principal);
    const reports = entry?.allows.find((/** @type {any} */ a) => a.action === 'mobiletargeting:GetReports');
    return (reports?.statements ?? []).some((/** @type {string} */ s) => s.startsWith(`${SHARED_POLICY}#`))
      || `${entry ? `it lists ${principal} with ${entry.allows.map((/** @type {any} */ a) => a.action).join(', ')}`
        : `it does not list ${principal}`}; unattached policies: `
        + `${report.unattachedPolicies.map((/** @type {any} */ p) => p.policy).join(', ') || 'none'}`;
  });
}

if (failures > 0) {
  console.error(`FAILED: ${failures} check(s) of the consumer app in ${appDir}`);
  process.exit(1);
}
console.log(`${appDir}: every check passed`);

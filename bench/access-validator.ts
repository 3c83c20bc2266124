/**
 * `npm run bench:validator`: what `PinpointAccessValidator` adds to `cdk synth` of two apps: the bench's largest app,
 * N = 1,000 campaign grants and 1,000 journey grants on one role (as in bench/many-grants.ts), and an app of 2,000
 * roles (ten stacks of 200 Lambda function roles, each with an AWS managed policy and a campaign grant, every tenth
 * also with a shared read policy of another stack). Not part of the tests.
 *
 * Time is building the app plus `app.synth()`, with and without the validator registered, in pairs of runs one after
 * the other (`BENCH_RUNS=n` pairs, default 15, after 2 warm-up pairs; which goes first alternates). The figure is the
 * median of the pairs' ratios, which a machine shared with other work disturbs less than a ratio of medians; the
 * validator's own time (its `validate`, report included) is measured too. It writes the numbers to
 * bench/access-validator-results.json and a line into docs/access-check.md (between `<!-- bench:access-validator -->` and
 * `<!-- /bench:access-validator -->`). The target is at most 10 % more.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, JourneyMetricsGrant, PinpointAccessValidator, PinpointAnalyticsReadPolicy } from '../lib';

const N = 1000;
const ROLES = 2000;
const ROLES_PER_STACK = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The app of 2,000 roles takes seconds to synthesize: fewer pairs. */
const ROLES_RUNS = Number(process.env.BENCH_ROLES_RUNS ?? 5);
const WARMUP_RUNS = 2;
const TARGET = 1.1;
const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

/** The two apps. */
const APPS = {
  /** 1,000 campaign and 1,000 journey grants on one role. */
  largest: (app: App) => {
    const stack = new Stack(app, 'Bench', { env: ENV });
    const role = new iam.Role(stack, 'Dashboard', { assumedBy: new iam.AccountRootPrincipal() });
    for (let i = 0; i < N; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i.toString(16).padStart(31, '0')}` }).grantTo(role);
      new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: `e${i.toString(16).padStart(31, '0')}` }).grantTo(role);
    }
  },
  /** 2,000 Lambda function roles in ten stacks, a shared read policy in one more. */
  roles: (app: App) => {
    const shared = new PinpointAnalyticsReadPolicy(new Stack(app, 'Shared', { env: ENV }), 'Read', { projectIds: [PROJECT_ID] });
    let stack!: Stack;
    for (let i = 0; i < ROLES; i++) {
      if (i % ROLES_PER_STACK === 0) {
        stack = new Stack(app, `Functions${i / ROLES_PER_STACK}`, { env: ENV });
      }
      const role = new iam.Role(stack, `Function${i}`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i.toString(16).padStart(31, '0')}` }).grantTo(role);
      if (i % 10 === 0) {
        shared.grantTo(role);
      }
    }
  },
};

type AppName = keyof typeof APPS;

const ENV = { account: '123456789012', region: 'us-east-1' };

/** Builds the app, with or without the validator, synthesizes it, and returns the milliseconds it took. */
function synth(name: AppName, withValidator: boolean): { ms: number; validateMs: number; findings: number; principals: number } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-access-validator-'));
  try {
    const start = process.hrtime.bigint();
    const app = new App({ outdir, context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    APPS[name](app);
    let validateMs = 0;
    if (withValidator) {
      const validator = new PinpointAccessValidator();
      const validate = validator.validate.bind(validator);
      validator.validate = (context) => {
        const begin = process.hrtime.bigint();
        try {
          return validate(context);
        } finally {
          validateMs += Number(process.hrtime.bigint() - begin) / 1e6;
        }
      };
      Validations.of(app).addPlugins(validator);
    }
    app.synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!withValidator) {
      return { ms, validateMs, findings: 0, principals: 0 };
    }
    const report = JSON.parse(readFileSync(path.join(outdir, 'pinpoint-access-report.json'), 'utf-8'));
    return { ms, validateMs, findings: report.findings.length, principals: report.principals.length };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Pairs of runs of one app, with and without the validator; the medians. */
function measure(name: AppName, runs: number) {
  const times = { without: [] as number[], with: [] as number[], validate: [] as number[], ratios: [] as number[] };
  let last = { findings: 0, principals: 0 };
  for (let run = 0; run < WARMUP_RUNS + runs; run++) {
    // One pair: both forms one after the other, the first alternating.
    const pair: Record<string, number> = {};
    for (const withValidator of run % 2 === 0 ? [false, true] : [true, false]) {
      const result = synth(name, withValidator);
      pair[String(withValidator)] = result.ms;
      if (withValidator) {
        last = result;
        if (run >= WARMUP_RUNS) {
          times.validate.push(result.validateMs);
        }
      }
    }
    if (run >= WARMUP_RUNS) {
      times.without.push(pair.false);
      times.with.push(pair.true);
      times.ratios.push(pair.true / pair.false);
    }
  }
  const without = median(times.without);
  const ratio = median(times.ratios);
  const validateMs = median(times.validate);
  return {
    pairs: runs,
    principals: last.principals,
    findings: last.findings,
    synthMs: { withoutValidator: round(without), withValidator: round(median(times.with)) },
    validateMs: round(validateMs),
    ratio: Number(ratio.toFixed(3)),
    validateShare: Number((validateMs / without).toFixed(3)),
    met: ratio <= TARGET,
  };
}

function main(): void {
  const largest = measure('largest', RUNS);
  const roles = measure('roles', ROLES_RUNS);
  const results = {
    node: process.version,
    cpus: cpus().length,
    target: TARGET,
    largest: { app: { campaignGrants: N, journeyGrants: N }, ...largest },
    roles: { app: { roles: ROLES, stacks: ROLES / ROLES_PER_STACK + 1 }, ...roles },
  };
  writeFileSync(path.join(__dirname, 'access-validator-results.json'), JSON.stringify(results, undefined, 2) + '\n');
  const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
  const line = `\`npm run bench:validator\`, target at most +${Math.round((TARGET - 1) * 100)} % on \`cdk synth\` (medians of pairs of runs, ` +
    `Node.js ${process.version}, ${cpus().length} CPUs): the bench's largest app (${N.toLocaleString('en-US')} campaign and ` +
    `${N.toLocaleString('en-US')} journey grants on one role) takes **${percent(largest.ratio - 1)}** with the validator ` +
    `(${largest.pairs} pairs; ${largest.synthMs.withoutValidator} ms without it; its own work ${largest.validateMs} ms); ` +
    `an app of ${ROLES.toLocaleString('en-US')} roles in ${ROLES / ROLES_PER_STACK} stacks takes **${percent(roles.ratio - 1)}** ` +
    `(${roles.pairs} pairs; ${roles.synthMs.withoutValidator} ms without it; its own work ${roles.validateMs} ms, ` +
    `${roles.principals.toLocaleString('en-US')} principals in the report).`;
  console.log(line);
  updateReadme(line);
}

const round = (value: number) => Number(value.toFixed(1));

const README_START = '<!-- bench:access-validator -->';
const README_END = '<!-- /bench:access-validator -->';

function updateReadme(line: string): void {
  const readmePath = path.join(__dirname, '..', 'docs', 'access-check.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    console.log(`docs/access-check.md has no ${README_START} block: not updated.`);
    return;
  }
  writeFileSync(readmePath, `${readme.slice(0, start + README_START.length)}\n${line}\n${readme.slice(end)}`);
  console.log('docs/access-check.md updated.');
}

main();

/**
 * `npm run bench:validator`: what `PinpointAccessValidator` adds to `cdk synth` of the bench's largest app, N = 1,000
 * campaign grants and 1,000 journey grants on one role (as in bench/many-grants.ts). Not part of the tests.
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
import { CampaignKpiGrant, JourneyMetricsGrant, PinpointAccessValidator } from '../lib';

const N = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP_RUNS = 2;
const TARGET = 1.1;
const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

/** Builds the app, with or without the validator, synthesizes it, and returns the milliseconds it took. */
function synth(withValidator: boolean): { ms: number; validateMs: number; findings: number; principals: number } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-access-validator-'));
  try {
    const start = process.hrtime.bigint();
    const app = new App({ outdir, context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
    const role = new iam.Role(stack, 'Dashboard', { assumedBy: new iam.AccountRootPrincipal() });
    for (let i = 0; i < N; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i.toString(16).padStart(31, '0')}` }).grantTo(role);
      new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: `e${i.toString(16).padStart(31, '0')}` }).grantTo(role);
    }
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

function main(): void {
  const times = { without: [] as number[], with: [] as number[], validate: [] as number[], ratios: [] as number[] };
  let last = { findings: 0, principals: 0 };
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    // One pair: both forms one after the other, the first alternating.
    const pair: Record<string, number> = {};
    for (const withValidator of run % 2 === 0 ? [false, true] : [true, false]) {
      const result = synth(withValidator);
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
  const results = {
    node: process.version,
    cpus: cpus().length,
    pairs: RUNS,
    app: { campaignGrants: N, journeyGrants: N, principals: last.principals, findings: last.findings },
    synthMs: { withoutValidator: round(without), withValidator: round(median(times.with)) },
    validateMs: round(validateMs),
    ratio: Number(ratio.toFixed(3)),
    validateShare: Number((validateMs / without).toFixed(3)),
    target: TARGET,
    met: ratio <= TARGET,
  };
  writeFileSync(path.join(__dirname, 'access-validator-results.json'), JSON.stringify(results, undefined, 2) + '\n');
  const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
  const line = `\`npm run bench:validator\`: \`cdk synth\` of the bench's largest app (${N.toLocaleString('en-US')} campaign ` +
    `and ${N.toLocaleString('en-US')} journey grants on one role) takes **${percent(ratio - 1)}** with the validator ` +
    `(median of ${RUNS} pairs of runs; ${round(without)} ms without it), of which its own work is ${round(validateMs)} ms ` +
    `(${percent(validateMs / without)}); target at most +${Math.round((TARGET - 1) * 100)} %. Node.js ${process.version}, ` +
    `${cpus().length} CPUs.`;
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

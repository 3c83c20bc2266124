/**
 * `npm run bench`: many campaign and journey grants on one role, this library against the same permissions written by
 * hand with `iam.Grant.addToPrincipal` and the same ARNs. Not part of the tests.
 *
 * For N = 10, 100 and 1,000 (N campaign grants and N journey grants on one role), in one process:
 *
 * - synth wall time (building the app and `app.synth()`), median of alternating runs, of four forms:
 *   - `library`: `CampaignKpiGrant` / `JourneyMetricsGrant`;
 *   - `hand`: one `iam.Grant.addToPrincipal` per grant, the way the same access is written without the library;
 *   - `deployable`: the smallest exact form cut by hand into statements that aws-cdk-lib's splitter can place in
 *     managed policies of 6,144 characters (no Sids), one `iam.Grant.addToPrincipal` per statement;
 *   - `smallest`: one `iam.Grant.addToPrincipal` per distinct set of actions holding all of its ARNs: the smallest exact
 *     form, which IAM rejects once a statement passes 6,144 characters;
 * - total characters of the synthesized policy documents (white space not counted, as IAM counts);
 * - CloudFormation resources created;
 * - and, for campaign grants alone, how many one role takes before synth reports a limit, against the ceiling the IAM
 *   quotas allow.
 *
 * Before measuring, it checks that the three forms grant exactly the same (action, resource) pairs.
 *
 * Then app shapes, P principals × G grants each (1 × 1,000, 10 × 200, 20 × 25 and 80 × 25): P roles in one stack, each
 * with G grants of its own, campaign and journey grants taking turns (a campaign first, so 25 is 13 campaign and 12
 * journey grants), every grant on a campaign or journey of its own. The library (`CampaignKpiGrant` /
 * `JourneyMetricsGrant`) against the same permissions written by hand, one `iam.Grant.addToPrincipal` per grant on the
 * same roles (`hand`). Each shape is measured under both sets of feature flags the tests use (test/support/flags.ts):
 * aws-cdk-lib's defaults (no flag: the partition of an ARN is a token), and a new app's (the flags `cdk init` writes),
 * which add `minimizePolicies`, aws-cdk-lib's CloudFormation validation of the templates, and errors that fail
 * `app.synth()`.
 * Time is building the app and `app.synth()` (up to its throw, where an error fails it: the templates are written by
 * then); the figure is the median of the ratios of pairs of runs, one of each form, which goes first alternating
 * (`BENCH_SHAPE_RUNS=n` pairs, default 15, after 2 warm-up pairs), which a machine shared with other work disturbs less
 * than a ratio of medians. The quartiles of the pairs' ratios show how noisy it was. Before measuring, it checks that
 * both forms grant the same (action, resource) pairs to each role and that no stack passes CloudFormation's 500
 * resources.
 *
 * It prints the tables, writes the numbers to bench/results.json and the tables into docs/size-limits.md (between
 * `<!-- bench:many-grants -->` and `<!-- /bench:many-grants -->`). `BENCH_RUNS=n` sets the runs per form (default 7).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import * as path from 'path';
import { App, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, JourneyMetricsGrant } from '../lib';
import { FLAG_SETS, FlagSet } from '../test/support/flags';

const SIZES = [10, 100, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP_RUNS = 2;

// Written out here, not taken from the library: the hand-written forms must not depend on it.
const CAMPAIGN_ACTIONS = ['mobiletargeting:GetCampaignDateRangeKpi'];
const JOURNEY_ACTIONS = [
  'mobiletargeting:GetJourneyDateRangeKpi',
  'mobiletargeting:GetJourneyExecutionMetrics',
  'mobiletargeting:GetJourneyExecutionActivityMetrics',
];
const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const ENV = { account: '123456789012', region: 'us-east-1' };

// IAM quotas (IAM User Guide, "IAM and AWS STS quotas"), for the ceiling.
const ROLE_INLINE_MAX_CHARS = 10_240;
const MANAGED_POLICY_MAX_CHARS = 6_144;
const MANAGED_POLICIES_DEFAULT_QUOTA = 10;
const MANAGED_POLICIES_MAX_QUOTA = 20;

type Form = 'library' | 'hand' | 'deployable' | 'smallest';
const FORMS: Form[] = ['library', 'hand', 'deployable', 'smallest'];

/** What aws-cdk-lib's splitter places in one managed policy, by its own estimate (`MAX_MANAGEDPOL_SIZE`). */
const SPLITTER_MANAGED_POLICY_ESTIMATE = 6_000;

/**
 * `arns` in statements of at most `SPLITTER_MANAGED_POLICY_ESTIMATE` by aws-cdk-lib's estimate
 * (`"Effect": "Allow",`, `Action` + 5 and each action + 3, `Resource` + 5 and each ARN + 3), as a careful hand would.
 */
function cutForSplitter(actions: string[], arns: string[]): string[][] {
  const overhead = '"Effect": "Allow",'.length + 'Action'.length + 5 + actions.reduce((t, a) => t + a.length + 3, 0) + 'Resource'.length + 5;
  const chunks: string[][] = [];
  let size = Infinity;
  for (const arn of arns) {
    if (size + arn.length + 3 > SPLITTER_MANAGED_POLICY_ESTIMATE) {
      chunks.push([]);
      size = overhead;
    }
    chunks[chunks.length - 1].push(arn);
    size += arn.length + 3;
  }
  return chunks;
}

/** Pinpoint-like IDs: 32 lowercase hex characters, `c...` for campaigns and `e...` for journeys. */
const campaignId = (i: number) => `c${i.toString(16).padStart(31, '0')}`;
const journeyId = (i: number) => `e${i.toString(16).padStart(31, '0')}`;

interface Synthesized {
  readonly ms: number;
  readonly template: any;
  readonly errors: string[];
  readonly warnings: string[];
}

type Kind = 'role' | 'user' | 'group';
const KINDS: Kind[] = ['role', 'user', 'group'];
/** IAM's limit for all inline policies of one principal of each kind (IAM User Guide, "IAM and AWS STS quotas"). */
const INLINE_MAX_CHARS: Record<Kind, number> = { role: ROLE_INLINE_MAX_CHARS, user: 2_048, group: 5_120 };

/**
 * Builds an app with one principal (a role unless `kind` says otherwise) and `campaigns` campaign grants and `journeys`
 * journey grants in `form`, and synthesizes it.
 */
function synth(form: Form, campaigns: number, journeys: number, kind: Kind = 'role'): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-many-grants-'));
  try {
    const start = process.hrtime.bigint();
    const app = new App({ outdir, context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    const stack = new Stack(app, 'Bench', { env: ENV });
    const role = kind === 'role' ? new iam.Role(stack, 'Dashboard', { assumedBy: new iam.AccountRootPrincipal() })
      : kind === 'user' ? new iam.User(stack, 'Dashboard') : new iam.Group(stack, 'Dashboard');
    if (form === 'library') {
      for (let i = 0; i < campaigns; i++) {
        new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: campaignId(i) }).grantTo(role);
      }
      for (let i = 0; i < journeys; i++) {
        new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: journeyId(i) }).grantTo(role);
      }
    } else {
      const arn = (resourceName: string) => stack.formatArn({
        service: 'mobiletargeting',
        resource: 'apps',
        resourceName,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
      const campaignArns = (i: number) => [arn(`${PROJECT_ID}/campaigns/${campaignId(i)}/kpis/*`)];
      const journeyArns = (i: number) => {
        const prefix = `${PROJECT_ID}/journeys/${journeyId(i)}`;
        return [arn(`${prefix}/kpis/*`), arn(`${prefix}/execution-metrics`), arn(`${prefix}/activities/*/execution-metrics`)];
      };
      const range = (count: number) => Array.from({ length: count }, (_, i) => i);
      if (form === 'hand') {
        for (const i of range(campaigns)) {
          iam.Grant.addToPrincipal({ grantee: role, actions: CAMPAIGN_ACTIONS, resourceArns: campaignArns(i) });
        }
        for (const i of range(journeys)) {
          iam.Grant.addToPrincipal({ grantee: role, actions: JOURNEY_ACTIONS, resourceArns: journeyArns(i) });
        }
      } else {
        const sets: Array<[string[], string[]]> = [
          [CAMPAIGN_ACTIONS, range(campaigns).flatMap(campaignArns)],
          [JOURNEY_ACTIONS, range(journeys).flatMap(journeyArns)],
        ];
        for (const [actions, resourceArns] of sets.filter(([, all]) => all.length > 0)) {
          for (const chunk of form === 'deployable' ? cutForSplitter(actions, resourceArns) : [resourceArns]) {
            iam.Grant.addToPrincipal({ grantee: role, actions, resourceArns: chunk });
          }
        }
      }
    }
    const assembly = app.synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const artifact = assembly.getStackByName(stack.stackName);
    const messages = artifact.messages;
    const text = (level: string) => messages.filter((m) => m.level === level).map((m) => String(m.entry.data));
    return { ms, template: artifact.template, errors: text('error'), warnings: text('warning') };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The app shapes: `principals` roles, each with `grants` grants of its own. */
const SHAPES = [
  { principals: 1, grants: 1000 },
  { principals: 10, grants: 200 },
  { principals: 20, grants: 25 },
  { principals: 80, grants: 25 },
];
type Shape = typeof SHAPES[number];
const SHAPE_RUNS = Number(process.env.BENCH_SHAPE_RUNS ?? 15);
type ShapeForm = 'library' | 'hand';
/** CloudFormation's limit of resources in one stack. */
const STACK_MAX_RESOURCES = 500;
/** Roles in one stack: every shape fits one stack (checked), the worst case for anything done per stack. */
const ROLES_PER_STACK = 100;

interface ShapeSynthesized {
  readonly ms: number;
  /** Each stack's template, by stack name. */
  readonly templates: Record<string, any>;
  /** The message of the error `app.synth()` threw, where an error annotation fails it (a new app's flags). */
  readonly failed?: string;
  /** The error annotations, where `app.synth()` returned. */
  readonly errors: number;
}

/**
 * Builds an app of `shape` in `form` under `flags` and synthesizes it. Grant `k` of the app (counted over all roles) is
 * a campaign grant for even `k` and a journey grant for odd `k`, on campaign or journey `k`.
 */
function synthShape(form: ShapeForm, shape: Shape, flags: FlagSet): ShapeSynthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-app-shapes-'));
  try {
    const start = process.hrtime.bigint();
    const app = new App({ outdir, context: { ...flags.context } });
    const stacks: Stack[] = [];
    let k = 0;
    for (let p = 0; p < shape.principals; p++) {
      if (p % ROLES_PER_STACK === 0) {
        stacks.push(new Stack(app, `Bench${stacks.length}`, { env: ENV }));
      }
      const stack = stacks[stacks.length - 1];
      const role = new iam.Role(stack, `Role${p}`, { assumedBy: new iam.AccountRootPrincipal() });
      for (let g = 0; g < shape.grants; g++, k++) {
        const campaign = k % 2 === 0;
        if (form === 'library') {
          if (campaign) {
            new CampaignKpiGrant(stack, `Campaign${k}`, { projectId: PROJECT_ID, campaignId: campaignId(k) }).grantTo(role);
          } else {
            new JourneyMetricsGrant(stack, `Journey${k}`, { projectId: PROJECT_ID, journeyId: journeyId(k) }).grantTo(role);
          }
        } else {
          const arn = (resourceName: string) => stack.formatArn({
            service: 'mobiletargeting',
            resource: 'apps',
            resourceName,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          });
          const journey = `${PROJECT_ID}/journeys/${journeyId(k)}`;
          iam.Grant.addToPrincipal(campaign
            ? { grantee: role, actions: CAMPAIGN_ACTIONS, resourceArns: [arn(`${PROJECT_ID}/campaigns/${campaignId(k)}/kpis/*`)] }
            : {
              grantee: role,
              actions: JOURNEY_ACTIONS,
              resourceArns: [arn(`${journey}/kpis/*`), arn(`${journey}/execution-metrics`), arn(`${journey}/activities/*/execution-metrics`)],
            });
        }
      }
    }
    let failed: string | undefined;
    let errors = 0;
    // aws-cdk-lib prints its validation report (a new app's flags) with console.error: the report is still made, in both
    // forms, but not printed into the bench's output.
    const printError = console.error;
    console.error = () => {};
    try {
      const assembly = app.synth();
      errors = stacks.flatMap((stack) => assembly.getStackByName(stack.stackName).messages).filter((m) => m.level === 'error').length;
    } catch (error) {
      // A new app's flags turn error annotations into a failed validation, after the templates are written.
      if (!(error instanceof Error) || !error.message.includes('Validation failed')) {
        throw error;
      }
      failed = error.message;
    } finally {
      console.error = printError;
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const templates = Object.fromEntries(stacks.map((stack) =>
      [stack.stackName, JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8'))]));
    return { ms, templates, failed, errors };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Each role's (action, resource) pairs, `stack role action resource`, over every stack of an app: from the policies that
 * name the role (`Roles`) and the managed policies of its stack in its `ManagedPolicyArns`.
 */
function grantedPairsByRole(templates: Record<string, any>): Set<string> {
  const pairs = new Set<string>();
  for (const [stackName, template] of Object.entries(templates)) {
    const resources: Record<string, any> = template.Resources;
    const add = (role: string, logicalId: string) => grantedPairs({ Resources: { [logicalId]: resources[logicalId] } })
      .forEach((pair) => pairs.add(`${stackName} ${role} ${pair}`));
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
        (resource.Properties.Roles ?? []).forEach((role: any) => add(role.Ref, logicalId));
      }
      if (resource.Type === 'AWS::IAM::Role') {
        (resource.Properties.ManagedPolicyArns ?? []).map((arn: any) => arn.Ref).filter((ref: unknown) => resources[ref as string])
          .forEach((ref: string) => add(logicalId, ref));
      }
    }
  }
  return pairs;
}

/** The `q`-quantile of `values` (linear between neighbours). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.ceil(at)] - sorted[below]) * (at - below);
}

/** One shape under one set of flags: the check that both forms grant the same, then pairs of runs. */
function measureShape(shape: Shape, flags: FlagSet) {
  const name = `${shape.principals} × ${shape.grants}, ${flags.name}`;
  const check = { library: synthShape('library', shape, flags), hand: synthShape('hand', shape, flags) };
  const [library, hand] = [grantedPairsByRole(check.library.templates), grantedPairsByRole(check.hand.templates)];
  if (library.size === 0 || library.size !== hand.size || ![...library].every((pair) => hand.has(pair))) {
    throw new Error(`${name}: the library and the hand form do not grant the same pairs to each role`);
  }
  for (const [form, result] of Object.entries(check)) {
    for (const [stackName, template] of Object.entries(result.templates)) {
      if (resourceCount(template) > STACK_MAX_RESOURCES) {
        throw new Error(`${name}: the ${form} form's stack ${stackName} has ${resourceCount(template)} resources`);
      }
    }
  }
  if (check.hand.failed !== undefined || check.hand.errors > 0) {
    throw new Error(`${name}: the hand form reports an error at synth`);
  }

  const times = { library: [] as number[], hand: [] as number[], ratios: [] as number[] };
  for (let run = 0; run < WARMUP_RUNS + SHAPE_RUNS; run++) {
    const pair: Partial<Record<ShapeForm, number>> = {};
    for (const form of (run % 2 === 0 ? ['library', 'hand'] : ['hand', 'library']) as ShapeForm[]) {
      pair[form] = synthShape(form, shape, flags).ms;
    }
    if (run >= WARMUP_RUNS) {
      times.library.push(pair.library!);
      times.hand.push(pair.hand!);
      times.ratios.push(pair.library! / pair.hand!);
    }
  }
  const count = (result: ShapeSynthesized) => Object.values(result.templates).reduce((total, t) => total + resourceCount(t), 0);
  return {
    flags: flags.name,
    principals: shape.principals,
    grantsEach: shape.grants,
    stacks: Object.keys(check.library.templates).length,
    pairs: SHAPE_RUNS,
    synthMs: { library: round(median(times.library), 1), hand: round(median(times.hand), 1) },
    timeRatio: round(median(times.ratios), 3),
    timeRatioQuartiles: [round(quantile(times.ratios, 0.25), 3), round(quantile(times.ratios, 0.75), 3)],
    timeRatioRange: [round(Math.min(...times.ratios), 3), round(Math.max(...times.ratios), 3)],
    resources: { library: count(check.library), hand: count(check.hand) },
    // Where an error fails synth or is reported: 1,000 grants are more than one role takes (see the tables above).
    libraryReportsError: check.library.failed !== undefined || check.library.errors > 0,
    librarySynthFails: check.library.failed !== undefined,
  };
}

/** The identity policy documents of a template: inline (`AWS::IAM::Policy`, a role's `Policies`) and managed. */
function policyDocuments(template: any): any[] {
  const docs: any[] = [];
  for (const resource of Object.values<any>(template.Resources ?? {})) {
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      docs.push(resource.Properties.PolicyDocument);
    }
    for (const inline of resource.Type === 'AWS::IAM::Role' ? resource.Properties.Policies ?? [] : []) {
      docs.push(inline.PolicyDocument);
    }
  }
  return docs;
}

/** Characters of all policy documents, as IAM counts them (JSON without white space). */
function policyChars(template: any): number {
  return policyDocuments(template).reduce((total, doc) => total + JSON.stringify(doc).length, 0);
}

/** Every (action, resource) pair allowed, as `action resource` strings. */
function grantedPairs(template: any): Set<string> {
  const pairs = new Set<string>();
  for (const doc of policyDocuments(template)) {
    for (const statement of doc.Statement) {
      if (statement.Effect !== 'Allow' || statement.NotAction || statement.NotResource || statement.Condition) {
        throw new Error(`unexpected statement ${JSON.stringify(statement)}`);
      }
      for (const action of [statement.Action].flat()) {
        for (const resource of [statement.Resource].flat()) {
          pairs.add(`${action} ${JSON.stringify(resource)}`);
        }
      }
    }
  }
  return pairs;
}

function resourceCount(template: any): number {
  return Object.keys(template.Resources ?? {}).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The largest n in [low, high] for which `ok(n)` holds, `ok` being true up to some n and false after. */
function largest(low: number, high: number, ok: (n: number) => boolean): number {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (ok(middle)) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Every shape under every set of flags. */
function measureShapes() {
  return FLAG_SETS.flatMap((flags) => SHAPES.map((shape) => measureShape(shape, flags)));
}

function main(): void {
  if (process.env.BENCH_PART === 'shapes') {
    // Only the app shapes, printed: for comparing versions of the library. Nothing is written.
    console.log(renderShapesTable(measureShapes()));
    return;
  }
  // Same access in every form, and the library's documents all within IAM's limits while it reports nothing.
  for (const n of SIZES) {
    const results = FORMS.map((form) => synth(form, n, n));
    const [library, ...others] = results.map((r) => grantedPairs(r.template));
    for (const [i, other] of others.entries()) {
      const same = library.size === other.size && [...library].every((pair) => other.has(pair));
      if (!same) {
        throw new Error(`N=${n}: the library and the ${FORMS[i + 1]} form do not grant the same pairs`);
      }
    }
  }

  const rows = SIZES.map((n) => {
    const times: Record<Form, number[]> = { library: [], hand: [], deployable: [], smallest: [] };
    const last: Partial<Record<Form, Synthesized>> = {};
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      // Alternate, and rotate which form goes first.
      for (let k = 0; k < FORMS.length; k++) {
        const form = FORMS[(run + k) % FORMS.length];
        const result = synth(form, n, n);
        if (run >= WARMUP_RUNS) {
          times[form].push(result.ms);
        }
        last[form] = result;
      }
    }
    const perForm = <T>(f: (form: Form) => T) => Object.fromEntries(FORMS.map((form) => [form, f(form)])) as Record<Form, T>;
    const ms = perForm((form) => median(times[form]));
    const chars = perForm((form) => policyChars(last[form]!.template));
    const library = last.library!;
    return {
      n,
      grants: { campaign: n, journey: n },
      synthMs: perForm((form) => round(ms[form], 1)),
      timeRatio: round(ms.library / ms.hand, 3),
      timeRatioVsDeployable: round(ms.library / ms.deployable, 3),
      timeRatioVsSmallest: round(ms.library / ms.smallest, 3),
      policyChars: chars,
      charsRatio: round(chars.library / chars.smallest, 4),
      charsRatioVsDeployable: round(chars.library / chars.deployable, 4),
      resources: perForm((form) => resourceCount(last[form]!.template)),
      libraryReports: { errors: library.errors, warnings: library.warnings.filter((w) => w.includes('managed policies')) },
    };
  });

  // Capacity: campaign grants alone on one role, user or group, until synth reports a limit (an error), and until it
  // warns about the default quota of managed policies.
  const capacityOf = (kind: Kind) => {
    const reports = new Map<number, Synthesized>();
    const at = (n: number) => reports.get(n) ?? reports.set(n, synth('library', n, 0, kind)).get(n)!;
    const beforeError = largest(1, 3000, (n) => at(n).errors.length === 0);
    const beforeDefaultQuotaWarning = largest(1, beforeError, (n) => !at(n).warnings.some((w) => w.includes('default quota')));
    // The ceiling: the most campaign grants any exact set of policy documents holds within the quotas, each document
    // `{"Version":"2012-10-17","Statement":[...]}` with one statement without a Sid.
    const arnChars = JSON.stringify(at(1).template).match(/"(arn:aws:mobiletargeting:[^"]*campaigns[^"]*)"/)![1].length;
    const perGrant = arnChars + 3;
    const documentChars = '{"Version":"2012-10-17","Statement":[]}'.length;
    const statementChars = `{"Effect":"Allow","Action":"${CAMPAIGN_ACTIONS[0]}","Resource":[]}`.length;
    const fits = (limit: number) => Math.floor((limit - documentChars - statementChars + 1) / perGrant);
    const ceiling = (managed: number) => fits(INLINE_MAX_CHARS[kind]) + managed * fits(MANAGED_POLICY_MAX_CHARS);
    return {
      kind,
      inlineLimit: INLINE_MAX_CHARS[kind],
      campaignArnChars: arnChars,
      beforeError,
      ceiling: ceiling(MANAGED_POLICIES_MAX_QUOTA),
      ratio: round(beforeError / ceiling(MANAGED_POLICIES_MAX_QUOTA), 4),
      beforeDefaultQuotaWarning,
      ceilingDefaultQuota: ceiling(MANAGED_POLICIES_DEFAULT_QUOTA),
      rawCharacterCeiling: Math.floor((INLINE_MAX_CHARS[kind] + MANAGED_POLICIES_MAX_QUOTA * MANAGED_POLICY_MAX_CHARS) / perGrant),
    };
  };
  const capacities = KINDS.map(capacityOf);
  const capacityResult = capacities[0];
  const capacity = capacityResult.beforeError;

  const shapes = measureShapes();

  const at1000 = rows.find((row) => row.n === 1000)!;
  const targets = {
    timeRatioAt1000: { target: 1.1, measured: at1000.timeRatio, met: at1000.timeRatio <= 1.1 },
    charsRatioAt1000: { target: 1.02, measured: at1000.charsRatio, met: at1000.charsRatio <= 1.02 },
    capacityAtCeiling: { target: capacityResult.ceiling, measured: capacity, met: capacity >= capacityResult.ceiling },
    // users and groups: within 1 % of the ceiling
    ...Object.fromEntries(capacities.slice(1).map((c) => [`${c.kind}CapacityWithin1Percent`,
      { target: 0.99, measured: c.ratio, met: c.ratio >= 0.99 }])),
    // every app shape under both sets of flags: the library no slower than the hand form
    shapesTimeRatio: {
      target: 1,
      measured: Math.max(...shapes.map((shape) => shape.timeRatio)),
      met: shapes.every((shape) => shape.timeRatio <= 1),
    },
  };
  const results = {
    node: process.version,
    cpus: cpus().length,
    runsPerForm: RUNS,
    rows,
    capacity: capacityResult,
    capacities,
    shapeRunsPerForm: SHAPE_RUNS,
    shapes,
    targets,
  };
  writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, undefined, 2) + '\n');

  const table = renderTable(results);
  console.log(table);
  console.log(`\nTargets at N = 1,000: time ratio ${targets.timeRatioAt1000.measured} (≤ 1.10: ${yesNo(targets.timeRatioAt1000.met)}), ` +
    `characters ratio ${targets.charsRatioAt1000.measured} (≤ 1.02: ${yesNo(targets.charsRatioAt1000.met)}), ` +
    `capacity ${capacity} of ${capacityResult.ceiling} (${yesNo(targets.capacityAtCeiling.met)}); app shapes: ` +
    `time ratio at most ${targets.shapesTimeRatio.measured} (≤ 1.00: ${yesNo(targets.shapesTimeRatio.met)}).`);
  updateReadme(table);
}

function renderTable(results: { rows: any[]; capacities: any[]; shapes: any[]; node: string; cpus: number; runsPerForm: number }): string {
  const f = (value: number) => value.toLocaleString('en-US');
  const x = (value: number) => value.toFixed(2);
  const reported = (row: any) => row.libraryReports.errors.length > 0 ? 'error: ' + /has (\d+ managed policies)/.exec(row.libraryReports.errors[0])![1]
    : row.libraryReports.warnings.length > 0 ? 'warning: ' + /has (\d+ managed policies)/.exec(row.libraryReports.warnings[0])![1] : 'none';
  const lines = [
    '| N campaign + N journey grants | synth ms: library | hand, per grant | hand, deployable | hand, smallest | library ÷ hand | library ÷ deployable | library ÷ smallest |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.rows.map((row) =>
      `| ${f(row.n)} | ${row.synthMs.library} | ${row.synthMs.hand} | ${row.synthMs.deployable} | ${row.synthMs.smallest} | ` +
      `**${x(row.timeRatio)}** | ${x(row.timeRatioVsDeployable)} | ${x(row.timeRatioVsSmallest)} |`),
    '',
    '| N campaign + N journey grants | policy characters: library | hand, per grant | hand, deployable | hand, smallest | library ÷ smallest | library ÷ deployable | resources: library / per grant / deployable / smallest | library reports at synth |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.rows.map((row) =>
      `| ${f(row.n)} | ${f(row.policyChars.library)} | ${f(row.policyChars.hand)} | ${f(row.policyChars.deployable)} | ` +
      `${f(row.policyChars.smallest)} | **${row.charsRatio.toFixed(3)}** | ${row.charsRatioVsDeployable.toFixed(3)} | ` +
      `${row.resources.library} / ${row.resources.hand} / ${row.resources.deployable} / ${row.resources.smallest} | ${reported(row)} |`),
    '',
    'Campaign grants one principal takes before synth reports a limit, against the ceiling the IAM quotas allow (its ' +
    `inline limit + 20 managed policies × 6,144 characters, ${results.capacities[0].campaignArnChars}-character ARNs, ` +
    'each document with one statement without a Sid), and within the default quota of 10 managed policies:',
    '',
    '| principal | inline limit | grants before synth reports a limit | ceiling | of the ceiling | within 10 managed policies | ceiling |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.capacities.map((c) =>
      `| ${c.kind} | ${f(c.inlineLimit)} | **${f(c.beforeError)}** | ${f(c.ceiling)} | ${(c.ratio * 100).toFixed(1)} % | ` +
      `${f(c.beforeDefaultQuotaWarning)} | ${f(c.ceilingDefaultQuota)} |`),
    '',
    `Node.js ${results.node}, ${results.cpus} CPUs, median of ${results.runsPerForm} alternating runs per form.`,
    '',
    renderShapesTable(results.shapes),
  ];
  return lines.join('\n');
}

/** The app shapes: P roles × G grants each, the library against one `iam.Grant.addToPrincipal` per grant. */
function renderShapesTable(shapes: ReturnType<typeof measureShape>[]): string {
  const x = (value: number) => value.toFixed(2);
  const reported = (shape: typeof shapes[number]) => shape.librarySynthFails ? 'error, synth fails'
    : shape.libraryReportsError ? 'error' : 'none';
  return [
    'App shapes: P roles × G grants each, in one stack, campaign and journey grants taking turns, the library against one ' +
    '`iam.Grant.addToPrincipal` per grant on the same roles; library ÷ hand is the median of the ratios of pairs of ' +
    'runs (which goes first alternating), with the quartiles and the range of those ratios:',
    '',
    '| feature flags | P × G | synth ms: library | hand, per grant | library ÷ hand | quartiles | range | resources: library / hand | library reports at synth |',
    '|---|---|---:|---:|---:|---|---|---|---|',
    ...shapes.map((shape) =>
      `| ${shape.flags} | ${shape.principals} × ${shape.grantsEach.toLocaleString('en-US')} | ${shape.synthMs.library} | ` +
      `${shape.synthMs.hand} | **${x(shape.timeRatio)}** | ${shape.timeRatioQuartiles.map(x).join('–')} | ` +
      `${shape.timeRatioRange.map(x).join('–')} | ${shape.resources.library} / ${shape.resources.hand} | ${reported(shape)} |`),
    '',
    `${shapes[0].pairs} pairs of runs per shape, after ${WARMUP_RUNS} warm-up pairs.`,
  ].join('\n');
}

const README_START = '<!-- bench:many-grants -->';
const README_END = '<!-- /bench:many-grants -->';

function updateReadme(table: string): void {
  const readmePath = path.join(__dirname, '..', 'docs', 'size-limits.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    console.log(`docs/size-limits.md has no ${README_START} block: not updated.`);
    return;
  }
  writeFileSync(readmePath, `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`);
  console.log('docs/size-limits.md updated.');
}

function yesNo(met: boolean): string {
  return met ? 'met' : 'missed';
}

main();

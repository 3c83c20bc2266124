/**
 * What a synthesis with validation plugins reports: aws-cdk-lib's `validation-report.json` (its CloudFormation rules,
 * cdk-nag, PinpointAccessValidator) and the access report PinpointAccessValidator writes beside the templates. Apps
 * made here synthesize into a temporary directory of their own, removed by `removeTestOutdirs` (each test file of the
 * validator calls it in `afterEach`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ACCOUNT, PROJECT_ID, REGION, testApp, testStack } from './app';
import { newRole } from './principals';
import { PinpointAccessValidator } from '../../lib';

/** The start of every Pinpoint ARN of the test account and region. */
export const PINPOINT_ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
/** A read of one analytics action on one project's KPIs (`iam.PolicyStatement` props): the statement most checks start from. */
export const PROJECT_KPI_READ = {
  actions: ['mobiletargeting:GetApplicationDateRangeKpi'],
  resources: [`${PINPOINT_ARN}:apps/${PROJECT_ID}/kpis/*`],
};

/** One violation of a validation plugin (cdk-nag, aws-cdk-lib's CloudFormation rules) on one construct. */
export interface Violation {
  /** The plugin's name: `AwsSolutions`, `CloudFormation Validate`. */
  readonly plugin: string;
  /** The rule as the report names it, without the plugin's prefix: `AwsSolutions-IAM5[Resource::...]`, `W3696`. */
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
  /** For an acknowledged violation, the ID it was acknowledged with. */
  readonly acknowledgedId?: string;
}

/** What synthesizing an app with validation plugins reports, read from its `validation-report.json`. */
export interface ValidationResult {
  /** The error synthesis failed with, if it failed. */
  readonly error?: Error;
  /** The violations left: any of severity `error` fails synthesis. */
  readonly violations: Violation[];
  /** The violations an acknowledgement covered. */
  readonly acknowledged: Violation[];
}

/**
 * Synthesizes `app` as `cdk synth` does, with its validation plugins and aws-cdk-lib's CloudFormation rules, and
 * returns what the validation report (written on success and failure alike) says, sorted by rule, then path. What
 * synthesis prints (the same report) is not shown.
 */
export function synthesizeValidated(app: App): ValidationResult {
  let error: Error | undefined;
  // Synthesis prints the report's warnings; the result returns them.
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  } finally {
    printed.mockRestore();
  }
  const reportFile = path.join(app.outdir, 'validation-report.json');
  if (!existsSync(reportFile)) {
    throw error ?? new Error(`no validation report in ${app.outdir}`);
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf-8'));
  const flatten = (plugin: string, violations: any[] | undefined): Violation[] => (violations ?? [])
    .flatMap((v) => v.violatingConstructs.map((c: any) => ({
      plugin,
      rule: v.ruleName,
      severity: v.severity,
      path: c.constructPath,
      ...(v.acknowledgedId !== undefined ? { acknowledgedId: v.acknowledgedId } : {}),
    })));
  const sorted = (violations: Violation[]) =>
    violations.sort((a, b) => a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
  return {
    error,
    violations: sorted(report.pluginReports.flatMap((r: any) => flatten(r.pluginName, r.violations))),
    acknowledged: sorted(report.pluginReports.flatMap((r: any) => flatten(r.pluginName, r.suppressedViolations))),
  };
}

const OUTDIRS: string[] = [];

/** A new temporary directory, removed by `removeTestOutdirs`. */
export function testOutdir(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'pinpoint-access-test-'));
  OUTDIRS.push(outdir);
  return outdir;
}

/** `testApp()`, synthesizing into a temporary directory of its own. */
export function testAppWithOutdir(context: Record<string, unknown> = {}): App {
  return testApp(context, testOutdir());
}

/** Removes the temporary directories of the apps made by this module. */
export function removeTestOutdirs(): void {
  for (const outdir of OUTDIRS.splice(0)) {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** What a synthesis with the validator reported. */
export interface ValidatorResult {
  /** Whether `app.synth()` failed. */
  readonly failed: boolean;
  /** The error message when it failed. */
  readonly message: string;
  /** The rule names of the validator's violations that were not acknowledged, sorted. */
  readonly findings: string[];
  /** The rule names of the validator's violations that were acknowledged, sorted. */
  readonly acknowledged: string[];
  /** The violations as aws-cdk-lib reported them. */
  readonly violations: any[];
  /** The access report (JSON) of the app's output directory (`null` if there is none). */
  readonly report: any;
  /** The access report (Markdown) of the app's output directory (`null` if there is none). */
  readonly markdown: string;
}

/** Adds the validator to `app` (unless it has one), synthesizes it, and reads what was reported. */
export function synthWithValidator(app: App, options: { addPlugin?: boolean } = {}): ValidatorResult {
  if (options.addPlugin ?? true) {
    Validations.of(app).addPlugins(new PinpointAccessValidator());
  }
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  return resultIn(app.outdir, message);
}

/** The synthesized template of `stack`, as `app.synth()` wrote it. */
export function templateIn(app: App, stack: Stack): any {
  return JSON.parse(readFileSync(path.join(app.outdir, stack.templateFile), 'utf-8'));
}

/** What the validator reported in the cloud assembly at `outdir`. */
export function resultIn(outdir: string, message = ''): ValidatorResult {
  const validation = path.join(outdir, 'validation-report.json');
  const reports: any[] = existsSync(validation) ? JSON.parse(readFileSync(validation, 'utf-8')).pluginReports : [];
  const ours = reports.find((report) => report.pluginName === 'PinpointAccessValidator') ?? {};
  const rules = (list: any[] = []) => list.map((v) => v.ruleName).sort();
  const read = (file: string) => (existsSync(path.join(outdir, file)) ? readFileSync(path.join(outdir, file), 'utf-8') : 'null');
  return {
    failed: message !== '',
    message,
    findings: rules(ours.violations),
    acknowledged: rules(ours.suppressedViolations),
    violations: ours.violations ?? [],
    report: JSON.parse(read('pinpoint-access-report.json')),
    markdown: read('pinpoint-access-report.md'),
  };
}

/**
 * An app that synthesizes into a temporary directory, its stack `TestStack` and a role `Role` to write statements into;
 * aws-cdk-lib's rule W2512 is acknowledged, as the tests write NotAction on purpose.
 */
export function appWithRole(): { app: App; stack: Stack; role: iam.Role } {
  const app = testAppWithOutdir();
  const stack = testStack(app);
  const role = newRole(stack, 'Role');
  Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W2512', reason: 'The tests write NotAction on purpose' });
  return { app, stack, role };
}

/** Adds a statement to `role`'s default policy. */
export function allow(role: iam.Role, props: iam.PolicyStatementProps): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement(props));
}

/** The ID of a finding of `rule` on the statement with Sid `statement` of the default policy of `appWithRole`'s role. */
export function roleFinding(rule: string, statement: string): string {
  return `${rule}[TestStack/Role/DefaultPolicy#${statement}]`;
}

/** The principals of an access report as `<kind> <name>: <the statements that grant its actions>`. */
export function reportedPrincipals(report: any): string[] {
  return report.principals.map((p: any) =>
    `${p.kind} ${p.name}: ${p.allows.flatMap((a: any) => a.statements).join(', ')}`);
}

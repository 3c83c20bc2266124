/**
 * Helpers for the tests of `PinpointAccessValidator`: apps that synthesize into a temporary directory of their own
 * (removed by `removeTestOutdirs`, which each test file calls in `afterEach`), and what a synthesis with the validator
 * reported, read from aws-cdk-lib's `validation-report.json` and from the access report beside the templates.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cdkLibPackage from 'aws-cdk-lib/package.json';
import { testApp } from './util';
import { PinpointAccessValidator } from '../lib';

/** The version of aws-cdk-lib the tests run against (the floor, or a newer one mapped in by jest). */
export const CDK_VERSION: string = cdkLibPackage.version;
/** aws-cdk-lib 2.262 matches an acknowledgement by its ID in the whole app; newer versions only under its scope. */
export const ACKNOWLEDGEMENTS_ARE_SCOPED = Number(CDK_VERSION.split('.')[1]) > 262;

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

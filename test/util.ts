/**
 * Shared helpers for the tests: apps and stacks as users build them, the synthesized template, the validation report,
 * and the version of aws-cdk-lib the tests run against.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { version as cdkLibVersion } from 'aws-cdk-lib/package.json';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const OTHER_ACCOUNT = '210987654321';
export const OTHER_REGION = 'eu-west-1';

/** Pinpoint IDs look like this: 32 lowercase hex characters. */
export const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const OTHER_PROJECT_ID = 'b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7';
export const CAMPAIGN_ID = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
export const OTHER_CAMPAIGN_ID = 'e1d2c3b4a5968778695a4b3c2d1e0f0a';
export const JOURNEY_ID = '0123456789abcdef0123456789abcdef';
export const OTHER_JOURNEY_ID = 'fedcba9876543210fedcba9876543210';

/**
 * An app whose synthesis fails on aws-cdk-lib's built-in CloudFormation rules (malformed ARN, and from aws-cdk-lib
 * 2.268.0 duplicate Sid, E3510, ...), with partition literals so ARNs in a stack with a concrete region read
 * `arn:aws:...`. It synthesizes into `outdir` (default: a temporary directory of aws-cdk-lib's).
 */
export function testApp(context: Record<string, unknown> = {}, outdir?: string): App {
  return new App({
    outdir,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      '@aws-cdk/core:enablePartitionLiterals': true,
      ...context,
    },
  });
}

/** A stack with an explicit environment (account 123456789012, us-east-1). */
export function testStack(app: App = testApp(), id = 'TestStack', env = { account: ACCOUNT, region: REGION }): Stack {
  return new Stack(app, id, { env });
}

/** A stack without an environment: partition, region and account are tokens. */
export function envAgnosticStack(app: App = testApp(), id = 'AgnosticStack'): Stack {
  return new Stack(app, id);
}

/** The synthesized template of `stack`. */
export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

/**
 * The version of aws-cdk-lib these tests run against: the floor, as package-lock.json pins it, under `npm test`; the
 * newest release pinned in .projenrc.ts under `npx projen test:newest-cdk` (test/cdk-versions/). Where aws-cdk-lib
 * behaves differently between releases, a test reads it and expects what the release it runs against does.
 */
export const CDK_VERSION: string = cdkLibVersion;

/** Compares two `major.minor.patch` versions: negative if `a` is older than `b`, 0 if equal, positive if newer. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
    if (!match) {
      throw new Error(`not a major.minor.patch version: '${v}'`);
    }
    return match.slice(1).map(Number);
  };
  const [x, y] = [parse(a), parse(b)];
  return x.map((part, i) => part - y[i]).find((d) => d !== 0) ?? 0;
}

/** Whether the aws-cdk-lib under test is `version` or newer. */
export function cdkVersionAtLeast(version: string): boolean {
  return compareVersions(CDK_VERSION, version) >= 0;
}

/**
 * The first aws-cdk-lib release with the CloudFormation rule E3510 (IAM policy documents; among its checks, a Sid used
 * twice in one policy is an error); 2.262.0 to 2.267.0 have no such rule. (Bisected by hand with a duplicate Sid:
 * 2.267.0 synthesizes it, 2.268.0 fails; CI runs only the floor and the newest.)
 */
export const CDK_E3510_SINCE = '2.268.0';

/**
 * The first aws-cdk-lib release whose validation report names a finding after its plugin
 * (`AwsSolutions::AwsSolutions-IAM5[...]` after "Acknowledge with"), whose `Validations.acknowledge` accepts `::`
 * inside brackets (an ID holding `<AWS::Partition>`) and both the plain and the plugin-prefixed ID, and which applies
 * an acknowledgement only to the resources under the construct it was given on. Up to 2.268.0 the ID is printed without
 * the prefix, an ID with a second `::` is refused, and an acknowledgement applies to its ID anywhere in the app.
 * (Bisected by hand: 2.268.0 behaves like 2.262.0, 2.269.0 like 2.276.0; CI runs only the floor and the newest.)
 */
export const CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE = '2.269.0';

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
  if (!fs.existsSync(reportFile)) {
    throw error ?? new Error(`no validation report in ${app.outdir}`);
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf-8'));
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

/**
 * Apps and stacks as users build them, the synthesized template, and the IDs, regions and accounts the tests use.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

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

/** A 32-character hex ID that differs per `i`: `prefix` then `i` in hex. */
export function hexId(prefix: string, i: number): string {
  return `${prefix}${i.toString(16).padStart(32 - prefix.length, '0')}`;
}

/**
 * An app whose synthesis fails on aws-cdk-lib's built-in CloudFormation rules (malformed ARN, and from aws-cdk-lib
 * 2.268.0 duplicate Sid, E3510, ...), with partition literals so ARNs in a stack with a concrete region read
 * `arn:aws:...`. It synthesizes into `outdir` (default: a new temporary directory, inside the one the test
 * environment gives each test file and removes afterwards).
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

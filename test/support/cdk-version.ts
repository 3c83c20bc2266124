/**
 * The version of aws-cdk-lib the tests run against, and the releases whose behaviour the tests tell apart.
 */
import { version as cdkLibVersion } from 'aws-cdk-lib/package.json';

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

/**
 * Whether the aws-cdk-lib under test applies an acknowledgement only under the construct it was given on (2.269.0 and
 * newer), rather than to its ID anywhere in the app.
 */
export const ACKNOWLEDGEMENTS_ARE_SCOPED = cdkVersionAtLeast(CDK_SCOPED_ACKNOWLEDGEMENTS_SINCE);

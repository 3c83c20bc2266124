/**
 * How large a policy document is, the way IAM counts it, and the IAM limits it must stay within.
 *
 * IAM counts the characters of a policy document without white space. Synthesized documents are the JSON of
 * `Stack.resolve`, where a value known only at deploy time is a CloudFormation intrinsic (`Ref`, `Fn::Join`,
 * `Fn::GetAtt`, ...). Such a value is counted at a fixed width:
 *
 * - a pseudo parameter at the width of its longest value (`AWS::Partition` 10, `aws-us-gov`; `AWS::Region` 14, such as
 *   `ap-southeast-2`; `AWS::AccountId` 12; `AWS::URLSuffix` 16, `amazonaws.com.cn`);
 * - any other reference (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, ...) at 32 characters, the length of an Amazon Pinpoint
 *   ID (`CfnApp.ref`, `CfnCampaign.attrCampaignId`), the only kind of reference this library puts into an ARN;
 * - `Fn::Join` and `Fn::Sub` as their literal text plus their references at the widths above.
 *
 * So the estimate is exact for documents without references, and close for ARNs built from pseudo parameters and
 * Pinpoint IDs. For a reference that stands for a whole long value (an ARN from `Fn::GetAtt`), 32 is an under-estimate:
 * a size error is then reported later rather than wrongly.
 */
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

// IAM limits. Source: IAM User Guide, "IAM and AWS STS quotas" (characters, white space not counted).

/** The largest managed policy document. */
export const MANAGED_POLICY_MAX_CHARS = 6_144;
/** All inline policies of one role, together. */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10_240;
/** All inline policies of one user, together. */
export const USER_INLINE_POLICIES_MAX_CHARS = 2_048;
/** All inline policies of one group, together. */
export const GROUP_INLINE_POLICIES_MAX_CHARS = 5_120;
/** Managed policies attached to one role, user or group: the default quota. */
export const MANAGED_POLICIES_DEFAULT_QUOTA = 10;
/** Managed policies attached to one role, user or group: the most a quota increase allows. */
export const MANAGED_POLICIES_MAX_QUOTA = 20;

// aws-cdk-lib's role policy splitter. Source: aws-cdk-lib `aws-iam/lib/role.ts` (`MAX_MANAGEDPOL_SIZE`) and
// `aws-iam/lib/policy-statement.ts` (`PolicyStatement._estimateSize`, `DEFAULT_ARN_SIZE_ESTIMATE`).

/**
 * The most characters of statements, by aws-cdk-lib's estimate, that its splitter places into one `OverflowPolicy` (its
 * `MAX_MANAGEDPOL_SIZE`). A statement over it gets an overflow policy of its own.
 */
export const SPLITTABLE_STATEMENT_MAX_CHARS = 6_000;
/** The context key that sets how many characters aws-cdk-lib's splitter counts for an ARN that is a token. */
const CDK_ARN_SIZE_ESTIMATE_CONTEXT_KEY = '@aws-cdk/aws-iam.arnSizeEstimate';
/** aws-cdk-lib's default for that estimate. */
const CDK_DEFAULT_ARN_SIZE_ESTIMATE = 150;

/** The width of a pseudo parameter: its longest value. */
const PSEUDO_PARAMETER_WIDTH: ReadonlyMap<unknown, number> = new Map([
  ['AWS::Partition', 10],
  ['AWS::Region', 14],
  ['AWS::AccountId', 12],
  ['AWS::URLSuffix', 16],
]);
/** The width of any other reference: an Amazon Pinpoint ID. */
export const REFERENCE_WIDTH = 32;

/**
 * The characters of `resolved` (the output of `Stack.resolve`) as JSON without white space, with intrinsics at the
 * widths above. `undefined` counts 0 (CloudFormation drops it).
 */
export function jsonChars(resolved: unknown): number {
  if (resolved === undefined) {
    return 0;
  }
  if (typeof resolved === 'string') {
    return JSON.stringify(resolved).length;
  }
  if (resolved === null || typeof resolved !== 'object') {
    return String(resolved).length;
  }
  if (Array.isArray(resolved)) {
    return 2 + commas(resolved.length) + sum(resolved.map(jsonChars));
  }
  const intrinsic = intrinsicWidth(resolved as Record<string, unknown>);
  if (intrinsic !== undefined) {
    return intrinsic + 2;
  }
  const entries = Object.entries(resolved).filter(([, value]) => value !== undefined);
  return 2 + commas(entries.length) + sum(entries.map(([key, value]) => JSON.stringify(key).length + 1 + jsonChars(value)));
}

/** The characters of a policy document (an `iam.PolicyDocument` or its JSON) once synthesized in `scope`'s stack. */
export function policyDocumentChars(scope: IConstruct, document: unknown): number {
  return jsonChars(Stack.of(scope).resolve(document));
}

/**
 * A size in characters by two measures: as deployed (what IAM counts), and as aws-cdk-lib's role policy splitter
 * estimates it (`PolicyStatement._estimateSize`, which counts a token ARN at a fixed 150 and a Sid not at all).
 */
export interface TwoSizes {
  readonly deployed: number;
  readonly splitter: number;
}

/** The characters of `{"Version":"2012-10-17","Statement":[]}`, the document around the statements. */
export const DOCUMENT_OVERHEAD_CHARS = 39;

/**
 * A resource ARN as `scope`'s stack synthesizes it (`key`: two ARNs that synthesize alike are one resource, even when
 * they are different tokens) and what it adds to a statement.
 */
export function resourceForm(scope: IConstruct, arn: string): { readonly key: string; readonly size: TwoSizes } {
  const resolved = Token.isUnresolved(arn) ? Stack.of(scope).resolve(arn) : arn;
  return { key: JSON.stringify(resolved), size: resourceSize(scope, arn, resolved) };
}

/** What one resource adds to a statement: its value, quotes and comma. `resolved` is its `Stack.resolve` output. */
export function resourceSize(scope: IConstruct, arn: string, resolved: unknown): TwoSizes {
  return {
    deployed: jsonChars(resolved) + 1,
    splitter: (Token.isUnresolved(arn) ? cdkArnSizeEstimate(scope) : arn.length) + 3,
  };
}

/**
 * The size of an `Allow` statement with `sid` and `actions` and an empty resource list (with the comma that separates
 * it from the next statement).
 */
export function statementOverhead(sid: string, actions: readonly string[]): TwoSizes {
  // {"Sid":"...","Effect":"Allow","Action":...,"Resource":[]},
  const action = actions.length === 1 ? actions[0].length + 2 : 2 + commas(actions.length) + sum(actions.map((a) => a.length + 2));
  return {
    deployed: `{"Sid":"${sid}","Effect":"Allow","Action":,"Resource":[]},`.length + action,
    // aws-cdk-lib counts `"Effect": "Allow",`, then `Action` + 5 and each action + 3, then `Resource` + 5.
    splitter: '"Effect": "Allow",'.length + 'Action'.length + 5 + sum(actions.map((a) => a.length + 3)) + 'Resource'.length + 5,
  };
}

function cdkArnSizeEstimate(scope: IConstruct): number {
  const fromContext = scope.node.tryGetContext(CDK_ARN_SIZE_ESTIMATE_CONTEXT_KEY);
  return typeof fromContext === 'number' ? fromContext : CDK_DEFAULT_ARN_SIZE_ESTIMATE;
}

/** The width of the string an intrinsic stands for; `undefined` when `value` is not an intrinsic. */
function intrinsicWidth(value: Record<string, unknown>): number | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    return undefined;
  }
  const [name] = keys;
  const argument = value[name];
  if (name === 'Ref') {
    return PSEUDO_PARAMETER_WIDTH.get(argument) ?? REFERENCE_WIDTH;
  }
  if (name === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
    const [separator, parts] = argument as [string, unknown[]];
    return separator.length * commas(parts.length) + sum(parts.map(partWidth));
  }
  if (name === 'Fn::Sub' && typeof argument === 'string') {
    return argument.replace(/\$\{([^}!]*)\}/g, (_match, ref: string) => 'x'.repeat(PSEUDO_PARAMETER_WIDTH.get(ref) ?? REFERENCE_WIDTH)).length;
  }
  return name.startsWith('Fn::') ? REFERENCE_WIDTH : undefined;
}

/** The width of one part of an `Fn::Join`: literal text as it appears inside a JSON string, or an intrinsic. */
function partWidth(part: unknown): number {
  if (typeof part === 'string') {
    return JSON.stringify(part).length - 2;
  }
  if (typeof part === 'object' && part !== null) {
    // intrinsicWidth finds no intrinsic in an array (its keys are indexes)
    return intrinsicWidth(part as Record<string, unknown>) ?? REFERENCE_WIDTH;
  }
  return REFERENCE_WIDTH;
}

/** The commas between `n` elements. */
function commas(n: number): number {
  return Math.max(0, n - 1);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    total += value;
  }
  return total;
}

/**
 * What the size check of lib/private/size/policy-size-validation.ts reports, as the tests read it: the errors on a
 * construct, the fixes its messages end with (written here, never taken from `lib/`), numbers as the messages show
 * them, and statements that take room.
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The error messages synth reports on the construct at `path` of `stack`. */
export function errorsOn(stack: Stack, path: string): string[] {
  return Annotations.fromStack(stack).findError(`/${path}`, Match.anyValue()).map((m) => String(m.entry.data));
}

/** The fix every message about too many grants on one principal ends with. */
export const BROADER_GRANTS_FIX = 'Grant fewer, broader permissions: for example one project-level PinpointAnalyticsReadPolicy ' +
  '(projectIds, metrics) instead of many CampaignKpiGrant or JourneyMetricsGrant';

/** The fix for a user's or a group's inline policies. */
export const INLINE_POLICIES_FIX = 'Move inline policies of your own (iam.Policy) into managed policies: what this library ' +
  'grants moves into managed policies by itself where the inline policies leave no room.';

/** The fix for a managed policy of the user's own. */
export const SPLIT_MANAGED_POLICY_FIX = 'Split its statements over several managed policies of at most 6,144 characters each ' +
  '(PinpointAnalyticsStatements.merge returns statements that each fit one).';

/** A number as the messages show it: `2,048`. */
export function withThousands(value: number): string {
  return value.toLocaleString('en-US');
}

/** A statement padded with `pad` (in its resource), to take room in a policy. */
export function paddingStatement(pad: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::reports-${pad}/*`] });
}

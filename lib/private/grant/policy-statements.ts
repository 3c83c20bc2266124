/**
 * Canonical statements (`canonical.ts`) as new `iam.PolicyStatement` objects, for policies this library writes and for
 * the statements it hands out.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { Statement } from './canonical';
import { SidAllocation } from './sids';

/**
 * New `iam.PolicyStatement` objects for `statements`: callers may change them without changing ours. With `sids`, for
 * a policy this library writes into, each Sid is that allocation's (`sids.ts`): the statement's own unless another
 * statement of the policy takes it.
 */
export function toPolicyStatements(statements: readonly Statement[], sids?: SidAllocation): iam.PolicyStatement[] {
  return statements.map((statement) => new iam.PolicyStatement({
    sid: sids ? sids.sid(statement.sid) : statement.sid,
    actions: [...statement.actions],
    resources: [...statement.resources],
  }));
}

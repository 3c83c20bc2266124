import * as iam from 'aws-cdk-lib/aws-iam';
import { IPinpointAnalyticsGrant } from './pinpoint-analytics-grant-base';
import { ANALYTICS_READS } from './private/analytics';
import { canonicalStatements, Permission } from './private/grant/canonical';
import { toPolicyStatements } from './private/grant/policy-statements';
import { PropsValidator } from './private/grant/validation';
import { resourceForm } from './private/size/policy-size';

/**
 * The statements of several grants together, for documents of your own.
 */
export class PinpointAnalyticsStatements {
  /**
   * The canonical statements of all of `grants` together: exactly the union of their access, merged as in a
   * principal's policy (every resource keeps exactly the actions granted on it, resources with the same actions share
   * one statement, sorted, Sids named after the actions and unique among them), each statement within one managed
   * policy of 6,144 characters. The order of `grants` does not matter, and a grant given twice counts once.
   *
   * Put the statements into as many managed policies as their size needs; a principal of this app that is granted the
   * same grants receives the same statements. Their Sids are the library's names as they are: in a document that has
   * statements of its own, keep the Sids apart yourself.
   *
   * @param grants the grants to merge
   */
  public static merge(grants: IPinpointAnalyticsGrant[]): iam.PolicyStatement[] {
    PropsValidator.forMethod('PinpointAnalyticsStatements.merge').grants('grants', grants);
    const scopes = new Map<string, IPinpointAnalyticsGrant>();
    const permissions: Permission[] = grants.flatMap((grant, i) => grant.toPolicyStatements().map((statement) => {
      const permission = permissionOf(statement, `grants[${i}] ('${grant.node.path}')`);
      permission.resources.forEach((arn) => scopes.set(arn, grant));
      return permission;
    }));
    return toPolicyStatements(canonicalStatements(permissions, (arn) => resourceForm(scopes.get(arn)!, arn)));
  }

  // Only static members: nothing can construct one, so no test can run this line.
  /* c8 ignore next */
  private constructor() {}
}

/** `statement` as a permission; it must allow analytics actions of this library on resources, and nothing else. */
function permissionOf(statement: iam.PolicyStatement, where: string): Permission {
  const json = statement.toStatementJson();
  const extra = Object.keys(json).filter((field) => !['Sid', 'Effect', 'Action', 'Resource'].includes(field));
  const foreign = statement.actions.filter((action) => !ANALYTICS_READS.includes(action));
  if (statement.effect !== iam.Effect.ALLOW || extra.length > 0 || foreign.length > 0 || statement.resources.length === 0) {
    throw new Error(`PinpointAnalyticsStatements.merge: ${where} has the statement ${JSON.stringify(json)}: expected ` +
      'statements that allow Amazon Pinpoint analytics actions on resources, with no other field (such as a Condition ' +
      `or NotAction), and only these actions: ${ANALYTICS_READS.join(', ')}`);
  }
  return { actions: statement.actions, resources: statement.resources };
}

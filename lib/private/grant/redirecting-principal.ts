/**
 * A stand-in for a principal in aws-cdk-lib's `iam.Grant` factories, so that a grant goes through aws-cdk-lib's own
 * `Grant.addToPrincipal` (and returns its `iam.Grant`) while this library decides where the statements go.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { IDependable } from 'constructs';

/**
 * Stands in for a real principal in `iam.Grant` factories: hands each statement to `onStatement` (which records it, or
 * ignores it where a managed policy already holds it) and reports it added, with `dependable` as the policy to wait for.
 */
export class RedirectingPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;

  constructor(
    private readonly target: iam.IPrincipal,
    private readonly onStatement: (statement: iam.PolicyStatement) => void,
    private readonly dependable: IDependable,
  ) {
    this.assumeRoleAction = target.assumeRoleAction;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.target.policyFragment;
  }

  public get principalAccount(): string | undefined {
    return this.target.principalAccount;
  }

  public addToPolicy(statement: iam.PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.onStatement(statement);
    return { statementAdded: true, policyDependable: this.dependable };
  }
}

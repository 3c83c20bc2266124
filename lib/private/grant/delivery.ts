/**
 * How what a construct grants reaches a principal: `Delivery`, made by `deliverStatements` (statements into the
 * grantee's own policy, rendered by its `PrincipalPolicy`) or `deliverManagedPolicy` (a managed policy attached from
 * the principal's side, so the principal's stack depends on the policy's stack and never the reverse; where it cannot
 * be attached, the principal receives its statements instead).
 *
 * Where nothing reaches a policy of this app (an immutable imported role, a role of another account, a principal that
 * takes no statements), a warning on the granting construct says so. `iam.Grant.success` stays what aws-cdk-lib makes
 * of it: the principal's own answer, which is `true` for an immutable role that drops the statement.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, DependencyGroup, IConstruct } from 'constructs';
import { canonicalStatements, Permission, Statement } from './canonical';
import { toPolicyStatements } from './policy-statements';
import { PrincipalPolicy, warnNothingGranted } from './principal-policy';
import { RedirectingPrincipal } from './redirecting-principal';
import { isOwnIdentity } from '../identity-kinds';
import { resourceForm } from '../size/policy-size';

/**
 * Grants `permissions` in `grantee`'s own policy and returns the `iam.Grant` that says what happened. `grantor` is the
 * construct that grants, which a warning names where nothing reaches a policy of this app.
 */
function grantStatements(grantor: IConstruct, grantee: iam.IGrantable, permissions: readonly Permission[]): iam.Grant {
  const principal = grantee.grantPrincipal;
  const policy = PrincipalPolicy.of(principal);
  if (policy) {
    policy.grantors.add(grantor);
    return grantEach({ grantPrincipal: policy.principal }, permissions);
  }
  const grant = grantEach(grantee, permissions);
  if (!grant.success) {
    warnNothingGranted(grantor, principal);
  }
  return grant;
}

/**
 * Attaches `managedPolicy`, which holds `permissions`, to `grantee`'s role, user or group from the principal's side
 * and returns the grant; a principal that cannot take it receives `permissions` in its own policy instead.
 */
function grantManagedPolicy(
  grantor: IConstruct,
  grantee: iam.IGrantable,
  managedPolicy: iam.ManagedPolicy,
  permissions: readonly Permission[],
): iam.Grant {
  const principal = grantee.grantPrincipal;
  const attachedTo = attach(principal, managedPolicy);
  if (!attachedTo) {
    return grantStatements(grantor, grantee, permissions);
  }
  const attached = new RedirectingPrincipal(principal, () => undefined, new DependencyGroup(managedPolicy, attachedTo));
  return grantEach({ grantPrincipal: attached }, permissions);
}

/** Checks a grantee before anything is granted to it: throws on one that is no grantee, warns on a doubtful one. */
export type GranteeValidation = (grantee: iam.IGrantable) => void;

/** What a construct grants, and how a principal receives it. */
export interface Delivery {
  /** Grants this access to `grantee`; `grantor` is the construct a warning names where nothing lands. */
  grantTo(grantor: IConstruct, grantee: iam.IGrantable): iam.Grant;
  /** The statements a role of this app receives for this access alone, as new objects. */
  toPolicyStatements(scope: IConstruct): iam.PolicyStatement[];
}

/** Access that goes into the grantee's own policy, in canonical form; `validateGrantee` runs before each grant. */
export function deliverStatements(permissions: readonly Permission[], validateGrantee: GranteeValidation): Delivery {
  return {
    grantTo: (grantor, grantee) => {
      validateGrantee(grantee);
      return grantStatements(grantor, grantee, permissions);
    },
    toPolicyStatements: (scope) => toPolicyStatements(canonicalStatements(permissions, (arn) => resourceForm(scope, arn))),
  };
}

/** Access held by a managed policy (with `statements`), which the grantee gets attached; `validateGrantee` runs first. */
export function deliverManagedPolicy(
  managedPolicy: iam.ManagedPolicy, statements: readonly Statement[], validateGrantee: GranteeValidation,
): Delivery {
  return {
    grantTo: (grantor, grantee) => {
      validateGrantee(grantee);
      return grantManagedPolicy(grantor, grantee, managedPolicy, statements);
    },
    toPolicyStatements: () => toPolicyStatements(statements),
  };
}

/** Attaches `policy` to `principal` from the principal's side; the principal, when it is attached now. */
function attach(principal: iam.IPrincipal, policy: iam.ManagedPolicy): IConstruct | undefined {
  if (isOwnIdentity(principal)) {
    PrincipalPolicy.of(principal)!.attach(policy);
    return principal;
  }
  if (!isImportedRole(principal)) {
    return undefined;
  }
  // A mutable imported role of the stack's account adds itself to the policy's `Roles`; an immutable one does nothing.
  principal.addManagedPolicy(policy);
  const stack = Stack.of(policy);
  const roles = stack.resolve((policy.node.defaultChild as iam.CfnManagedPolicy).roles);
  const name = JSON.stringify(stack.resolve(principal.roleName));
  return Array.isArray(roles) && roles.some((role) => JSON.stringify(role) === name) ? principal : undefined;
}

/** A role that this app imports (`Role.fromRoleArn`, `Role.fromRoleName`): a construct, but not an `iam.Role`. */
function isImportedRole(principal: iam.IPrincipal): principal is iam.IRole {
  return Construct.isConstruct(principal) && 'roleName' in principal && 'addManagedPolicy' in principal;
}

/** `iam.Grant.addToPrincipal` for each permission, combined into one grant. */
function grantEach(grantee: iam.IGrantable, permissions: readonly Permission[]): iam.Grant {
  return permissions
    .map((permission) => iam.Grant.addToPrincipal({
      grantee,
      actions: [...permission.actions],
      resourceArns: [...permission.resources],
    }))
    .reduce((all, grant) => all.combine(grant));
}

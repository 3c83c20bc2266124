/**
 * How the permissions of a grant reach a principal.
 *
 * Statements granted to one principal that is a construct of this app (a role, user or group it defines, or an
 * imported one) are collected and rendered once, just before the principal's policy is synthesized, in the canonical
 * form of `canonical.ts`: merged, grouped, sorted, with unique Sids.
 *
 * - A role's go into its default policy; aws-cdk-lib splits it into `OverflowPolicy` managed policies when it passes
 *   the inline limit, so each statement is cut to fit one.
 * - A user's or group's fill its default policy up to IAM's inline limit (less its other inline policies), and the
 *   rest goes into managed policies this library creates under it and attaches (`PinpointAnalyticsOverflowPolicy1`,
 *   `...2`, each within 6,144 characters): aws-cdk-lib splits only roles.
 * - Any other principal construct (an imported role) receives the statements through its own `addToPrincipalPolicy`.
 *
 * A managed policy (`PinpointAnalyticsReadPolicy`) is attached from the principal's side (`addManagedPolicy`), so the
 * principal's stack depends on the policy's stack and never the reverse. Where it cannot be attached, the principal
 * receives its statements instead.
 *
 * Where nothing reaches a policy of this app (an immutable imported role, a role of another account, a principal that
 * takes no statements), a warning on the granting construct says so. `iam.Grant.success` stays what aws-cdk-lib makes
 * of it: the principal's own answer, which is `true` for an immutable role that drops the statement.
 */
import { Annotations, AspectPriority, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, Dependable, DependencyGroup, IConstruct, IDependable } from 'constructs';
import { canonicalGroups, canonicalStatements, inlineThenManaged, ONE_DOCUMENT, pack, Permission, Statement } from './canonical';
import {
  attachedPolicies,
  isOwnIdentity,
  kindOf,
  OVERFLOW_POLICY_ID,
  OwnIdentity,
  resourceOf,
  stackPolicies,
} from '../identity-kinds';
import { documentSids, principalDocuments, SidAllocation } from './sids';
import { DOCUMENT_OVERHEAD_CHARS, jsonChars, resourceForm } from '../size/policy-size';
import { checkPrincipalPolicySizes } from '../size/policy-size-check';

/** The id of the warning for a grant that reached no policy of this app. */
const NOTHING_GRANTED_WARNING = 'cdk-pinpoint-analytics-grants:nothingGranted';

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
export type GranteeCheck = (grantee: iam.IGrantable) => void;

/** What a construct grants, and how a principal receives it. */
export interface GrantedAccess {
  /** Grants this access to `grantee`; `grantor` is the construct a warning names where nothing lands. */
  grantTo(grantor: IConstruct, grantee: iam.IGrantable): iam.Grant;
  /** The statements a role of this app receives for this access alone, as new objects. */
  toPolicyStatements(scope: IConstruct): iam.PolicyStatement[];
}

/** Access that goes into the grantee's own policy, in canonical form; `check` runs before each grant. */
export function statementsAccess(permissions: readonly Permission[], check: GranteeCheck): GrantedAccess {
  return {
    grantTo: (grantor, grantee) => {
      check(grantee);
      return grantStatements(grantor, grantee, permissions);
    },
    toPolicyStatements: (scope) => toPolicyStatements(canonicalStatements(permissions, (arn) => resourceForm(scope, arn))),
  };
}

/** Access held by a managed policy (with `statements`), which the grantee gets attached; `check` runs before each grant. */
export function managedPolicyAccess(managedPolicy: iam.ManagedPolicy, statements: readonly Statement[], check: GranteeCheck): GrantedAccess {
  return {
    grantTo: (grantor, grantee) => {
      check(grantee);
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

function warnNothingGranted(grantor: IConstruct, principal: iam.IPrincipal): void {
  const who = Construct.isConstruct(principal) ? `'${principal.node.path}'` : String(principal);
  Annotations.of(grantor).addWarningV2(NOTHING_GRANTED_WARNING,
    `Nothing was granted to ${who}: it put the statements into no policy of this app (it is an immutable imported role, ` +
    'a role of another account, or a principal that takes no statements). Grant to a role, user or group this app ' +
    "defines or imports with mutable: true in the stack's account, or grant in the app that owns the principal.");
}

/** Aspects of this priority run before aws-cdk-lib's own mutating aspects, such as the one that splits role policies. */
const RENDER_PRIORITY = AspectPriority.MUTATING - 100;

/**
 * The permissions granted to one principal construct, added to its policies in canonical form.
 */
class PrincipalPolicy implements IAspect {
  /** The policy of `principal`, created on first use; `undefined` for principals that are not constructs. */
  public static of(principal: iam.IPrincipal): PrincipalPolicy | undefined {
    if (!Construct.isConstruct(principal)) {
      return undefined;
    }
    let policy = POLICIES.get(principal);
    if (!policy) {
      policy = new PrincipalPolicy(principal as iam.IPrincipal & IConstruct);
      POLICIES.set(principal, policy);
    }
    return policy;
  }

  /** Stands in for the real principal in `iam.Grant` factories: records what they add. */
  public readonly principal: iam.IPrincipal;
  /** The constructs that granted to this principal. */
  public readonly grantors = new Set<IConstruct>();

  private readonly permissions: Permission[] = [];
  private readonly managedPolicies = new Set<iam.ManagedPolicy>();
  private readonly dependable = new DependencyGroup();
  /** The Sids of the statements rendered into the target's own policies. */
  private readonly sids: SidAllocation;
  private rendered = false;

  private constructor(private readonly target: iam.IPrincipal & IConstruct) {
    this.principal = new RedirectingPrincipal(target, (statement) => this.record(statement), this.dependable);
    this.sids = new SidAllocation(target, () => principalDocuments(target));
    Aspects.of(target).add(this, { priority: RENDER_PRIORITY });
    if (isOwnIdentity(target)) {
      checkPrincipalPolicySizes(target);
    }
  }

  /**
   * Renders the collected statements into the target, once: on the first visit, which is the target's own (an aspect
   * visits the construct it is added to before its children). Which node it is does not matter.
   */
  public visit(_node: IConstruct): void {
    if (this.rendered) {
      return;
    }
    this.rendered = true;
    // Managed policies in the order of their paths, so the principal's list does not depend on the order of grants.
    const byPath = new Map([...this.managedPolicies].map((policy) => [policy.node.path, policy]));
    [...byPath.keys()].sort().forEach((path) => this.attach(byPath.get(path)!));
    if (this.permissions.length === 0) {
      return;
    }
    const [inline, ...managed] = this.render();
    const landed = toPolicyStatements(inline, this.sids).map((statement) => this.addToTarget(statement));
    managed.forEach((statements, i) => this.attachOverflowPolicy(i + 1, statements));
    if (!landed.includes(true) && managed.length === 0) {
      this.grantors.forEach((grantor) => warnNothingGranted(grantor, this.target));
    }
  }

  /** Attaches `policy` to the target (a role, user or group of this app) when its policies are rendered. */
  public attach(policy: iam.ManagedPolicy): void {
    if (this.rendered) {
      (this.target as OwnIdentity).addManagedPolicy(policy);
    } else {
      this.managedPolicies.add(policy);
    }
  }

  private record(statement: iam.PolicyStatement): void {
    if (this.rendered) {
      // Granted after the policy was rendered (from another aspect, say): add it as it is.
      this.addToTarget(statement);
      return;
    }
    this.permissions.push({ actions: statement.actions, resources: statement.resources });
  }

  /** Adds `statement` to the target's own policy; whether it reached a policy of this app. */
  private addToTarget(statement: iam.PolicyStatement): boolean {
    const result = this.target.addToPrincipalPolicy(statement);
    // Stryker disable next-line ConditionalExpression: a Role, User or Group of the app always returns one; the type allows none.
    if (result.policyDependable) {
      this.dependable.add(result.policyDependable);
    }
    // An immutable role answers that it added the statement, but hands back no policy that holds it.
    return result.statementAdded && (isOwnIdentity(this.target) ||
      (result.policyDependable !== undefined && Dependable.of(result.policyDependable).dependencyRoots.length > 0));
  }

  /**
   * The canonical statements in documents: the target's own policy first, then managed policies for what does not fit;
   * named around the Sids its policies hold now.
   */
  private render(): Statement[][] {
    const groups = canonicalGroups(this.permissions, (arn) => resourceForm(this.target, arn));
    const target = this.target;
    const taken = documentSids(target, principalDocuments(target));
    if (isOwnIdentity(target) && kindOf(target).overflow === 'library') {
      return pack(groups, inlineThenManaged(inlineRoom(target)), taken);
    }
    return pack(groups, ONE_DOCUMENT, taken);
  }

  private attachOverflowPolicy(index: number, statements: Statement[]): void {
    const identity = this.target as OwnIdentity;
    const policy = new iam.ManagedPolicy(identity, `${OVERFLOW_POLICY_ID}${index}`, {
      description: `Part of the Amazon Pinpoint analytics policies for ${identity.node.path}`,
      statements: toPolicyStatements(statements, this.sids),
    });
    identity.addManagedPolicy(policy);
    this.dependable.add(policy);
  }
}

const POLICIES = new WeakMap<IConstruct, PrincipalPolicy>();

/**
 * The characters of a user's or group's inline policies that are left for this library's statements: IAM's limit less
 * every inline policy it has now. When its default policy already holds statements, ours share its document.
 */
function inlineRoom(identity: OwnIdentity): number {
  const kind = kindOf(identity);
  const { inline } = attachedPolicies(resourceOf(identity)!, kind, stackPolicies(Stack.of(identity)));
  const used = inline.reduce<number>((total, document) => total + jsonChars(document), 0);
  const defaultPolicy = identity.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  const shared = defaultPolicy && !defaultPolicy.document.isEmpty ? DOCUMENT_OVERHEAD_CHARS : 0;
  return kind.inlineLimit - used + shared;
}

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

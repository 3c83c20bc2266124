/**
 * The permissions granted to one principal construct of this app (a role, user or group it defines, or an imported
 * one), collected and rendered once, just before the principal's policy is synthesized, in the canonical form of
 * `canonical.ts`: merged, grouped, sorted, with Sids no other statement of the policy has (`sids.ts`).
 *
 * - A role's go into its default policy; aws-cdk-lib splits it into `OverflowPolicy` managed policies when it passes
 *   the inline limit, so each statement is cut to fit one.
 * - A user's or group's fill its default policy up to IAM's inline limit (less its other inline policies), and the
 *   rest goes into managed policies this library creates under it and attaches (`PinpointAnalyticsOverflowPolicy1`,
 *   `...2`, each within 6,144 characters): aws-cdk-lib splits only roles.
 * - Any other principal construct (an imported role) receives the statements through its own `addToPrincipalPolicy`.
 *
 * Managed policies granted to it (`PinpointAnalyticsReadPolicy`) are attached in the order of their paths. Where
 * nothing reaches a policy of this app, a warning on each granting construct says so (`warnNothingGranted`).
 */
import { Annotations, AspectPriority, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, Dependable, DependencyGroup, IConstruct } from 'constructs';
import { canonicalGroups, inlineThenManaged, ONE_DOCUMENT, pack, Permission, Statement } from './canonical';
import { toPolicyStatements } from './policy-statements';
import { RedirectingPrincipal } from './redirecting-principal';
import { isOwnIdentity, kindOf, OVERFLOW_POLICY_ID, OwnIdentity, resourceOf } from '../identity-kinds';
import { attachedPolicies, stackPolicies } from '../identity-policies';
import { documentSids, principalDocuments, SidAllocation } from './sids';
import { DOCUMENT_OVERHEAD_CHARS, jsonChars, resourceForm } from '../size/policy-size';
import { validatePrincipalPolicySizes } from '../size/policy-size-validation';

/** Aspects of this priority run before aws-cdk-lib's own mutating aspects, such as the one that splits role policies. */
const RENDER_PRIORITY = AspectPriority.MUTATING - 100;

/**
 * The permissions granted to one principal construct, added to its policies in canonical form.
 */
export class PrincipalPolicy implements IAspect {
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
      validatePrincipalPolicySizes(target);
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

/** The id of the warning for a grant that reached no policy of this app. */
export const NOTHING_GRANTED_WARNING = 'cdk-pinpoint-analytics-grants:nothingGranted';

/** Warns, on the construct that granted, that nothing reached a policy of this app for `principal`. */
export function warnNothingGranted(grantor: IConstruct, principal: iam.IPrincipal): void {
  const who = Construct.isConstruct(principal) ? `'${principal.node.path}'` : String(principal);
  Annotations.of(grantor).addWarningV2(NOTHING_GRANTED_WARNING,
    `Nothing was granted to ${who}: it put the statements into no policy of this app (it is an immutable imported role, ` +
    'a role of another account, or a principal that takes no statements). Grant to a role, user or group this app ' +
    "defines or imports with mutable: true in the stack's account, or grant in the app that owns the principal.");
}

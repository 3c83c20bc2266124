/**
 * How statements reach a principal's own policy.
 *
 * Grants made to the same `iam.Role`, `iam.User` or `iam.Group` are collected and rendered once, just before the
 * principal's policy is synthesized, in a canonical form: every resource keeps exactly the actions that were granted on
 * it, resources with the same set of actions share one statement, statements and resources are sorted. That form
 * allows exactly the union of what the grants allow (no action ever meets a resource pattern it was not granted on, so
 * nothing widens), it does not depend on the order of the grants, granting the same thing twice changes nothing (two
 * ARNs that synthesize alike are one resource, even when they are different tokens), and every Sid is derived from its
 * statement's actions, so Sids are unique within the document.
 *
 * A statement larger than one managed policy can hold is cut into chunks (`statement-chunks.ts`), so aws-cdk-lib's role
 * policy splitter can place each in an `OverflowPolicy`; `policy-size-check.ts` then reports, at synth, any policy of
 * the principal that IAM would still reject.
 *
 * Other principals (imported roles, principals that are not constructs) get each statement as it is, without a Sid,
 * through `iam.Grant.addToPrincipal`: whether it was added is theirs to say, and the returned grant says it.
 */
import { AspectPriority, Aspects, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DependencyGroup, IConstruct, IDependable } from 'constructs';
import {
  ALL_GRANTABLE_ACTIONS,
  GET_CAMPAIGN_DATE_RANGE_KPI,
  GET_JOURNEY_DATE_RANGE_KPI,
  GET_JOURNEY_EXECUTION_ACTIVITY_METRICS,
  GET_JOURNEY_EXECUTION_METRICS,
} from './analytics';
import { resourceSize, TwoSizes } from './policy-size';
import { checkPrincipalPolicySizes, noteGrantee, OwnIdentity } from './policy-size-check';
import { chunkStatement } from './statement-chunks';

/** One statement's worth of permission: every action on every resource. */
export interface Permission {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** New `iam.PolicyStatement` objects for `permissions`: callers may change them without changing ours. */
export function toPolicyStatements(permissions: readonly Permission[]): iam.PolicyStatement[] {
  return permissions.map((permission) => new iam.PolicyStatement({
    sid: permission.sid,
    actions: [...permission.actions],
    resources: [...permission.resources],
  }));
}

/**
 * Attaches `managedPolicy`, which holds `permissions`, to `grantee`'s role, user or group and returns the grant;
 * `undefined` when the principal is not a role, user or group of this app (it cannot take a managed policy from us).
 */
export function attachManagedPolicy(
  grantee: iam.IGrantable,
  managedPolicy: iam.ManagedPolicy,
  permissions: readonly Permission[],
): iam.Grant | undefined {
  const principal = grantee.grantPrincipal;
  let attach: () => void;
  if (iam.Role.isRole(principal)) {
    attach = () => managedPolicy.attachToRole(principal);
  } else if (principal instanceof iam.User) {
    attach = () => managedPolicy.attachToUser(principal);
  } else if (principal instanceof iam.Group) {
    attach = () => managedPolicy.attachToGroup(principal);
  } else {
    return undefined;
  }
  noteGrantee(managedPolicy, principal);
  checkPrincipalPolicySizes(principal);
  const attaching = new RedirectingPrincipal(principal, attach, managedPolicy);
  return grantEach({ grantPrincipal: attaching }, permissions);
}

/**
 * Grants `permissions` to `grantee`'s own identity policy and returns the `iam.Grant` that says what happened.
 */
export function grantToPrincipalPolicy(grantee: iam.IGrantable, permissions: readonly Permission[]): iam.Grant {
  const collector = PrincipalPolicyCollector.of(grantee.grantPrincipal);
  return grantEach(collector ? { grantPrincipal: collector.principal } : grantee, permissions);
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

/**
 * The Sid of a canonical statement, from its set of actions.
 *
 * Only campaign and journey actions reach a principal's policy this way (a `PinpointAnalyticsReadPolicy` is a managed
 * policy of its own). The two sets the developer guide names keep its Sids (`QueryCampaignAnalytics`,
 * `QueryJourneyAnalytics`); any other set is spelled out action by action.
 */
export function sidForActions(actions: readonly string[]): string {
  const set = new Set(actions);
  const has = (list: readonly string[]) => list.length === set.size && list.every((a) => set.has(a));
  if (has([GET_JOURNEY_DATE_RANGE_KPI, GET_JOURNEY_EXECUTION_METRICS, GET_JOURNEY_EXECUTION_ACTIVITY_METRICS])) {
    return 'QueryJourneyAnalytics';
  }
  if (has([GET_CAMPAIGN_DATE_RANGE_KPI])) {
    return 'QueryCampaignAnalytics';
  }
  const words = sortActions([...set]).map((action) => action.replace('mobiletargeting:Get', ''));
  return `Query${words.join('')}`;
}

/** Sorts actions (distinct actions of this library) in the order of the developer guide. */
function sortActions(actions: string[]): string[] {
  return actions.sort((a, b) => ALL_GRANTABLE_ACTIONS.indexOf(a) - ALL_GRANTABLE_ACTIONS.indexOf(b));
}

/** Aspects of this priority run before aws-cdk-lib's own mutating aspects, such as the one that splits role policies. */
const FLUSH_PRIORITY = AspectPriority.MUTATING - 100;

/**
 * Collects the permissions granted to one principal and adds them to its policy in canonical form.
 */
class PrincipalPolicyCollector implements IAspect {
  /**
   * The collector of `principal`, created on first use; `undefined` for principals whose policy cannot be deferred.
   */
  public static of(principal: iam.IPrincipal): PrincipalPolicyCollector | undefined {
    if (!isOwnIdentity(principal)) {
      return undefined;
    }
    let collector = COLLECTORS.get(principal);
    if (!collector) {
      collector = new PrincipalPolicyCollector(principal);
      COLLECTORS.set(principal, collector);
    }
    return collector;
  }

  /** Stands in for the real principal in `iam.Grant` factories: records what they add. */
  public readonly principal: iam.IPrincipal;

  /** resource ARN -> the actions granted on it. */
  private readonly actionsByResource = new Map<string, Set<string>>();
  private readonly dependable = new DependencyGroup();
  private flushed = false;

  private constructor(private readonly target: OwnIdentity) {
    this.principal = new RedirectingPrincipal(target, (statement) => this.record(statement), this.dependable);
    Aspects.of(target).add(this, { priority: FLUSH_PRIORITY });
    checkPrincipalPolicySizes(target);
  }

  /**
   * Renders the collected statements into the target, once: on the first visit, which is the target's own (an aspect
   * visits the construct it is added to before its children). Which node it is does not matter: the target receives them.
   */
  public visit(_node: IConstruct): void {
    if (!this.flushed) {
      this.flushed = true;
      for (const statement of this.render()) {
        this.addToTarget(statement);
      }
    }
  }

  private record(statement: iam.PolicyStatement): void {
    if (this.flushed) {
      // Granted after the policy was rendered (from another aspect, say): add it as it is.
      this.addToTarget(statement);
      return;
    }
    for (const resource of statement.resources) {
      const actions = this.actionsByResource.get(resource) ?? new Set<string>();
      statement.actions.forEach((action) => actions.add(action));
      this.actionsByResource.set(resource, actions);
    }
  }

  private addToTarget(statement: iam.PolicyStatement): void {
    const result = this.target.addToPrincipalPolicy(statement);
    // Stryker disable next-line ConditionalExpression: a Role, User or Group of the app always returns one; the type allows none.
    if (result.policyDependable) {
      this.dependable.add(result.policyDependable);
    }
  }

  /**
   * The canonical statements: one per distinct set of actions (in chunks that a managed policy can hold), resources
   * sorted, Sids from the actions.
   */
  private render(): iam.PolicyStatement[] {
    const stack = Stack.of(this.target);
    // Resources by their synthesized form: two tokens for the same ARN are one resource, with the union of actions.
    const byKey = new Map<string, SortableResource & { readonly actions: Set<string> }>();
    for (const [arn, actionSet] of this.actionsByResource) {
      const resolved = Token.isUnresolved(arn) ? stack.resolve(arn) : arn;
      const key = JSON.stringify(resolved);
      const entry = byKey.get(key) ??
        { arn, key, rank: resourceRank(key), size: resourceSize(this.target, arn, resolved), actions: new Set<string>() };
      actionSet.forEach((action) => entry.actions.add(action));
      byKey.set(key, entry);
    }
    // One group per set of actions, known by its Sid (distinct sets of actions never share one).
    const groups = new Map<string, { sid: string; actions: string[]; resources: SortableResource[] }>();
    for (const entry of byKey.values()) {
      const actions = sortActions([...entry.actions]);
      const sid = sidForActions(actions);
      const group = groups.get(sid) ?? { sid, actions, resources: [] };
      group.resources.push(entry);
      groups.set(sid, group);
    }
    return sortedBy([...groups.values()], (group) => group.sid)
      .flatMap((group) => chunkStatement(
        group.sid,
        group.actions,
        sortedBy(group.resources, (resource) => `${resource.rank}:${resource.key}`),
      ))
      .map((chunk) => new iam.PolicyStatement({
        sid: chunk.sid,
        actions: [...chunk.actions],
        resources: [...chunk.resources],
      }));
  }
}

/**
 * Orders resources by kind as the developer guide does (journey KPIs, then journey and activity execution metrics), so
 * a single grant renders exactly as the guide's example. Only campaign and journey resources reach a principal's policy
 * this way; campaign resources never share a statement with journey resources (their actions differ).
 */
function resourceRank(arn: string): number {
  if (arn.includes('/activities/')) {
    return 2;
  }
  return arn.includes('/execution-metrics') ? 1 : 0;
}

/** A resource of the canonical form: its ARN, its synthesized form and kind (the sort keys), its size in a statement. */
interface SortableResource {
  readonly arn: string;
  readonly key: string;
  readonly rank: number;
  readonly size: TwoSizes;
}

/**
 * `items` ordered by `key` in code-unit order (the same on every machine, unlike `localeCompare`), by JavaScript's sort
 * without a comparator. Keys are distinct.
 */
function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as T);
}

const COLLECTORS = new WeakMap<iam.IPrincipal, PrincipalPolicyCollector>();

/**
 * Roles, users and groups defined in this app: they always take statements into their default policy, and their
 * policy is synthesized with them, so statements can be collected until then.
 */
function isOwnIdentity(principal: iam.IPrincipal): principal is OwnIdentity {
  return iam.Role.isRole(principal) || principal instanceof iam.User || principal instanceof iam.Group;
}

/**
 * Stands in for a real principal in `iam.Grant` factories: hands each statement to `onStatement` (which records it, or
 * attaches a managed policy that already holds it) and reports it added, with `dependable` as the policy to wait for.
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

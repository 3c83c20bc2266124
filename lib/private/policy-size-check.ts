/**
 * Reports at synth time the policy documents that IAM would reject at deploy time, so `cdk synth` fails instead of
 * `cdk deploy`.
 *
 * It looks at every role, user and group this library granted to, and at every `PinpointAnalyticsReadPolicy`'s managed
 * policy, after aspects have run (it is a validation of their stack): the policies are final, and an oversize role
 * default policy has already been split into `OverflowPolicy` managed policies by aws-cdk-lib, which is left to do so.
 * Where nothing splits a policy, an error annotation names the principal or policy, the size, the limit and the fix:
 *
 * - all inline policies of a role over 10,240 characters, of a user over 2,048, of a group over 5,120;
 * - a managed policy over 6,144 characters;
 * - more than 20 managed policies attached to one role, user or group (more than 10 is a warning: a quota increase).
 *
 * It only reports: nothing is dropped or changed. Sizes are estimated as in `policy-size.ts`.
 */
import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import {
  GROUP_INLINE_POLICIES_MAX_CHARS,
  MANAGED_POLICIES_DEFAULT_QUOTA,
  MANAGED_POLICIES_MAX_QUOTA,
  MANAGED_POLICY_MAX_CHARS,
  policyDocumentChars,
  ROLE_INLINE_POLICIES_MAX_CHARS,
  USER_INLINE_POLICIES_MAX_CHARS,
} from './policy-size';

/** The id of the warning for more managed policies than the default quota. */
const MANAGED_POLICY_QUOTA_WARNING = 'cdk-pinpoint-analytics-grants:managedPolicyQuota';

/** The fix for too many grants on one principal. */
const BROADER_GRANTS = 'Grant fewer, broader permissions: for example one project-level PinpointAnalyticsReadPolicy ' +
  '(projectIds, metrics) instead of many CampaignKpiGrant or JourneyMetricsGrant';

/** A role, user or group defined in this app. */
export type OwnIdentity = iam.Role | iam.User | iam.Group;

/**
 * Checks, when `principal`'s stack is validated, the sizes of its inline policies and of the managed policies attached
 * to it, and how many managed policies it has.
 */
export function checkPrincipalPolicySizes(principal: OwnIdentity): void {
  PolicySizeCheck.of(principal).principals.add(principal);
}

/**
 * Checks, when `owner`'s stack is validated, that `policy` (created by `owner`) fits a managed policy, whether or not it
 * is attached; the message names the principals noted with `noteGrantee`.
 */
export function checkManagedPolicySize(owner: IConstruct, policy: iam.ManagedPolicy): void {
  PolicySizeCheck.of(owner).managedPolicies.set(policy, owner);
}

/** Notes that `policy` is attached to `grantee`, for messages about `policy`. */
export function noteGrantee(policy: iam.ManagedPolicy, grantee: OwnIdentity): void {
  const grantees = GRANTEES.get(policy) ?? new Set<OwnIdentity>();
  grantees.add(grantee);
  GRANTEES.set(policy, grantees);
}

const GRANTEES = new WeakMap<iam.ManagedPolicy, Set<OwnIdentity>>();

/** One per stack: what to check there, checked when the stack is validated. */
class PolicySizeCheck {
  public static of(scope: IConstruct): PolicySizeCheck {
    const stack = Stack.of(scope);
    let check = CHECKS.get(stack);
    if (!check) {
      check = new PolicySizeCheck(stack);
      CHECKS.set(stack, check);
    }
    return check;
  }

  public readonly principals = new Set<OwnIdentity>();
  /** managed policy -> the construct that created it */
  public readonly managedPolicies = new Map<iam.ManagedPolicy, IConstruct>();

  private constructor(private readonly stack: Stack) {
    // Runs on every synthesis, so a grant added after one is checked by the next; aws-cdk-lib adds an annotation only
    // once, so a problem found again is not reported twice.
    stack.node.addValidation({
      validate: () => {
        this.run();
        return [];
      },
    });
  }

  private run(): void {
    const constructs = this.stack.node.findAll();
    const iamPolicies = {
      inline: constructs.filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy),
      managed: constructs.filter((c): c is iam.CfnManagedPolicy => c instanceof iam.CfnManagedPolicy),
    };
    const checkedManagedPolicies = new Set<CfnResource>();

    for (const [policy, owner] of this.managedPolicies) {
      const cfn = policy.node.defaultChild;
      if (cfn instanceof iam.CfnManagedPolicy) {
        checkedManagedPolicies.add(cfn);
        const chars = policyDocumentChars(cfn, cfn.policyDocument);
        if (chars > MANAGED_POLICY_MAX_CHARS) {
          const grantees = [...GRANTEES.get(policy) ?? []].map(describe);
          const to = grantees.length > 0 ? ` (granted to ${grantees.join(', ')})` : '';
          Annotations.of(owner).addError(
            `${owner.node.path}${to}: its managed policy has ${n(chars)} characters, over IAM's limit of ` +
            `${n(MANAGED_POLICY_MAX_CHARS)} for a managed policy, so deployment would fail. Name fewer projects or ` +
            'regions in each PinpointAnalyticsReadPolicy (split them over several), or omit projectIds to read every project.');
        }
      }
    }

    for (const principal of this.principals) {
      this.checkPrincipal(principal, iamPolicies, checkedManagedPolicies);
    }
  }

  private checkPrincipal(principal: OwnIdentity, iamPolicies: IamPolicies, checkedManagedPolicies: Set<CfnResource>): void {
    const own = resourceOf(principal);
    if (!own) {
      // No policy of this principal is deployed with the stack (a role of `Role.customizeRoles`).
      return;
    }
    const { cfn, kind } = own;
    const self = key(cfn, cfn.ref);
    const attachedHere = (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => {
      const list = resource.stack.resolve(kind.attachments(resource));
      return Array.isArray(list) && list.some((item) => key(resource, item) === self);
    };
    const who = describe(principal);

    // Inline policies: those in the principal's own resource, and every AWS::IAM::Policy attached to it.
    let inlineChars = 0;
    const ownInline = cfn.stack.resolve(cfn.policies);
    if (Array.isArray(ownInline)) {
      for (const inline of ownInline) {
        // `Stack.resolve` keeps the L1 property names (`policyDocument`); CloudFormation's names come at rendering.
        inlineChars += policyDocumentChars(cfn, inline?.policyDocument);
      }
    }
    // Managed policies: ARNs on the principal's resource, and every AWS::IAM::ManagedPolicy that attaches itself.
    const managedArns = new Set<string>();
    const ownManaged = cfn.stack.resolve(cfn.managedPolicyArns);
    if (Array.isArray(ownManaged)) {
      ownManaged.forEach((arn) => managedArns.add(key(cfn, arn)));
    }
    let overflowPolicies = 0;
    for (const resource of iamPolicies.inline.filter(attachedHere)) {
      inlineChars += policyDocumentChars(resource, resource.policyDocument);
    }
    for (const resource of iamPolicies.managed) {
      const attached = attachedHere(resource);
      if (attached || managedArns.has(key(resource, resource.ref))) {
        managedArns.add(key(resource, resource.ref));
        overflowPolicies += attached && isOverflowPolicyOf(resource, principal) ? 1 : 0;
        this.checkManagedPolicy(resource, who, checkedManagedPolicies);
      }
    }

    if (inlineChars > kind.inlineLimit) {
      const fix = kind.name === 'role'
        ? 'Move inline policies of your own (inlinePolicies, iam.Policy) into managed policies, or grant fewer, broader ' +
          'permissions: for example one project-level PinpointAnalyticsReadPolicy instead of many CampaignKpiGrant or ' +
          'JourneyMetricsGrant.'
        : `${BROADER_GRANTS}, or attach a managed policy instead of inline statements: put the grants' ` +
          `toPolicyStatements() into an iam.ManagedPolicy attached to the ${kind.name} (up to ` +
          `${n(MANAGED_POLICY_MAX_CHARS)} characters each).`;
      Annotations.of(principal).addError(
        `${who} has ${n(inlineChars)} characters of inline policy, over IAM's limit of ${n(kind.inlineLimit)} for all ` +
        `inline policies of a ${kind.name}, so deployment would fail. ${fix}`);
    }

    const count = managedArns.size;
    const split = overflowPolicies > 0 ? ` (${overflowPolicies} of them OverflowPolicy that aws-cdk-lib split off its default policy)` : '';
    if (count > MANAGED_POLICIES_MAX_QUOTA) {
      Annotations.of(principal).addError(
        `${who} has ${count} managed policies attached${split}, over IAM's limit of ${MANAGED_POLICIES_MAX_QUOTA} per ` +
        `${kind.name}, so deployment would fail. ${BROADER_GRANTS}.`);
    } else if (count > MANAGED_POLICIES_DEFAULT_QUOTA) {
      Annotations.of(principal).addWarningV2(MANAGED_POLICY_QUOTA_WARNING,
        `${who} has ${count} managed policies attached${split}, over IAM's default quota of ` +
        `${MANAGED_POLICIES_DEFAULT_QUOTA} per ${kind.name}: deployment needs a quota increase (up to ` +
        `${MANAGED_POLICIES_MAX_QUOTA}). ${BROADER_GRANTS}.`);
    }
  }

  private checkManagedPolicy(resource: iam.CfnManagedPolicy, who: string, checked: Set<CfnResource>): void {
    if (checked.has(resource)) {
      return;
    }
    checked.add(resource);
    const chars = policyDocumentChars(resource, resource.policyDocument);
    if (chars > MANAGED_POLICY_MAX_CHARS) {
      Annotations.of(resource).addError(
        `${resource.node.path} (attached to ${who}) has ${n(chars)} characters, over IAM's limit of ` +
        `${n(MANAGED_POLICY_MAX_CHARS)} for a managed policy, so deployment would fail. ${BROADER_GRANTS}.`);
    }
  }
}

const CHECKS = new WeakMap<Stack, PolicySizeCheck>();

/** The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources of a stack. */
interface IamPolicies {
  readonly inline: iam.CfnPolicy[];
  readonly managed: iam.CfnManagedPolicy[];
}

interface PrincipalKind {
  readonly name: 'role' | 'user' | 'group';
  /** The property of an `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` that lists principals of this kind. */
  readonly attachments: (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => string[] | undefined;
  readonly inlineLimit: number;
}

const ROLE: PrincipalKind = { name: 'role', attachments: (r) => r.roles, inlineLimit: ROLE_INLINE_POLICIES_MAX_CHARS };
const USER: PrincipalKind = { name: 'user', attachments: (r) => r.users, inlineLimit: USER_INLINE_POLICIES_MAX_CHARS };
const GROUP: PrincipalKind = { name: 'group', attachments: (r) => r.groups, inlineLimit: GROUP_INLINE_POLICIES_MAX_CHARS };

/** The kind of `principal`. */
function kindOf(principal: OwnIdentity): PrincipalKind {
  return iam.Role.isRole(principal) ? ROLE : principal instanceof iam.User ? USER : GROUP;
}

/**
 * `principal`'s CloudFormation resource and kind, or `undefined` when it has none: with `Role.customizeRoles`, a role
 * is not synthesized but listed in a report for IAM administrators, who create it and its policies themselves.
 */
function resourceOf(principal: OwnIdentity): { cfn: iam.CfnRole | iam.CfnUser | iam.CfnGroup; kind: PrincipalKind } | undefined {
  const cfn = principal.node.defaultChild;
  if (cfn instanceof iam.CfnRole || cfn instanceof iam.CfnUser || cfn instanceof iam.CfnGroup) {
    return { cfn, kind: kindOf(principal) };
  }
  return undefined;
}

/** Whether `resource` is one of the `OverflowPolicy` managed policies aws-cdk-lib splits off `principal`'s policy. */
function isOverflowPolicyOf(resource: CfnResource, principal: OwnIdentity): boolean {
  const policy = resource.node.scope;
  // Stryker disable next-line OptionalChaining: a CfnResource always has a scope (its stack at least); `?.` is for the type.
  return policy?.node.scope === principal && policy.node.id.startsWith('OverflowPolicy');
}

/** `role 'Stack/Role'`, `user 'Stack/User'`, `group 'Stack/Group'`. */
function describe(principal: OwnIdentity): string {
  return `${kindOf(principal).name} '${principal.node.path}'`;
}

/** A comparable form of a value (a reference, an ARN) as `scope`'s stack synthesizes it. */
function key(scope: IConstruct, value: unknown): string {
  return JSON.stringify(Stack.of(scope).resolve(value));
}

/** 2,048 */
function n(value: number): string {
  return value.toLocaleString('en-US');
}

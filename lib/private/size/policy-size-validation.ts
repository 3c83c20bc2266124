/**
 * Reports at synth time the policy documents that IAM would reject at deploy time, so `cdk synth` fails instead of
 * `cdk deploy`.
 *
 * It looks at every role, user and group this library granted to, and at every `PinpointAnalyticsReadPolicy`'s managed
 * policy, after aspects have run (it is a validation of their stack): the policies are final, an oversize role default
 * policy has been split into `OverflowPolicy` managed policies by aws-cdk-lib, and what does not fit a user's or group's
 * inline policies has been moved into managed policies by this library. Where a policy still does not fit, an error
 * annotation names the principal or policy, the size, the limit and the fix:
 *
 * - all inline policies of a role over 10,240 characters, of a user over 2,048, of a group over 5,120;
 * - a managed policy over 6,144 characters;
 * - more than 20 managed policies attached to one role, user or group (more than 10 is a warning: a quota increase).
 *
 * Each problem is reported once, in one place: aws-cdk-lib's own warnings about a role's count of managed policies
 * (`@aws-cdk/aws-iam:rolePolicyLarge`, `@aws-cdk/aws-iam:rolePolicyTooLarge`) are acknowledged where this check reports
 * the count, which it takes from every managed policy attached, not only those aws-cdk-lib added; so is the
 * CloudFormation rule F3032 that newer releases report on a user's or group's list of more than 20.
 *
 * It only reports: nothing is dropped or changed. Sizes are estimated as in `policy-size.ts`.
 */
import { Annotations, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { jsonChars, MANAGED_POLICIES_DEFAULT_QUOTA, MANAGED_POLICIES_MAX_QUOTA, MANAGED_POLICY_MAX_CHARS, policyDocumentChars } from './policy-size';
import { describeIdentity, kindOf, OwnIdentity, resourceOf } from '../identity-kinds';
import { AttachedPolicies, attachedPolicies, isOverflowPolicyOf, stackPolicies } from '../identity-policies';

/** The id of the warning for more managed policies than the default quota. */
const MANAGED_POLICY_QUOTA_WARNING = 'cdk-pinpoint-analytics-grants:managedPolicyQuota';

/** aws-cdk-lib's warnings about the same count on a role, which this check replaces. */
const CDK_ROLE_QUOTA_WARNINGS = ['@aws-cdk/aws-iam:rolePolicyLarge', '@aws-cdk/aws-iam:rolePolicyTooLarge'];
/** aws-cdk-lib's CloudFormation rule that reports more than 20 `ManagedPolicyArns` of a user or group (newer releases). */
const CDK_MAX_ITEMS_RULE = 'CloudFormation-Validate::F3032';
/** Why: one problem, one message. */
const ACKNOWLEDGED = 'cdk-pinpoint-analytics-grants reports the count of managed policies of this principal itself';

/** The fix for too many grants on one principal. */
const BROADER_GRANTS = 'Grant fewer, broader permissions: for example one project-level PinpointAnalyticsReadPolicy ' +
  '(projectIds, metrics) instead of many CampaignKpiGrant or JourneyMetricsGrant';

/** The fix for a managed policy of the user's own that is too large. */
const SPLIT_MANAGED_POLICY = 'Split its statements over several managed policies of at most 6,144 characters each ' +
  '(PinpointAnalyticsStatements.merge returns statements that each fit one).';

/**
 * Checks, when `principal`'s stack is validated, the sizes of its inline policies and of the managed policies attached
 * to it, and how many managed policies it has.
 */
export function validatePrincipalPolicySizes(principal: OwnIdentity): void {
  PolicySizeValidation.of(principal).principals.add(principal);
}

/**
 * Checks, when `owner`'s stack is validated, that `policy` (created by `owner`) fits a managed policy, whether or not it
 * is attached; the message names the principals of that stack it is attached to.
 */
export function validateManagedPolicySize(owner: IConstruct, policy: iam.ManagedPolicy): void {
  PolicySizeValidation.of(owner).managedPolicies.set(policy, owner);
}

/** One per stack: what to check there, checked when the stack is validated. */
class PolicySizeValidation {
  public static of(scope: IConstruct): PolicySizeValidation {
    const stack = Stack.of(scope);
    let check = CHECKS.get(stack);
    if (!check) {
      check = new PolicySizeValidation(stack);
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
    const policies = stackPolicies(this.stack);
    // Each principal's policies, read once; who has each managed policy, for messages.
    const attached = new Map<OwnIdentity, AttachedPolicies>();
    const holders = new Map<CfnResource, OwnIdentity[]>();
    for (const principal of this.principals) {
      const cfn = resourceOf(principal);
      if (cfn) {
        const own = attachedPolicies(cfn, kindOf(principal), policies);
        attached.set(principal, own);
        own.managed.forEach((resource) => resource && holders.set(resource, [...holders.get(resource) ?? [], principal]));
      }
    }
    const checkedManagedPolicies = new Set<CfnResource>();

    for (const [policy, owner] of this.managedPolicies) {
      const cfn = policy.node.defaultChild;
      if (cfn instanceof iam.CfnManagedPolicy) {
        checkedManagedPolicies.add(cfn);
        const chars = policyDocumentChars(cfn, cfn.policyDocument);
        if (chars > MANAGED_POLICY_MAX_CHARS) {
          const grantees = (holders.get(cfn) ?? []).map(describeIdentity);
          const to = grantees.length > 0 ? ` (granted to ${grantees.join(', ')})` : '';
          Annotations.of(owner).addError(
            `${owner.node.path}${to}: its managed policy has ${n(chars)} characters, over IAM's limit of ` +
            `${n(MANAGED_POLICY_MAX_CHARS)} for a managed policy, so deployment would fail. Name fewer projects or ` +
            'regions in each PinpointAnalyticsReadPolicy (split them over several), or omit projectIds to read every project.');
        }
      }
    }

    // A principal without a resource has no policy deployed with the stack (a role of `Role.customizeRoles`).
    for (const [principal, own] of attached) {
      this.checkPrincipal(principal, own, checkedManagedPolicies);
    }
  }

  private checkPrincipal(principal: OwnIdentity, { inline, managed }: AttachedPolicies, checkedManagedPolicies: Set<CfnResource>): void {
    const kind = kindOf(principal);
    const who = describeIdentity(principal);

    const inlineChars = inline.reduce<number>((total, document) => total + jsonChars(document), 0);
    if (inlineChars > kind.inlineLimit) {
      const fix = kind.overflow === 'aws-cdk-lib'
        ? 'Move inline policies of your own (inlinePolicies, iam.Policy) into managed policies, or grant fewer, broader ' +
          'permissions: for example one project-level PinpointAnalyticsReadPolicy instead of many CampaignKpiGrant or ' +
          'JourneyMetricsGrant.'
        : 'Move inline policies of your own (iam.Policy) into managed policies: what this library grants moves into ' +
          'managed policies by itself where the inline policies leave no room.';
      Annotations.of(principal).addError(
        `${who} has ${n(inlineChars)} characters of inline policy, over IAM's limit of ${n(kind.inlineLimit)} for all ` +
        `inline policies of a ${kind.name}, so deployment would fail. ${fix}`);
    }

    let overflowPolicies = 0;
    for (const resource of managed.values()) {
      if (resource) {
        overflowPolicies += isOverflowPolicyOf(resource, principal) ? 1 : 0;
        this.checkManagedPolicy(resource, who, checkedManagedPolicies);
      }
    }
    const count = managed.size;
    const split = overflowPolicies === 0 ? '' : kind.overflow === 'aws-cdk-lib'
      ? ` (${overflowPolicies} of them OverflowPolicy that aws-cdk-lib split off its default policy)`
      : ` (${overflowPolicies} of them holding what its inline policies could not)`;
    if (count > MANAGED_POLICIES_DEFAULT_QUOTA && kind.overflow === 'aws-cdk-lib') {
      CDK_ROLE_QUOTA_WARNINGS.forEach((id) => Annotations.of(principal).acknowledgeWarning(id, ACKNOWLEDGED));
    }
    if (count > MANAGED_POLICIES_MAX_QUOTA) {
      // Newer aws-cdk-lib releases report the same count on a user's or group's resource (rule F3032, at most 20 items).
      Validations.of(principal).acknowledge({ id: CDK_MAX_ITEMS_RULE, reason: ACKNOWLEDGED });
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
        `${n(MANAGED_POLICY_MAX_CHARS)} for a managed policy, so deployment would fail. ${SPLIT_MANAGED_POLICY}`);
    }
  }
}

const CHECKS = new WeakMap<Stack, PolicySizeValidation>();

/** 2,048 */
function n(value: number): string {
  return value.toLocaleString('en-US');
}

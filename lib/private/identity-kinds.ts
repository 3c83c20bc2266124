/**
 * Roles, users and groups, in one table: their CloudFormation types and the properties that name them, how IAM limits
 * their inline policies, who splits what does not fit, and how to read what policies one of this app has.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { GROUP_INLINE_POLICIES_MAX_CHARS, ROLE_INLINE_POLICIES_MAX_CHARS, USER_INLINE_POLICIES_MAX_CHARS } from './size/policy-size';

/** A role, user or group defined in this app. */
export type OwnIdentity = iam.Role | iam.User | iam.Group;

/** The three kinds of principal an identity policy is attached to. */
export type PrincipalKindName = 'role' | 'user' | 'group';

/** What differs between roles, users and groups. */
export interface PrincipalKind {
  readonly name: PrincipalKindName;
  /** Its CloudFormation resource type. */
  readonly resourceType: string;
  /** The property of `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` that lists principals of this kind. */
  readonly listProperty: string;
  /** The policy resource type of one principal of this kind, and the property that names it. */
  readonly singlePolicy: { readonly resourceType: string; readonly nameProperty: string };
  /** IAM's limit for all inline policies of one principal of this kind, together (characters). */
  readonly inlineLimit: number;
  /** The property of an `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` that lists principals of this kind. */
  readonly attachments: (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => unknown;
  /**
   * Who moves what does not fit the inline limit into managed policies: aws-cdk-lib splits a role's default policy
   * into `OverflowPolicy` managed policies; nothing does it for users and groups, so this library does.
   */
  readonly overflow: 'aws-cdk-lib' | 'library';
}

const ROLE: PrincipalKind = {
  name: 'role',
  resourceType: 'AWS::IAM::Role',
  listProperty: 'Roles',
  singlePolicy: { resourceType: 'AWS::IAM::RolePolicy', nameProperty: 'RoleName' },
  inlineLimit: ROLE_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.roles,
  overflow: 'aws-cdk-lib',
};
const USER: PrincipalKind = {
  name: 'user',
  resourceType: 'AWS::IAM::User',
  listProperty: 'Users',
  singlePolicy: { resourceType: 'AWS::IAM::UserPolicy', nameProperty: 'UserName' },
  inlineLimit: USER_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.users,
  overflow: 'library',
};
const GROUP: PrincipalKind = {
  name: 'group',
  resourceType: 'AWS::IAM::Group',
  listProperty: 'Groups',
  singlePolicy: { resourceType: 'AWS::IAM::GroupPolicy', nameProperty: 'GroupName' },
  inlineLimit: GROUP_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.groups,
  overflow: 'library',
};

/** Roles, users and groups. */
export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [ROLE, USER, GROUP];

/** The construct ID prefix of the managed policies this library attaches to a user or group for what its inline policies cannot hold. */
export const OVERFLOW_POLICY_ID = 'PinpointAnalyticsOverflowPolicy';

/**
 * Whether `principal` is a role, user or group defined in this app: it always takes statements into its default policy,
 * its policies are synthesized with it, and it takes managed policies (`addManagedPolicy`).
 */
export function isOwnIdentity(principal: iam.IPrincipal): principal is OwnIdentity {
  return iam.Role.isRole(principal) || principal instanceof iam.User || principal instanceof iam.Group;
}

/** The kind of `principal`. */
export function kindOf(principal: OwnIdentity): PrincipalKind {
  return iam.Role.isRole(principal) ? ROLE : principal instanceof iam.User ? USER : GROUP;
}

/** `role 'Stack/Role'`, `user 'Stack/User'`, `group 'Stack/Group'`. */
export function describeIdentity(principal: OwnIdentity): string {
  return `${kindOf(principal).name} '${principal.node.path}'`;
}

/**
 * `principal`'s CloudFormation resource, or `undefined` when it has none: with `Role.customizeRoles`, a role is not
 * synthesized but listed in a report for IAM administrators, who create it and its policies themselves.
 */
export function resourceOf(principal: OwnIdentity): iam.CfnRole | iam.CfnUser | iam.CfnGroup | undefined {
  const cfn = principal.node.defaultChild;
  return cfn instanceof iam.CfnRole || cfn instanceof iam.CfnUser || cfn instanceof iam.CfnGroup ? cfn : undefined;
}

/** The policies of one principal in its stack, as they stand now. */
export interface AttachedPolicies {
  /** The documents of its inline policies: on its own resource, and every `AWS::IAM::Policy` that names it. */
  readonly inline: unknown[];
  /** Its managed policies by synthesized ARN; the `AWS::IAM::ManagedPolicy` resources of its stack among them. */
  readonly managed: Map<string, iam.CfnManagedPolicy | undefined>;
}

/**
 * The policies `principal` has, read from the resources of its stack (`resources`: every `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` there). Documents are as `Stack.resolve` gives them.
 */
export function attachedPolicies(cfn: iam.CfnRole | iam.CfnUser | iam.CfnGroup, kind: PrincipalKind, resources: StackPolicies): AttachedPolicies {
  const self = key(cfn, cfn.ref);
  const namesSelf = (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => {
    const list = resource.stack.resolve(kind.attachments(resource));
    return Array.isArray(list) && list.some((item) => key(resource, item) === self);
  };
  const inline: unknown[] = [];
  const own = cfn.stack.resolve(cfn.policies);
  if (Array.isArray(own)) {
    // `Stack.resolve` keeps the L1 property names (`policyDocument`); CloudFormation's names come at rendering.
    own.forEach((policy) => inline.push(policy?.policyDocument));
  }
  resources.inline.filter(namesSelf).forEach((resource) => inline.push(resource.stack.resolve(resource.policyDocument)));

  const managed = new Map<string, iam.CfnManagedPolicy | undefined>();
  const arns = cfn.stack.resolve(cfn.managedPolicyArns);
  if (Array.isArray(arns)) {
    arns.forEach((arn) => managed.set(key(cfn, arn), undefined));
  }
  for (const resource of resources.managed) {
    const arn = key(resource, resource.ref);
    if (managed.has(arn) || namesSelf(resource)) {
      managed.set(arn, resource);
    }
  }
  return { inline, managed };
}

/** The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources of a stack. */
export interface StackPolicies {
  readonly inline: iam.CfnPolicy[];
  readonly managed: iam.CfnManagedPolicy[];
}

/** The policy resources of `stack`, as they stand now. */
export function stackPolicies(stack: Stack): StackPolicies {
  const constructs = stack.node.findAll();
  return {
    inline: constructs.filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy),
    managed: constructs.filter((c): c is iam.CfnManagedPolicy => c instanceof iam.CfnManagedPolicy),
  };
}

/**
 * Whether `resource` is a managed policy split off `principal`'s inline policies: aws-cdk-lib's `OverflowPolicy` of a
 * role, or this library's of a user or group.
 */
export function isOverflowPolicyOf(resource: CfnResource, principal: OwnIdentity): boolean {
  const policy = resource.node.scope;
  const prefix = kindOf(principal).overflow === 'aws-cdk-lib' ? 'OverflowPolicy' : OVERFLOW_POLICY_ID;
  // Stryker disable next-line OptionalChaining: a CfnResource always has a scope (its stack at least); `?.` is for the type.
  return policy?.node.scope === principal && policy.node.id.startsWith(prefix);
}

/** A comparable form of a value (a reference, an ARN) as `scope`'s stack synthesizes it. */
export function key(scope: IConstruct, value: unknown): string {
  return JSON.stringify(Stack.of(scope).resolve(value));
}

/**
 * Roles, users and groups, in one table: their CloudFormation types and the properties that name them, how IAM limits
 * their inline policies, and who splits what does not fit (`identity-policies.ts` reads what policies one has).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { GROUP_INLINE_POLICIES_MAX_CHARS, ROLE_INLINE_POLICIES_MAX_CHARS, USER_INLINE_POLICIES_MAX_CHARS } from './size/policy-size';

/** A role, user or group defined in this app. */
export type OwnIdentity = iam.Role | iam.User | iam.Group;

/** The three kinds of principal an identity policy is attached to. */
export type IdentityKindName = 'role' | 'user' | 'group';

/** What differs between roles, users and groups. */
export interface IdentityKind {
  readonly name: IdentityKindName;
  /** Its CloudFormation resource type. */
  readonly resourceType: string;
  /** The property of `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` that lists principals of this kind. */
  readonly listProperty: string;
  /** The policy resource type of one principal of this kind, and the property that names it. */
  readonly singlePolicy: { readonly resourceType: string; readonly nameProperty: string };
  /** IAM's limit for all inline policies of one principal of this kind, together (characters). */
  readonly inlineLimit: number;
  /** Reads that property (`listProperty`) from an L1 policy: the principals of this kind it names, unresolved. */
  readonly attachments: (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => unknown;
  /**
   * Who moves what does not fit the inline limit into managed policies: aws-cdk-lib splits a role's default policy
   * into `OverflowPolicy` managed policies; nothing does it for users and groups, so this library does.
   */
  readonly overflow: 'aws-cdk-lib' | 'library';
}

const ROLE: IdentityKind = {
  name: 'role',
  resourceType: 'AWS::IAM::Role',
  listProperty: 'Roles',
  singlePolicy: { resourceType: 'AWS::IAM::RolePolicy', nameProperty: 'RoleName' },
  inlineLimit: ROLE_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.roles,
  overflow: 'aws-cdk-lib',
};
const USER: IdentityKind = {
  name: 'user',
  resourceType: 'AWS::IAM::User',
  listProperty: 'Users',
  singlePolicy: { resourceType: 'AWS::IAM::UserPolicy', nameProperty: 'UserName' },
  inlineLimit: USER_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.users,
  overflow: 'library',
};
const GROUP: IdentityKind = {
  name: 'group',
  resourceType: 'AWS::IAM::Group',
  listProperty: 'Groups',
  singlePolicy: { resourceType: 'AWS::IAM::GroupPolicy', nameProperty: 'GroupName' },
  inlineLimit: GROUP_INLINE_POLICIES_MAX_CHARS,
  attachments: (r) => r.groups,
  overflow: 'library',
};

/** Roles, users and groups. */
export const IDENTITY_KINDS: readonly IdentityKind[] = [ROLE, USER, GROUP];

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
export function kindOf(principal: OwnIdentity): IdentityKind {
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
  // A role's, user's or group's default child is its resource, where it has one.
  return principal.node.defaultChild as iam.CfnRole | iam.CfnUser | iam.CfnGroup | undefined;
}

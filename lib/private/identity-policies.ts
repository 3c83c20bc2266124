/**
 * The policies one role, user or group of this app has, read from the resources of its stack as they stand: its inline
 * policies (its own and every `AWS::IAM::Policy` that names it) and its managed policies.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { IdentityKind, kindOf, OVERFLOW_POLICY_ID, OwnIdentity } from './identity-kinds';

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
export function attachedPolicies(cfn: iam.CfnRole | iam.CfnUser | iam.CfnGroup, kind: IdentityKind, resources: StackPolicies): AttachedPolicies {
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

/**
 * The policies one role, user or group of this app has, read from the resources of its stack as they stand: its inline
 * policies (its own and every `AWS::IAM::Policy` that names it) and its managed policies.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { memoized } from './collections';
import { IdentityKind, IdentityKindName, kindOf, OVERFLOW_POLICY_ID, OwnIdentity } from './identity-kinds';

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
  const naming = resources.naming(kind).get(key(cfn, cfn.ref));
  const namesSelf = (resource: iam.CfnPolicy | iam.CfnManagedPolicy) => naming?.has(resource) === true;
  const inline: unknown[] = [];
  const own = cfn.stack.resolve(cfn.policies);
  if (Array.isArray(own)) {
    // `Stack.resolve` keeps the L1 property names (`policyDocument`); CloudFormation's names come at rendering.
    own.forEach((policy) => inline.push(policy?.policyDocument));
  }
  resources.inline.filter(namesSelf).forEach((resource) => inline.push(resolvedDocument(resource)));

  const managed = new Map<string, iam.CfnManagedPolicy | undefined>();
  const arns = cfn.stack.resolve(cfn.managedPolicyArns);
  if (Array.isArray(arns)) {
    arns.forEach((arn) => managed.set(key(cfn, arn), undefined));
  }
  for (const resource of resources.managed) {
    const arn = resources.arnOf(resource);
    if (managed.has(arn) || namesSelf(resource)) {
      managed.set(arn, resource);
    }
  }
  return { inline, managed };
}

/**
 * The document of `resource` as `Stack.resolve` gives it, but for the order of statements and of their lists.
 *
 * An `iam.PolicyDocument` resolves through aws-cdk-lib's post-processing, which merges statements without a Sid (under
 * `@aws-cdk/aws-iam:minimizePolicies`), drops repeated statements, gives Sids where the document assigns them and sorts
 * each statement's lists. Where every statement has a Sid, each its own, none of that changes the document but its
 * order, so it is resolved from its statements (`toJSON`) instead: in a stack of many principals, whose default
 * policies hold this library's statements (which all have Sids), the post-processing is most of what reading them costs.
 */
function resolvedDocument(resource: iam.CfnPolicy): unknown {
  const document = resource.policyDocument;
  // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; without it the document resolves in full, to as many characters.
  if (document instanceof iam.PolicyDocument) {
    const resolved = resource.stack.resolve(document.toJSON());
    // Stryker disable next-line ConditionalExpression,BlockStatement: as above.
    if (resolved !== undefined && keepsItsStatements(resolved.Statement)) {
      return resolved;
    }
  }
  return resource.stack.resolve(document);
}

/**
 * Whether aws-cdk-lib's post-processing leaves the resolved `statements` of a document as they are but for their order:
 * each has a Sid, each its own.
 */
export function keepsItsStatements(statements: ReadonlyArray<{ readonly Sid?: unknown }>): boolean {
  const sids = statements.map((statement) => statement.Sid);
  return sids.every((sid) => typeof sid === 'string') && new Set(sids).size === sids.length;
}

/** The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources of a stack, and what they name. */
export interface StackPolicies {
  readonly inline: iam.CfnPolicy[];
  readonly managed: iam.CfnManagedPolicy[];
  /**
   * Which of those resources name each principal of `kind` in their list of principals (`kind.attachments`), by the
   * principal's `key`.
   */
  naming(kind: IdentityKind): ReadonlyMap<string, ReadonlySet<iam.CfnPolicy | iam.CfnManagedPolicy>>;
  /** The `key` of the ARN of a managed policy of `managed` (its `ref`). */
  arnOf(resource: iam.CfnManagedPolicy): string;
}

/**
 * The policy resources of `stack`, as they stand now. What they name is resolved once per resource (and kind), on first
 * use, not once per principal that asks: for a stack of many principals that is what costs.
 */
export function stackPolicies(stack: Stack): StackPolicies {
  const constructs = stack.node.findAll();
  const inline = constructs.filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy);
  const managed = constructs.filter((c): c is iam.CfnManagedPolicy => c instanceof iam.CfnManagedPolicy);
  const naming = new Map<IdentityKindName, Map<string, Set<iam.CfnPolicy | iam.CfnManagedPolicy>>>();
  const arns = new Map<iam.CfnManagedPolicy, string>();
  return {
    inline,
    managed,
    naming: (kind) => memoized(naming, kind.name, () => {
      const byPrincipal = new Map<string, Set<iam.CfnPolicy | iam.CfnManagedPolicy>>();
      for (const resource of [...inline, ...managed]) {
        const list = resource.stack.resolve(kind.attachments(resource));
        // Stryker disable next-line ArrayDeclaration: an item where there is no list would be a key no principal has.
        for (const item of Array.isArray(list) ? list : []) {
          const principal = key(resource, item);
          byPrincipal.set(principal, (byPrincipal.get(principal) ?? new Set()).add(resource));
        }
      }
      return byPrincipal;
    }),
    arnOf: (resource) => memoized(arns, resource, () => key(resource, resource.ref)),
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

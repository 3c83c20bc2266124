/**
 * Judges synthesized policies with an independent IAM evaluator, `@cloud-copilot/iam-simulate`: our tests never decide
 * access by comparing our own strings.
 *
 * `identityPoliciesOf` gathers every identity policy a role, user or group receives in a template (inline policies,
 * `AWS::IAM::Policy`, attached `AWS::IAM::ManagedPolicy`), with CloudFormation intrinsics resolved to concrete values;
 * `policiesOfRoleName` those of a role the template does not define. `decide` asks the evaluator about one concrete
 * request, `expectDecisions` about many at once.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './app';

export interface NamedPolicy {
  readonly name: string;
  readonly policy: any;
}

/** What `Ref`, `Fn::GetAtt` and pseudo parameters resolve to, beyond the defaults. */
export interface Substitutions {
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
  /** logical ID (or `logicalId.Attribute`) -> value */
  readonly refs?: Record<string, string>;
}

/** Resolves `Ref`, `Fn::GetAtt`, `Fn::Join` and pseudo parameters in `value`; fails on anything it cannot resolve. */
export function resolveIntrinsics(value: any, subs: Substitutions = {}): any {
  if (Array.isArray(value)) {
    return value.map((v) => resolveIntrinsics(v, subs));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref') {
    const ref = value.Ref;
    const pseudo: Record<string, string | undefined> = {
      'AWS::Partition': subs.partition ?? 'aws',
      'AWS::Region': subs.region ?? REGION,
      'AWS::AccountId': subs.account ?? ACCOUNT,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    const resolved = pseudo[ref] ?? subs.refs?.[ref];
    if (resolved === undefined) {
      throw new Error(`cannot resolve Ref ${ref}`);
    }
    return resolved;
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [id, attr] = value['Fn::GetAtt'];
    const resolved = subs.refs?.[`${id}.${attr}`];
    if (resolved === undefined) {
      throw new Error(`cannot resolve Fn::GetAtt ${id}.${attr}`);
    }
    return resolved;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [sep, parts] = value['Fn::Join'];
    return resolveIntrinsics(parts, subs).join(sep);
  }
  if (keys.some((k) => k.startsWith('Fn::'))) {
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(keys.map((k) => [k, resolveIntrinsics(value[k], subs)]));
}

const ATTACHMENT_PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'Roles',
  'AWS::IAM::User': 'Users',
  'AWS::IAM::Group': 'Groups',
};

/**
 * Every identity policy that the role, user or group `principalLogicalId` receives in `template`, resolved.
 */
export function identityPoliciesOf(template: Template | any, principalLogicalId: string, subs: Substitutions = {}): NamedPolicy[] {
  const json = template instanceof Template ? template.toJSON() : template;
  const resources: Record<string, any> = json.Resources ?? {};
  const principal = resources[principalLogicalId];
  if (!principal) {
    throw new Error(`no resource ${principalLogicalId}`);
  }
  const attachment = ATTACHMENT_PROPERTY[principal.Type];
  if (!attachment) {
    throw new Error(`${principalLogicalId} is a ${principal.Type}, not a role, user or group`);
  }
  const refersToPrincipal = (list: any) =>
    Array.isArray(list) && list.some((item) => item?.Ref === principalLogicalId);
  const policies: NamedPolicy[] = [];
  for (const [i, inline] of (principal.Properties?.Policies ?? []).entries()) {
    policies.push({ name: `${principalLogicalId}.Policies[${i}]`, policy: inline.PolicyDocument });
  }
  const attachedArns: any[] = principal.Properties?.ManagedPolicyArns ?? [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    const attached = refersToPrincipal(props[attachment]) ||
      (resource.Type === 'AWS::IAM::ManagedPolicy' && attachedArns.some((arn) => arn?.Ref === logicalId));
    if ((resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') && attached) {
      policies.push({ name: logicalId, policy: props.PolicyDocument });
    }
  }
  return policies.map(({ name, policy }) => ({ name, policy: resolveIntrinsics(policy, subs) }));
}

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/**
 * The evaluator's decision for `action` on `resourceArn` (of the account its ARN names) by a principal of `account`
 * (by default the same account) holding `policies` and, when given, limited by the permissions boundary `boundary`.
 * A principal of another account than the resource's is a cross-account request, which identity policies alone never
 * allow for a service without resource-based policies.
 * A request the evaluator rejects as malformed (an ARN that is not of the action's resource type) fails the test.
 */
export async function decide(
  policies: NamedPolicy[], action: string, resourceArn: string, account = accountOf(resourceArn), boundary?: NamedPolicy[],
): Promise<Decision> {
  // The evaluator is deterministic: the same request asked again of the same policies (the model-based tests ask about
  // one in six twice) gets the answer it got the first time.
  const asked = DECISIONS.get(policies) ?? new Map<string, Promise<Decision>>();
  DECISIONS.set(policies, asked);
  const request = `${action} ${resourceArn} ${account}${boundary ? ` ${JSON.stringify(boundary)}` : ''}`;
  let decision = asked.get(request);
  if (decision === undefined) {
    decision = simulate(policies, action, resourceArn, account, boundary);
    asked.set(request, decision);
  }
  return decision;
}

/**
 * The evaluator's decisions by the policies they were asked of (the same array: policies are built once, by
 * `identityPoliciesOf` and the like, and never changed) and the request.
 */
const DECISIONS = new WeakMap<NamedPolicy[], Map<string, Promise<Decision>>>();

async function simulate(policies: NamedPolicy[], action: string, resourceArn: string, account: string, boundary?: NamedPolicy[]): Promise<Decision> {
  const result: any = await runSimulation({
    request: {
      principal: `arn:aws:iam::${account}:role/Grantee`,
      action,
      resource: { resource: resourceArn, accountId: accountOf(resourceArn) },
      contextVariables: {},
    },
    identityPolicies: policies.map(({ name, policy }) => ({ name, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: undefined,
    permissionBoundaryPolicies: boundary?.map(({ name, policy }) => ({ name, policy })),
  } as any, {});
  if (result.resultType === 'error' || !result.overallResult) {
    throw new Error(`the evaluator rejected ${action} on ${resourceArn}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult;
}

/** Whether the evaluator allows the request. */
export async function isAllowed(policies: NamedPolicy[], action: string, resourceArn: string): Promise<boolean> {
  return (await decide(policies, action, resourceArn)) === 'Allowed';
}

function accountOf(arn: string): string {
  return arn.split(':')[4] || ACCOUNT;
}

/** One request and the decision the evaluator must reach. */
export type Expectation = readonly [action: string, resourceArn: string, decision: Decision];

/**
 * Asks the evaluator about every request and compares all decisions at once, so a failure lists each request that
 * came out wrong.
 */
export async function expectDecisions(policies: NamedPolicy[], expectations: readonly Expectation[]): Promise<void> {
  const actual: string[] = [];
  for (const [action, arn] of expectations) {
    actual.push(`${action} on ${arn}: ${await decide(policies, action, arn)}`);
  }
  expect(actual).toEqual(expectations.map(([action, arn, decision]) => `${action} on ${arn}: ${decision}`));
}

/**
 * The policies a role that is not defined in the template (an imported role) receives: every `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` whose `Roles` name it, resolved.
 */
export function policiesOfRoleName(template: Template | any, roleName: string, subs: Substitutions = {}): NamedPolicy[] {
  const json = template instanceof Template ? template.toJSON() : template;
  const resources: Record<string, any> = json.Resources ?? {};
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .filter(([, r]) => (r.Properties?.Roles ?? []).includes(roleName))
    .map(([name, r]) => ({ name, policy: resolveIntrinsics(r.Properties.PolicyDocument, subs) }));
}

/**
 * Size awareness at synth time: policy documents are estimated against IAM's limits after grants are merged and
 * aws-cdk-lib has split an oversize role policy, and whatever IAM would reject fails `cdk synth` with an error that
 * names the principal, the size, the limit and the fix. Each rule is tested with a compliant and a failing case.
 * (How a document is estimated: policy-size.test.ts; managed policies and each limit met exactly:
 * policy-size-validation.limits.test.ts.)
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnalyticsMetrics, CampaignKpiGrant, PinpointAnalyticsReadPolicy } from '../../../../lib';
import {
  BROADER_GRANTS_FIX as BROADER_GRANTS,
  chars,
  envAgnosticStack,
  errorsOn,
  grantCampaigns,
  hexId,
  INLINE_POLICIES_FIX as inlineFix,
  logicalIdOf,
  newGroup,
  newRole,
  newUser,
  paddingStatement as padding,
  PROJECT_ID,
  resolveIntrinsics,
  templateOf,
  testStack,
  withThousands as n,
} from '../../../support';

describe.each([
  ['user', 2_048, (stack: Stack) => newUser(stack, 'Analyst')],
  ['group', 5_120, (stack: Stack) => newGroup(stack, 'Analyst')],
] as const)('%s: all inline policies within %d characters', (kind, limit, newIdentity) => {
  /** The documents of every AWS::IAM::Policy that names the principal, and of every managed policy it has. */
  function documentsOf(stack: Stack, identity: iam.User | iam.Group) {
    const resources = templateOf(stack).toJSON().Resources;
    const self = JSON.stringify([{ Ref: logicalIdOf(identity) }]);
    const inline = Object.values<any>(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Users ?? r.Properties.Groups) === self)
      .map((r) => r.Properties.PolicyDocument);
    const managed = (resources[logicalIdOf(identity)].Properties?.ManagedPolicyArns ?? [])
      .map((arn: any) => resources[arn.Ref].Properties.PolicyDocument);
    return { inline, managed };
  }

  test(`a ${kind} whose grants fit has no managed policy and no error`, () => {
    const stack = testStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 12);
    const { inline, managed } = documentsOf(stack, identity);
    expect(chars(...inline)).toBeLessThanOrEqual(limit);
    expect(managed).toEqual([]);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test(`grants that do not fit the ${kind}'s inline policies go into managed policies the library attaches: no error`, () => {
    // GIVEN more grants than the inline limit holds
    const stack = testStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 100);

    // THEN the inline policy is filled up to the limit and the rest is in managed policies of at most 6,144
    const { inline, managed } = documentsOf(stack, identity);
    expect(chars(...inline)).toBeLessThanOrEqual(limit);
    expect(chars(...inline) + 135).toBeGreaterThan(limit);
    expect(managed.length).toBeGreaterThan(0);
    managed.forEach((document: any) => expect(chars(document)).toBeLessThanOrEqual(6_144));
    // every grant once
    const resources = [...inline, ...managed].flatMap((d: any) => d.Statement).flatMap((st: any) => [st.Resource].flat());
    expect(new Set(resources).size).toBe(100);
    expect(resources).toHaveLength(100);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test(`counts the ${kind}'s own inline policies and other statements of its default policy`, () => {
    // GIVEN an inline policy of the ${kind}'s own and a statement of another library in its default policy
    const stack = testStack();
    const identity = newIdentity(stack);
    new iam.Policy(stack, 'Own', {
      [kind === 'user' ? 'users' : 'groups']: [identity],
      statements: [new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
      })],
    });
    identity.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:t'] }));
    // as many grants (of 135 characters each) as the limit would hold alone
    grantCampaigns(stack, identity, Math.ceil(limit / 135));

    // THEN all inline policies together stay within the limit
    const { inline, managed } = documentsOf(stack, identity);
    expect(inline).toHaveLength(2);
    expect(chars(...inline)).toBeLessThanOrEqual(limit);
    expect(managed.length).toBeGreaterThan(0);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test(`fails synth when the ${kind}'s own inline policies pass the limit: names the ${kind}, size, limit and fix`, () => {
    // GIVEN a grant, and an inline policy of the ${kind}'s own that is too large alone
    const stack = testStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 1);
    new iam.Policy(stack, 'Own', {
      [kind === 'user' ? 'users' : 'groups']: [identity],
      statements: [padding('x'.repeat(limit))],
    });

    // THEN the grant went into a managed policy, and the error is about the ${kind}'s own policy
    const { inline, managed } = documentsOf(stack, identity);
    expect(managed).toHaveLength(1);
    expect(errorsOn(stack, identity.node.path)).toEqual([`${kind} 'TestStack/Analyst' has ${n(chars(...inline))} characters ` +
      `of inline policy, over IAM's limit of ${n(limit)} for all inline policies of a ${kind}, so deployment would fail. ` +
      inlineFix]);
  });

  test('sizes are final: repeated grants are merged before they are counted', () => {
    const stack = testStack();
    const identity = newIdentity(stack);
    for (let i = 0; i < 30; i++) {
      new CampaignKpiGrant(stack, `Same${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', 0) }).grantTo(identity);
    }
    expect(documentsOf(stack, identity).managed).toEqual([]);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('an environment-agnostic stack: the inline policies fit at the widest partition and region', () => {
    const stack = envAgnosticStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 100);
    const { inline } = documentsOf(stack, identity);
    expect(chars(resolveIntrinsics(inline, { partition: 'aws-us-gov', region: 'ap-southeast-2' })) - 2 - (inline.length - 1))
      .toBeLessThanOrEqual(limit);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});

describe('role: aws-cdk-lib splits the default policy; the rest is checked', () => {
  test('a role over 10,240 characters of default policy is split by aws-cdk-lib, and no error is reported', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    grantCampaigns(stack, role, 150);
    const template = templateOf(stack);
    expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).length).toBeGreaterThan(0);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('managed policies attached'));
  });

  test('fails synth when the role\'s own inline policies and its default policy together pass 10,240 characters', () => {
    // GIVEN an inline policy of the user's own, which aws-cdk-lib does not count when it splits the default policy
    const stack = testStack();
    const role = new iam.Role(stack, 'Dashboard', {
      assumedBy: new iam.AccountRootPrincipal(),
      inlinePolicies: {
        Own: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            actions: ['s3:GetObject'],
            resources: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
          })],
        }),
      },
    });
    grantCampaigns(stack, role, 30);

    // THEN
    const template = templateOf(stack);
    const [message] = errorsOn(stack, role.node.path);
    const own = template.toJSON().Resources[logicalIdOf(role)].Properties.Policies[0].PolicyDocument;
    const defaultPolicy = Object.values<any>(template.findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument;
    const size = chars(own, defaultPolicy);
    expect(size).toBeGreaterThan(10_240);
    expect(message).toBe(`role 'TestStack/Dashboard' has ${n(size)} characters of inline policy, over IAM's limit of 10,240 for all ` +
      'inline policies of a role, so deployment would fail. Move inline policies of your own (inlinePolicies, iam.Policy) ' +
      'into managed policies, or grant fewer, broader permissions: for example one project-level ' +
      'PinpointAnalyticsReadPolicy instead of many CampaignKpiGrant or JourneyMetricsGrant.');
  });

  test('warns over 10 managed policies on a role (a quota increase) and fails over 20', () => {
    const stack = testStack();
    const within = newRole(stack, 'Within');
    const warned = newRole(stack, 'Warned');
    const failed = newRole(stack, 'Failed');
    const policies = Array.from({ length: 21 }, (_, i) => new PinpointAnalyticsReadPolicy(stack, `Read${i}`, {
      projectIds: [hexId('a', i)],
      metrics: [AnalyticsMetrics.APPLICATION_KPIS],
    }));
    policies.slice(0, 10).forEach((policy) => policy.grantTo(within));
    policies.slice(0, 11).forEach((policy) => policy.grantTo(warned));
    policies.forEach((policy) => policy.grantTo(failed));

    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning(`/${within.node.path}`, Match.anyValue());
    annotations.hasNoError(`/${within.node.path}`, Match.anyValue());
    annotations.hasWarning(`/${warned.node.path}`, "role 'TestStack/Warned' has 11 managed policies attached, over IAM's " +
      `default quota of 10 per role: deployment needs a quota increase (up to 20). ${BROADER_GRANTS}. ` +
      '[ack: cdk-pinpoint-analytics-grants:managedPolicyQuota]');
    annotations.hasNoError(`/${warned.node.path}`, Match.anyValue());
    annotations.hasError(`/${failed.node.path}`, "role 'TestStack/Failed' has 21 managed policies attached, over IAM's " +
      `limit of 20 per role, so deployment would fail. ${BROADER_GRANTS}.`);
    annotations.hasNoWarning(`/${failed.node.path}`, Match.anyValue());
  });

  test('counts managed policies attached through the role as well as OverflowPolicy that aws-cdk-lib splits off', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    for (let i = 0; i < 8; i++) {
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`ReadOnly${i}`));
    }
    grantCampaigns(stack, role, 180);
    // and two managed policies of the user's own, one in the role's scope, one elsewhere named like aws-cdk-lib's:
    // neither is an OverflowPolicy
    new iam.ManagedPolicy(role, 'Extra', { roles: [role], statements: [padding('extra')] });
    new iam.ManagedPolicy(stack, 'OverflowPolicyOfMine', { roles: [role], statements: [padding('mine')] });
    // every other managed policy in the stack is one aws-cdk-lib split off
    const overflow = Object.keys(templateOf(stack).findResources('AWS::IAM::ManagedPolicy')).length - 2;
    expect(overflow).toBeGreaterThanOrEqual(3);
    expect(8 + overflow + 2).toBeLessThanOrEqual(20);
    Annotations.fromStack(stack).hasWarning(`/${role.node.path}`, `role 'TestStack/Dashboard' has ${8 + overflow + 2} managed ` +
      `policies attached (${overflow} of them OverflowPolicy that aws-cdk-lib split off its default policy), over IAM's ` +
      `default quota of 10 per role: deployment needs a quota increase (up to 20). ${BROADER_GRANTS}. ` +
      '[ack: cdk-pinpoint-analytics-grants:managedPolicyQuota]');
  });
});

describe('one problem, one message: the count of a role\'s managed policies', () => {
  test.each([
    [11, 'warning'],
    [21, 'error'],
  ] as const)('%d managed policies on a role with a default policy: only this library\'s %s, aws-cdk-lib\'s acknowledged', (count, kind) => {
    // GIVEN managed policies added from the role's side and a default policy, so aws-cdk-lib counts them too
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    for (let i = 0; i < count; i++) {
      new PinpointAnalyticsReadPolicy(stack, `Read${i}`, { projectIds: [hexId('a', i)], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
        .grantTo(role);
    }
    grantCampaigns(stack, role, 1);

    // THEN one message about the count, with this library's wording (and, for the warning, its acknowledgement ID)
    const annotations = Annotations.fromStack(stack);
    const warnings = annotations.findWarning(`/${role.node.path}`, Match.anyValue()).map((m) => String(m.entry.data));
    const errors = annotations.findError(`/${role.node.path}`, Match.anyValue()).map((m) => String(m.entry.data));
    const ours = kind === 'warning'
      ? `role 'TestStack/Dashboard' has ${count} managed policies attached, over IAM's default quota of 10 per role: ` +
        `deployment needs a quota increase (up to 20). ${BROADER_GRANTS}. [ack: cdk-pinpoint-analytics-grants:managedPolicyQuota]`
      : `role 'TestStack/Dashboard' has ${count} managed policies attached, over IAM's limit of 20 per role, so deployment ` +
        `would fail. ${BROADER_GRANTS}.`;
    expect([...warnings, ...errors]).toEqual([ours]);
  });

  test('without this library\'s check, aws-cdk-lib warns about the same role (what is acknowledged is real)', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    for (let i = 0; i < 11; i++) {
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`ReadOnly${i}`));
    }
    role.addToPrincipalPolicy(padding(''));
    Annotations.fromStack(stack).hasWarning(`/${role.node.path}`, Match.stringLikeRegexp('\\[ack: @aws-cdk/aws-iam:rolePolicyLarge\\]'));
  });

  test.each([
    ['a role with 10 managed policies (within the quota)', (stack: Stack) => newRole(stack, 'Dashboard'), 10],
    ['a user with 11 managed policies (a user has no aws-cdk-lib warning)', (stack: Stack) => newUser(stack, 'Dashboard'), 11],
  ] as const)('nothing of aws-cdk-lib is acknowledged on %s: its warning about a role inside it stays', (_, newIdentity, count) => {
    // GIVEN a principal with grants, and a role of the user's own inside it, over 10 managed policies without this library
    const stack = testStack();
    const identity = newIdentity(stack);
    for (let i = 0; i < count; i++) {
      new PinpointAnalyticsReadPolicy(stack, `Read${i}`, { projectIds: [hexId('a', i)], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
        .grantTo(identity);
    }
    const inner = newRole(identity, 'Inner');
    for (let i = 0; i < 11; i++) {
      inner.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`ReadOnly${i}`));
    }
    inner.addToPrincipalPolicy(padding(''));

    // THEN aws-cdk-lib's warning about the inner role is still there
    Annotations.fromStack(stack).hasWarning(`/${inner.node.path}`, Match.stringLikeRegexp('\\[ack: @aws-cdk/aws-iam:rolePolicyLarge\\]'));
  });

  test.each([
    ['user', (stack: Stack) => newUser(stack, 'Analyst')],
    ['group', (stack: Stack) => newGroup(stack, 'Analysts')],
  ] as const)('over 20 managed policies on a %s: the acknowledgement of aws-cdk-lib\'s rule F3032 is recorded with its reason', (_, newIdentity) => {
    const stack = testStack();
    const identity = newIdentity(stack);
    for (let i = 0; i < 21; i++) {
      new PinpointAnalyticsReadPolicy(stack, `Read${i}`, { projectIds: [hexId('a', i)], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
        .grantTo(identity);
    }
    const manifest = App.of(stack)!.synth().getStackArtifact(stack.artifactId);
    expect(manifest.findMetadataByType('aws:cdk:acknowledged-rules').filter((m) => m.path === `/${identity.node.path}`).map((m) => m.data))
      .toEqual([{ 'CloudFormation-Validate::F3032': 'cdk-pinpoint-analytics-grants reports the count of managed policies of this principal itself' }]);
  });
});

describe('each problem is reported once', () => {
  test('however many grants, grantees and synths', () => {
    // GIVEN a user over its inline limit through many grants, and two oversize managed policies (one of ours, one of
    // the user's own), each attached to two principals
    const stack = testStack();
    const user = newUser(stack, 'Analyst');
    grantCampaigns(stack, user, 20);
    new iam.Policy(stack, 'OwnInline', { users: [user], statements: [padding('x'.repeat(2_048))] });
    const role = newRole(stack, 'Dashboard');
    const group = newGroup(stack, 'Analysts');
    const read = new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: Array.from({ length: 12 }, (_, i) => hexId('b', i)),
      regions: ['us-east-1', 'us-west-2'],
    });
    read.grantTo(role);
    read.grantTo(group);
    new iam.ManagedPolicy(stack, 'Own', {
      roles: [role],
      groups: [group],
      statements: [new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-${i}/reports/*`),
      })],
    });

    // WHEN the app is synthesized three times (Annotations.fromStack synthesizes afresh each time)
    Annotations.fromStack(stack);
    Annotations.fromStack(stack);
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue())
      .map((m) => `${m.id}: ${String(m.entry.data).replace(/ has [\d,]+ characters.*/, '')}`);

    // THEN
    expect(errors.sort()).toEqual([
      "/TestStack/Analyst: user 'TestStack/Analyst'",
      '/TestStack/Own/Resource: TestStack/Own/Resource (attached to role \'TestStack/Dashboard\')',
      "/TestStack/Read: TestStack/Read (granted to role 'TestStack/Dashboard', group 'TestStack/Analysts'): its managed policy",
    ]);
  });
});

describe('checked on every synthesis', () => {
  test('a grant added after one synthesis is checked by the next (added as it is, after the policy was rendered)', () => {
    const stack = testStack();
    const user = newUser(stack, 'Analyst');
    grantCampaigns(stack, user, 10);
    expect(errorsOn(stack, user.node.path)).toEqual([]);

    grantCampaigns(stack, user, 20, { idPrefix: 'Later' });
    expect(errorsOn(stack, user.node.path)).toEqual([expect.stringMatching(/^user 'TestStack\/Analyst' has [\d,]+ characters of inline policy/)]);
  });
});

describe('escape hatches', () => {
  test('a null entry in a role\'s inline policies (set on the L1) counts nothing and does not stop the check', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Dashboard', {
      assumedBy: new iam.AccountRootPrincipal(),
      inlinePolicies: { Own: new iam.PolicyDocument({ statements: [padding('x'.repeat(10_240))] }) },
    });
    grantCampaigns(stack, role, 1);
    const cfn = role.node.defaultChild as iam.CfnRole;
    cfn.policies = [null as any, ...(stack.resolve(cfn.policies) as iam.CfnRole.PolicyProperty[])];

    expect(errorsOn(stack, role.node.path)).toEqual([expect.stringMatching(
      /^role 'TestStack\/Dashboard' has [\d,]+ characters of inline policy, over IAM's limit of 10,240 for all inline policies of a role/)]);
  });
});

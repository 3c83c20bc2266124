/**
 * The size check (lib/private/size/policy-size-validation.ts) at its limits: a managed policy within 6,144 characters (a
 * PinpointAnalyticsReadPolicy, one granted to nobody, a managed policy of the user's own attached to a grantee), and
 * each limit met exactly (within it) and passed by one character or policy. (The other rules: policy-size-validation.test.ts.)
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnalyticsMetrics, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../../../lib';
import {
  BROADER_GRANTS_FIX as BROADER_GRANTS,
  chars,
  errorsOn,
  grantCampaigns,
  hexId,
  INLINE_POLICIES_FIX as inlineFix,
  logicalIdOf,
  newRole,
  newUser,
  paddingStatement as padding,
  PROJECT_ID,
  resolveIntrinsics,
  SPLIT_MANAGED_POLICY_FIX as SPLIT_MANAGED_POLICY,
  templateOf,
  testStack,
  withThousands as n,
} from '../../../support';

describe('managed policy: within 6,144 characters', () => {
  test('a PinpointAnalyticsReadPolicy that fits has no error', () => {
    const stack = testStack();
    new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID, hexId('b', 1)], regions: ['us-east-1', 'eu-west-1'] });
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('fails synth when a PinpointAnalyticsReadPolicy passes 6,144 characters: names the policy, its grantee, size, limit, fix', () => {
    // GIVEN many projects in many regions, all five kinds of metric
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    const read = new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: Array.from({ length: 8 }, (_, i) => hexId('b', i)),
      regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
    });
    read.grantTo(role);

    // THEN
    const template = templateOf(stack);
    const [message, ...more] = errorsOn(stack, read.node.path);
    expect(more).toEqual([]);
    const policy = Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'))[0];
    const size = chars(policy.Properties.PolicyDocument);
    expect(size).toBeGreaterThan(6_144);
    expect(message).toBe(`TestStack/Read (granted to role 'TestStack/Dashboard'): its managed policy has ${n(size)} characters, ` +
      "over IAM's limit of 6,144 for a managed policy, so deployment would fail. Name fewer projects or regions in each " +
      'PinpointAnalyticsReadPolicy (split them over several), or omit projectIds to read every project.');
    // reported once, on the policy, not again on the role
    Annotations.fromStack(stack).hasNoError(`/${role.node.path}`, Match.anyValue());
    // only reported: nothing dropped (8 projects x 3 regions x 5 kinds)
    expect(policy.Properties.PolicyDocument.Statement[0].Resource).toHaveLength(8 * 3 * 5);
  });

  test('checks a PinpointAnalyticsReadPolicy granted to nobody as well', () => {
    const stack = testStack();
    const read = new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: Array.from({ length: 12 }, (_, i) => hexId('b', i)),
      regions: ['us-east-1', 'us-west-2'],
    });
    const policy = Object.values<any>(templateOf(stack).findResources('AWS::IAM::ManagedPolicy'))[0];
    expect(errorsOn(stack, read.node.path)).toEqual([
      `TestStack/Read: its managed policy has ${n(chars(policy.Properties.PolicyDocument))} characters, over IAM's limit of ` +
      '6,144 for a managed policy, so deployment would fail. Name fewer projects or regions in each ' +
      'PinpointAnalyticsReadPolicy (split them over several), or omit projectIds to read every project.',
    ]);
  });

  test('a managed policy of the user\'s own attached to a grantee is checked too: named, with its size and the limit', () => {
    // GIVEN a role with a grant of ours and an oversize managed policy the user wrote
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    grantCampaigns(stack, role, 1);
    const own = new iam.ManagedPolicy(stack, 'Own', {
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 200 }, (_, i) => `arn:${stack.partition}:s3:::bucket-${i}/reports/*`),
      })],
    });

    // THEN
    const [message, ...more] = errorsOn(stack, own.node.path + '/Resource');
    expect(more).toEqual([]);
    const document = Template.fromStack(stack).toJSON().Resources[logicalIdOf(own)].Properties.PolicyDocument;
    // the partition counts at its widest value, aws-us-gov
    const size = chars(resolveIntrinsics(document, { partition: 'aws-us-gov' }));
    expect(message).toBe(`TestStack/Own/Resource (attached to role 'TestStack/Dashboard') has ${n(size)} characters, over ` +
      `IAM's limit of 6,144 for a managed policy, so deployment would fail. ${SPLIT_MANAGED_POLICY}`);
  });

  test('the same managed policy under the limit is not reported', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    grantCampaigns(stack, role, 1);
    new iam.ManagedPolicy(stack, 'Own', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:${stack.partition}:s3:::bucket/reports/*`] })],
    });
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('a journey-heavy role: every overflow policy fits, so only the count is reported', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    for (let i = 0; i < 200; i++) {
      new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: hexId('e', i) }).grantTo(role);
    }
    const template = Template.fromStack(stack);
    for (const policy of Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'))) {
      expect(chars(policy.Properties.PolicyDocument)).toBeLessThanOrEqual(6_144);
    }
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
    expect(errors.filter((e) => e.includes('characters'))).toEqual([]);
  });
});

describe('exactly at a limit is within it', () => {
  /**
   * The stack `build(pad)` makes, with `pad` as long as it takes for `measure` to report `size`: the padding is plain
   * text in one JSON string, so each character of it adds one character to the document.
   */
  function stackOfSize(size: number, build: (pad: string) => Stack, measure: (stack: Stack) => number): Stack {
    const base = measure(build(''));
    const stack = build('x'.repeat(size - base));
    expect(measure(stack)).toBe(size);
    return stack;
  }

  /** The synthesized policy document of `policy` (an iam.Policy or iam.ManagedPolicy). */
  const documentOf = (policy: iam.Policy | iam.ManagedPolicy) =>
    templateOf(Stack.of(policy)).toJSON().Resources[logicalIdOf(policy)].Properties.PolicyDocument;

  test.each([2_048, 2_049])('a user with %d characters of inline policy of its own, granted a PinpointAnalyticsReadPolicy', (size) => {
    const build = (pad: string) => {
      const stack = testStack();
      const user = newUser(stack, 'Analyst');
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] }).grantTo(user);
      new iam.Policy(stack, 'Own', { users: [user], statements: [padding('')] });
      new iam.Policy(stack, 'Pad', { users: [user], statements: [padding(pad)] });
      // another user's inline policy counts for that user only
      new iam.Policy(stack, 'Bystander', { users: [newUser(stack, 'Other')], statements: [padding('')] });
      return stack;
    };
    // every AWS::IAM::Policy that names the user
    const measure = (stack: Stack) => chars(...Object.values<any>(templateOf(stack).findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Users) === JSON.stringify([{ Ref: logicalIdOf(stack.node.findChild('Analyst')) }]))
      .map((policy) => policy.Properties.PolicyDocument));
    const stack = stackOfSize(size, build, measure);

    expect(errorsOn(stack, 'TestStack/Analyst')).toEqual(size > 2_048 ? [`user 'TestStack/Analyst' has ${n(size)} characters ` +
      `of inline policy, over IAM's limit of 2,048 for all inline policies of a user, so deployment would fail. ${inlineFix}`] : []);
  });

  test.each([6_144, 6_145])('a managed policy of the user\'s own with %d characters, attached to a grantee', (size) => {
    const build = (pad: string) => {
      const stack = testStack();
      const role = newRole(stack, 'Dashboard');
      grantCampaigns(stack, role, 1);
      new iam.ManagedPolicy(stack, 'Own', { roles: [role], statements: [padding(pad)] });
      return stack;
    };
    const stack = stackOfSize(size, build, (s) => chars(documentOf(s.node.findChild('Own') as iam.ManagedPolicy)));

    expect(errorsOn(stack, 'TestStack/Own/Resource')).toEqual(size > 6_144 ? ['TestStack/Own/Resource (attached to role ' +
      `'TestStack/Dashboard') has ${n(size)} characters, over IAM's limit of 6,144 for a managed policy, so deployment ` +
      `would fail. ${SPLIT_MANAGED_POLICY}`] : []);
  });

  test.each([6_144, 6_145])('a PinpointAnalyticsReadPolicy with %d characters', (size) => {
    const build = (pad: string) => {
      const stack = testStack();
      const read = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] });
      read.managedPolicy.addStatements(padding(pad));
      return stack;
    };
    const stack = stackOfSize(size, build, (s) => chars(documentOf((s.node.findChild('Read') as PinpointAnalyticsReadPolicy).managedPolicy)));

    expect(errorsOn(stack, 'TestStack/Read')).toEqual(size > 6_144 ? [`TestStack/Read: its managed policy has ${n(size)} ` +
      "characters, over IAM's limit of 6,144 for a managed policy, so deployment would fail. Name fewer projects or " +
      'regions in each PinpointAnalyticsReadPolicy (split them over several), or omit projectIds to read every project.'] : []);
  });

  test('a role with exactly 20 managed policies gets the quota warning, not the error', () => {
    const stack = testStack();
    const role = newRole(stack, 'Dashboard');
    for (let i = 0; i < 20; i++) {
      new PinpointAnalyticsReadPolicy(stack, `Read${i}`, { projectIds: [hexId('a', i)], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })
        .grantTo(role);
    }
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoError('*', Match.anyValue());
    annotations.hasWarning(`/${role.node.path}`, "role 'TestStack/Dashboard' has 20 managed policies attached, over IAM's " +
      `default quota of 10 per role: deployment needs a quota increase (up to 20). ${BROADER_GRANTS}. ` +
      '[ack: cdk-pinpoint-analytics-grants:managedPolicyQuota]');
  });
});

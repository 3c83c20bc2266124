/**
 * Many principals in one stack: the size check reads the stack's policies once and tells them apart by the principals
 * they name, so each role, user and group is checked against exactly the policies that name it, whichever else the
 * stack holds. (The rules themselves: test/lib/private/size/policy-size-validation.test.ts.)
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  chars,
  grantCampaigns,
  logicalIdOf,
  newGroup,
  newRole,
  newUser,
  templateOf,
  testStack,
} from '../support';

/** A statement whose resource holds `pad`. */
function padding(pad: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::reports-${pad}/*`] });
}

/** The error messages synth reports on `construct`. */
function errorsOn(stack: Stack, path: string): string[] {
  return Annotations.fromStack(stack).findError(`/${path}`, Match.anyValue()).map((m) => String(m.entry.data));
}

/** The documents of every `AWS::IAM::Policy` of the template whose `property` (`Users`, `Groups`) lists `principal`. */
function inlineDocumentsNaming(stack: Stack, property: string, principal: iam.User | iam.Group): unknown[] {
  const self = JSON.stringify({ Ref: logicalIdOf(principal) });
  return Object.values<any>(templateOf(stack).toJSON().Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties[property] ?? []).some((p: unknown) => JSON.stringify(p) === self))
    .map((r) => r.Properties.PolicyDocument);
}

/** 2,048 */
function n(value: number): string {
  return value.toLocaleString('en-US');
}

describe('principals of one stack, each checked against the policies that name it', () => {
  test('users and groups named by shared inline policies each count those, and only those, in their own error', () => {
    // GIVEN three users and two groups with grants; a policy over a user's limit shared by two of the users and one
    // group, and one of the other group's own that fits
    const stack = testStack();
    const [first, second, third] = ['First', 'Second', 'Third'].map((id) => newUser(stack, id));
    const [readers, writers] = ['Readers', 'Writers'].map((id) => newGroup(stack, id));
    [first, second, third, readers, writers].forEach((principal, i) => grantCampaigns(stack, principal, 2 + i, { idPrefix: `Grant${i}-` }));
    new iam.Policy(stack, 'Shared', { users: [first, second], groups: [readers], statements: [padding('x'.repeat(2_100))] });
    new iam.Policy(stack, 'WritersOwn', { groups: [writers], statements: [padding('w'.repeat(1_000))] });

    // THEN each user and group named by the shared policy has its own error, with its own documents' size
    for (const user of [first, second]) {
      const size = chars(...inlineDocumentsNaming(stack, 'Users', user));
      expect(errorsOn(stack, user.node.path)).toEqual([`user '${user.node.path}' has ${n(size)} characters of inline policy, ` +
        "over IAM's limit of 2,048 for all inline policies of a user, so deployment would fail. Move inline policies of your " +
        'own (iam.Policy) into managed policies: what this library grants moves into managed policies by itself where the ' +
        'inline policies leave no room.']);
    }
    const readersSize = chars(...inlineDocumentsNaming(stack, 'Groups', readers));
    expect(readersSize).toBeLessThan(5_120);
    expect(errorsOn(stack, readers.node.path)).toEqual([]);
    // AND the principals it does not name have none
    expect(errorsOn(stack, third.node.path)).toEqual([]);
    expect(errorsOn(stack, writers.node.path)).toEqual([]);
  });

  test('a group over its limit through a policy it shares with a user is reported on the group, with the group\'s size', () => {
    // GIVEN a user and a group named by one policy that fits a group but not a user, and a second policy for the group
    const stack = testStack();
    const user = newUser(stack, 'Analyst');
    const group = newGroup(stack, 'Analysts');
    new iam.Policy(stack, 'Shared', { users: [user], groups: [group], statements: [padding('s'.repeat(3_000))] });
    new iam.Policy(stack, 'GroupOnly', { groups: [group], statements: [padding('g'.repeat(2_500))] });
    grantCampaigns(stack, group, 1);

    // THEN
    const groupSize = chars(...inlineDocumentsNaming(stack, 'Groups', group));
    const userSize = chars(...inlineDocumentsNaming(stack, 'Users', user));
    expect(groupSize).toBeGreaterThan(userSize);
    expect(errorsOn(stack, group.node.path)).toEqual([expect.stringMatching(
      new RegExp(`^group 'TestStack/Analysts' has ${n(groupSize)} characters of inline policy, over IAM's limit of 5,120 `))]);
    // the user was granted nothing, so this library does not check it
    expect(errorsOn(stack, user.node.path)).toEqual([]);
  });

  test('managed policies that list several roles count for each role they list, and for no other', () => {
    // GIVEN three roles with grants; eleven managed policies of the user's own listing the first two, one more the first
    const stack = testStack();
    const [both, alsoBoth, neither] = ['Both', 'AlsoBoth', 'Neither'].map((id) => newRole(stack, id));
    [both, alsoBoth, neither].forEach((role, i) => grantCampaigns(stack, role, 3, { idPrefix: `Grant${i}-` }));
    for (let i = 0; i < 11; i++) {
      new iam.ManagedPolicy(stack, `Listed${i}`, { roles: [both, alsoBoth], statements: [padding(`listed-${i}`)] });
    }
    new iam.ManagedPolicy(stack, 'OnlyFirst', { roles: [both], statements: [padding('only-first')] });

    // THEN each of the two has its own count; the third has none
    const annotations = Annotations.fromStack(stack);
    const warning = (role: iam.Role, count: number) => `role '${role.node.path}' has ${count} managed policies attached, ` +
      'over IAM\'s default quota of 10 per role: deployment needs a quota increase (up to 20). Grant fewer, broader ' +
      'permissions: for example one project-level PinpointAnalyticsReadPolicy (projectIds, metrics) instead of many ' +
      'CampaignKpiGrant or JourneyMetricsGrant. [ack: cdk-pinpoint-analytics-grants:managedPolicyQuota]';
    annotations.hasWarning(`/${both.node.path}`, warning(both, 12));
    annotations.hasWarning(`/${alsoBoth.node.path}`, warning(alsoBoth, 11));
    annotations.hasNoWarning(`/${neither.node.path}`, Match.anyValue());
  });

  test('a policy attached to another principal between two synths is counted for it by the second', () => {
    // GIVEN two users with grants and a policy over a user's limit attached to the first
    const stack = testStack();
    const first = newUser(stack, 'First');
    const second = newUser(stack, 'Second');
    grantCampaigns(stack, first, 1, { idPrefix: 'First' });
    grantCampaigns(stack, second, 1, { idPrefix: 'Second' });
    const shared = new iam.Policy(stack, 'Shared', { users: [first], statements: [padding('x'.repeat(2_100))] });
    expect(errorsOn(stack, first.node.path)).toHaveLength(1);
    expect(errorsOn(stack, second.node.path)).toEqual([]);

    // WHEN it is attached to the second too
    shared.attachToUser(second);

    // THEN the next synth reports the second as well
    expect(errorsOn(stack, second.node.path)).toEqual([expect.stringMatching(/^user 'TestStack\/Second' has [\d,]+ characters of inline policy/)]);
  });
});

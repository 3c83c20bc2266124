/**
 * Users and groups overflow like roles: what the canonical statements granted to an `iam.User` or `iam.Group` cannot
 * fit into its inline policies goes into managed policies the library creates and attaches, each within 6,144
 * characters, with deterministic construct IDs, in canonical order and with unique Sids. aws-cdk-lib splits only a
 * role's default policy, so before this a user with 40 campaign grants failed synth. Access is judged by the evaluator.
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  arns,
  chars,
  expectDecisions,
  GET_CAMPAIGN_KPI,
  grantCampaigns,
  hexId,
  identityPoliciesOf,
  logicalIdOf,
  newGroup,
  newUser,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../support';

type Identity = iam.User | iam.Group;

const KINDS = [
  ['user', 2_048, (stack: Stack) => newUser(stack, 'Analyst')],
  ['group', 5_120, (stack: Stack) => newGroup(stack, 'Analyst')],
] as const;

/** The principal's inline documents (every AWS::IAM::Policy naming it) and its managed policies, by logical ID. */
function policiesOf(stack: Stack, identity: Identity) {
  const resources = templateOf(stack).toJSON().Resources;
  const self = JSON.stringify([{ Ref: logicalIdOf(identity) }]);
  const inline = Object.values<any>(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Users ?? r.Properties.Groups) === self)
    .map((r) => r.Properties.PolicyDocument);
  const managed: Array<{ id: string; document: any }> = (resources[logicalIdOf(identity)].Properties?.ManagedPolicyArns ?? [])
    .map((arn: any) => ({ id: arn.Ref, document: resources[arn.Ref].Properties.PolicyDocument }));
  return { inline, managed };
}

describe.each(KINDS)('%s', (kind, inlineLimit, newIdentity) => {
  test('40 campaign grants: synth succeeds, the rest goes into managed policies, and access is exactly the 40 campaigns', async () => {
    // GIVEN
    const stack = testStack();
    const identity = newIdentity(stack);
    // WHEN
    grantCampaigns(stack, identity, 40);
    // THEN no error, every document within its limit, Sids unique across the principal's documents
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    const { inline, managed } = policiesOf(stack, identity);
    expect(inline.reduce((total: number, d: any) => total + chars(d), 0)).toBeLessThanOrEqual(inlineLimit);
    managed.forEach(({ document }) => expect(chars(document)).toBeLessThanOrEqual(6_144));
    const sids = [...inline, ...managed.map((m) => m.document)].flatMap((d: any) => d.Statement.map((s: any) => s.Sid));
    expect(new Set(sids).size).toBe(sids.length);
    // access: each of the 40 campaigns, and nothing next to them
    const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(identity));
    await expectDecisions(policies, [
      ...Array.from({ length: 40 }, (_, i) => [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', i), 'sms-spend'), 'Allowed'] as const),
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, hexId('c', 40), 'sms-spend'), 'ImplicitlyDenied'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(OTHER_PROJECT_ID, hexId('c', 0), 'sms-spend'), 'ImplicitlyDenied'],
    ]);
  });

  test('the managed policies have deterministic construct IDs under the principal and hold the canonical order', () => {
    // GIVEN the same grants made in two orders
    const build = (reverse: boolean) => {
      const stack = testStack();
      const identity = newIdentity(stack);
      const order = Array.from({ length: 120 }, (_, i) => i);
      for (const i of reverse ? order.reverse() : order) {
        new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: hexId('c', i) }).grantTo(identity);
      }
      return { stack, identity };
    };
    const forward = build(false);
    const backward = build(true);
    // THEN the same template, and the managed policies are <principal>/PinpointAnalyticsOverflowPolicy1, 2, ...
    expect(templateOf(backward.stack).toJSON()).toEqual(templateOf(forward.stack).toJSON());
    const { managed } = policiesOf(forward.stack, forward.identity);
    expect(managed.length).toBeGreaterThan(1);
    expect(managed.map((m) => m.id)).toEqual(managed.map((_, i) =>
      logicalIdOf(forward.identity.node.findChild(`PinpointAnalyticsOverflowPolicy${i + 1}`))));
    // each says, in IAM, whose policies it continues
    const resources = templateOf(forward.stack).toJSON().Resources;
    expect(managed.map((m) => resources[m.id].Properties.Description))
      .toEqual(managed.map(() => `Part of the Amazon Pinpoint analytics policies for ${forward.identity.node.path}`));
    // canonical order: resources sorted across the documents, Sids numbered on from the inline statement
    const { inline } = policiesOf(forward.stack, forward.identity);
    const statements = [...inline, ...managed.map((m) => m.document)].flatMap((d: any) => d.Statement);
    expect(statements.map((s: any) => s.Sid)).toEqual(statements.map((_: any, i: number) =>
      i === 0 ? 'QueryCampaignAnalytics' : `QueryCampaignAnalytics${i + 1}`));
    const arnsInOrder = statements.flatMap((s: any) => [s.Resource].flat());
    expect(arnsInOrder).toEqual([...arnsInOrder].sort());
  });

  test('several hundred campaign and journey grants: no error, every document within IAM\'s limits', () => {
    const stack = testStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 300);
    for (let i = 0; i < 100; i++) {
      new JourneyMetricsGrant(stack, `Journey${i}`, { projectId: PROJECT_ID, journeyId: hexId('e', i) }).grantTo(identity);
    }
    const { inline, managed } = policiesOf(stack, identity);
    expect(inline.reduce((total: number, d: any) => total + chars(d), 0)).toBeLessThanOrEqual(inlineLimit);
    expect(managed.length).toBeLessThanOrEqual(20);
    managed.forEach(({ document }) => expect(chars(document)).toBeLessThanOrEqual(6_144));
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  describe('capacity: as many campaign grants as IAM\'s quotas allow', () => {
    /**
     * The most campaign grants any exact set of documents holds within the inline limit and 20 managed policies: each
     * document `{"Version":"2012-10-17","Statement":[...]}` with one statement without a Sid, ARNs as long as ours.
     */
    function ceiling(): number {
      const arn = arns.campaignKpi(PROJECT_ID, hexId('c', 0), 'x').replace(/daterange\/x$/, '*');
      const perGrant = arn.length + 3;
      const document = '{"Version":"2012-10-17","Statement":[]}'.length;
      const statement = `{"Effect":"Allow","Action":"${GET_CAMPAIGN_KPI}","Resource":[]}`.length;
      const fits = (limit: number) => Math.floor((limit - document - statement + 1) / perGrant);
      return fits(inlineLimit) + 20 * fits(6_144);
    }

    test('99 % of the ceiling synthesizes with no error (a warning for more than 10 managed policies)', () => {
      const stack = testStack();
      const identity = newIdentity(stack);
      grantCampaigns(stack, identity, Math.floor(ceiling() * 0.99));
      Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
      expect(policiesOf(stack, identity).managed.length).toBeLessThanOrEqual(20);
    });

    test('fails synth one grant past the ceiling, which no set of documents can hold: more than 20 managed policies', () => {
      const stack = testStack();
      const identity = newIdentity(stack);
      grantCampaigns(stack, identity, ceiling() + 1);
      const errors = Annotations.fromStack(stack).findError(`/${identity.node.path}`, Match.anyValue()).map((e) => String(e.entry.data));
      expect(errors).toEqual([expect.stringMatching(new RegExp(`^${kind} 'TestStack/Analyst' has 2[1-9] managed policies attached ` +
        `\\(2[1-9] of them holding what its inline policies could not\\), over IAM's limit of 20 per ${kind}, so deployment would fail`))]);
    });

    test('the error\'s fix, followed literally (one project-level PinpointAnalyticsReadPolicy instead), deploys', () => {
      const stack = testStack();
      const identity = newIdentity(stack);
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID] }).grantTo(identity);
      Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });
  });

  test('warns over 10 managed policies: a quota increase', () => {
    const stack = testStack();
    const identity = newIdentity(stack);
    grantCampaigns(stack, identity, 560);
    const count = policiesOf(stack, identity).managed.length;
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThanOrEqual(20);
    Annotations.fromStack(stack).hasWarning(`/${identity.node.path}`, Match.stringLikeRegexp(
      `^${kind} 'TestStack/Analyst' has ${count} managed policies attached \\(${count} of them holding what its inline ` +
      `policies could not\\), over IAM's default quota of 10 per ${kind}`));
  });
});

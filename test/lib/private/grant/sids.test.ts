/**
 * Sids that never collide (lib/private/grant/sids.ts): a statement the library writes into a policy never has the Sid of
 * another statement of that policy, whoever wrote the other one and whenever it was added, and the choice does not
 * depend on the order. Judged on the synthesized templates by aws-cdk-lib's own rule E3510 (a Sid used twice in one
 * policy; from aws-cdk-lib 2.268.0 on, and the test apps make its findings errors), by the Sids themselves on every
 * release, and by the evaluator (the access stays exactly what was granted); with aws-cdk-lib's defaults and with the
 * flags of a new app, whose `minimizePolicies` merges and sorts statements. `allocateSids`, the choice at synthesis,
 * is also tested on its own (the names themselves and `pack`'s choice at the render: canonical.test.ts).
 */
import { Aspects, AspectPriority, CfnParameter, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../../../lib';
import { canonicalSidOf, sidName } from '../../../../lib/private/grant/canonical';
import { allocateSids, documentSids } from '../../../../lib/private/grant/sids';
import {
  arns,
  CAMPAIGN_ID as C,
  chars,
  defaultPolicyId,
  envAgnosticStack,
  Expectation,
  expectDecisions,
  FLAG_SETS,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  hexId,
  identityPoliciesOf,
  importedRole,
  JOURNEY_ID as J,
  logicalIdOf,
  newRole,
  newUser,
  OTHER_CAMPAIGN_ID as C2,
  OTHER_JOURNEY_ID as J2,
  policiesOfRoleName,
  policyDocuments,
  PROJECT_ID as P,
  repeatedSids,
  sidsByDocument,
  synthesizeValidated,
  templateOf,
  testApp,
  testStack,
} from '../../../support';

const SID = 'QueryCampaignAnalytics';

/** A hand-written statement, as a user writes it halfway through a migration: the KPIs of campaign `campaignId`. */
function handWrittenCampaign(sid: string, campaignId = C2): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions: [GET_CAMPAIGN_KPI],
    resources: [arns.campaignKpi(P, campaignId, 'x').replace(/daterange\/x$/, '*')],
  });
}

/** The campaigns the evaluator must allow, and one it must deny. */
function campaigns(allowed: string[]): Expectation[] {
  return [
    ...allowed.map((c): Expectation => [GET_CAMPAIGN_KPI, arns.campaignKpi(P, c, 'email-open-rate'), 'Allowed']),
    [GET_CAMPAIGN_KPI, arns.campaignKpi(P, hexId('f', 999), 'email-open-rate'), 'ImplicitlyDenied'],
  ];
}

describe.each(FLAG_SETS)('with $name', (flags) => {
  /** What a role granted a CampaignKpiGrant synthesizes to, with a hand-written statement added before or after. */
  function roleWithHandWrittenSid(handWrittenFirst: boolean) {
    const app = testApp(flags.context);
    const stack = testStack(app);
    const role = newRole(stack);
    const grant = new CampaignKpiGrant(stack, 'SpringSale', { projectId: P, campaignId: C });
    if (handWrittenFirst) {
      role.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics'));
      grant.grantTo(role);
    } else {
      grant.grantTo(role);
      role.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics'));
    }
    return { app, stack, role, ...synthesizeValidated(app) };
  }

  test.each([
    ['before', true],
    ['after', false],
  ])('a hand-written statement with the Sid QueryCampaignAnalytics, added %s the grant: the grant writes QueryCampaignAnalytics2', async (_, first) => {
    // GIVEN a role with a hand-written QueryCampaignAnalytics, WHEN a CampaignKpiGrant is granted to it
    const { stack, role, error, violations } = roleWithHandWrittenSid(first);
    // THEN no CloudFormation rule reports anything (E3510 would report a repeated Sid), and no policy repeats a Sid
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    expect(repeatedSids(template)).toEqual([]);
    // the hand-written statement keeps its Sid; the grant's takes the next name
    expect(sidsByDocument(template)[defaultPolicyId(role)]).toEqual(['QueryCampaignAnalytics', 'QueryCampaignAnalytics2']);
    // and the role reads exactly both campaigns
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(role)), campaigns([C, C2]));
  });

  test('the Sids do not depend on the order: the same template whether the hand-written statement comes first or last', () => {
    const template = (first: boolean) => templateOf(roleWithHandWrittenSid(first).stack).toJSON();
    expect(template(false)).toEqual(template(true));
  });

  test('a statement an aspect adds after the grant was rendered, with the grant\'s Sid, keeps it; the grant takes the next', async () => {
    // GIVEN a grant, and an aspect that runs after the library's (as another library's may) adding a statement
    const app = testApp(flags.context);
    const stack = testStack(app);
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'SpringSale', { projectId: P, campaignId: C }).grantTo(role);
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node === role) {
          role.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics'));
        }
      },
    }, { priority: AspectPriority.DEFAULT });
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    expect(repeatedSids(template)).toEqual([]);
    expect(sidsByDocument(template)[defaultPolicyId(role)]).toEqual(['QueryCampaignAnalytics2', 'QueryCampaignAnalytics']);
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(role)), campaigns([C, C2]));
  });

  test('Sids read by an aspect (as cdk-nag reads policies) before another adds a statement with the grant\'s Sid: the grant takes the next', async () => {
    // GIVEN a grant, an aspect that resolves the role's policy (its Sids too), and a later one adding a statement
    const app = testApp(flags.context);
    const stack = testStack(app);
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'SpringSale', { projectId: P, campaignId: C }).grantTo(role);
    const read: unknown[] = [];
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node === role) {
          read.push(stack.resolve((role.node.findChild('DefaultPolicy') as iam.Policy).document));
        }
      },
    }, { priority: AspectPriority.DEFAULT });
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node === role) {
          role.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics'));
        }
      },
    }, { priority: AspectPriority.DEFAULT + 1 });
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN the aspect read the grant's Sid as it was then; the template has it renamed, once the statement was added
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    expect(JSON.stringify(read)).toContain('"Sid":"QueryCampaignAnalytics"');
    const template = templateOf(stack);
    expect(repeatedSids(template)).toEqual([]);
    expect(sidsByDocument(template)[defaultPolicyId(role)]).toEqual(['QueryCampaignAnalytics2', 'QueryCampaignAnalytics']);
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(role)), campaigns([C, C2]));
  });

  test('a statement added to a read policy\'s managed policy after the construct, with its Sid, keeps it; the policy\'s takes the next', async () => {
    // GIVEN a read policy, WHEN a statement of the user's own is added to its managed policy with the policy's Sid
    const app = testApp(flags.context);
    const stack = testStack(app);
    const role = newRole(stack);
    const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [P] });
    readPolicy.managedPolicy.addStatements(new iam.PolicyStatement({
      sid: 'QueryProjectAnalytics', actions: [GET_REPORTS], resources: [arns.reports()],
    }));
    readPolicy.grantTo(role);
    const { error, violations } = synthesizeValidated(app);
    // THEN
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    expect(sidsByDocument(template)[logicalIdOf(readPolicy.managedPolicy)]).toEqual(['QueryProjectAnalytics2', 'QueryProjectAnalytics']);
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(role)), [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), 'Allowed'],
      [GET_REPORTS, arns.reports(), 'Allowed'],
    ]);
    // what the construct hands out for documents of your own keeps the guide's Sid
    expect(readPolicy.toPolicyStatements().map((statement) => statement.sid)).toEqual(['QueryProjectAnalytics']);
  });

  test('an imported role\'s own policy: a hand-written QueryJourneyAnalytics keeps it, the grant takes QueryJourneyAnalytics2', async () => {
    const app = testApp(flags.context);
    const stack = testStack(app);
    const imported = importedRole(stack, 'Existing');
    imported.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'QueryJourneyAnalytics', actions: [GET_JOURNEY_KPI], resources: [arns.journeyKpi(P, J2, 'x').replace(/daterange\/x$/, '*')],
    }));
    new JourneyMetricsGrant(stack, 'Onboarding', { projectId: P, journeyId: J }).grantTo(imported);
    const { error, violations } = synthesizeValidated(app);
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    expect(repeatedSids(template)).toEqual([]);
    const [policy] = policiesOfRoleName(template, 'Existing');
    expect(policy.policy.Statement.map((s: any) => s.Sid)).toEqual(['QueryJourneyAnalytics', 'QueryJourneyAnalytics2']);
    await expectDecisions([policy], [
      [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'journey-emails-opened'), 'Allowed'],
      [GET_JOURNEY_KPI, arns.journeyKpi(P, J2, 'journey-emails-opened'), 'Allowed'],
    ]);
  });

  test('a role whose statement is cut into pieces and split into managed policies: the pieces skip a hand-written QueryCampaignAnalytics2', async () => {
    // GIVEN aws-cdk-lib's splitter counting 400 characters an ARN that is a token (pieces, and overflow policies), and
    // a hand-written statement named as the grants' second piece would be
    const app = testApp({ ...flags.context, '@aws-cdk/aws-iam.arnSizeEstimate': 400 });
    const stack = envAgnosticStack(app);
    const role = newRole(stack);
    role.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics2', hexId('e', 1)));
    const campaignIds = Array.from({ length: 60 }, (_, i) => hexId('c', i));
    campaignIds.forEach((campaignId, i) => new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: P, campaignId }).grantTo(role));
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN no policy of the role repeats a Sid, nor do they together; only the hand-written statement is ...2
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    const sids = Object.values(sidsByDocument(template)).flat();
    expect(Object.keys(sidsByDocument(template)).length).toBeGreaterThan(1);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids).toContain('QueryCampaignAnalytics');
    expect(sids).toContain('QueryCampaignAnalytics3');
    expect(sids.filter((sid) => sid === 'QueryCampaignAnalytics2')).toHaveLength(1);
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(role)), campaigns([...campaignIds, hexId('e', 1)]));
  });

  test('a user whose grants overflow its inline policies: the renamed statements still fit the 2,048 characters', async () => {
    // GIVEN a user with hand-written statements named as the grants' first and third pieces would be
    const app = testApp(flags.context);
    const stack = testStack(app);
    const user = newUser(stack);
    user.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics', hexId('e', 1)));
    user.addToPolicy(handWrittenCampaign('QueryCampaignAnalytics3', hexId('e', 2)));
    // WHEN more campaigns are granted than its inline policies hold
    const campaignIds = Array.from({ length: 40 }, (_, i) => hexId('c', i));
    campaignIds.forEach((campaignId, i) => new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: P, campaignId }).grantTo(user));
    const { error, violations } = synthesizeValidated(app);
    // THEN
    expect(error).toBeUndefined();
    expect(violations).toEqual([]);
    const template = templateOf(stack);
    const inline = policyDocuments(template).find(({ name }) => name === defaultPolicyId(user))!.document;
    expect(chars(inline)).toBeLessThanOrEqual(2_048);
    const sids = Object.values(sidsByDocument(template)).flat();
    expect(new Set(sids).size).toBe(sids.length);
    expect(inline.Statement.map((s: any) => s.Sid).slice(0, 3)).toEqual(['QueryCampaignAnalytics', 'QueryCampaignAnalytics3', 'QueryCampaignAnalytics2']);
    await expectDecisions(identityPoliciesOf(template, logicalIdOf(user)), campaigns([...campaignIds, hexId('e', 1), hexId('e', 2)]));
  });
});

describe('Sids of other parties that are tokens', () => {
  test('a Sid that resolves to the grant\'s is seen; one that is a CloudFormation parameter cannot be compared and is left out', () => {
    // GIVEN a role with a lazily named statement, one named by a parameter, and an unused policy of its own
    const stack = testStack();
    const role = newRole(stack);
    role.addToPolicy(handWrittenCampaign(Lazy.string({ produce: () => 'QueryCampaignAnalytics' })));
    // (a parameter's value is known at deployment only; its default here is no name of ours, as aws-cdk-lib 2.276's rule
    // E3510 compares defaults)
    role.addToPolicy(handWrittenCampaign(new CfnParameter(stack, 'Sid', { default: 'HandWritten' }).valueAsString, hexId('e', 1)));
    new iam.Policy(role, 'Unused');
    // WHEN
    new CampaignKpiGrant(stack, 'SpringSale', { projectId: P, campaignId: C }).grantTo(role);
    // THEN the grant takes the first name no statement is known to have
    expect(sidsByDocument(templateOf(stack))[defaultPolicyId(role)])
      .toEqual(['QueryCampaignAnalytics', { Ref: 'Sid' }, 'QueryCampaignAnalytics2']);
  });
});

describe('documentSids, the Sids other statements have', () => {
  test('literal Sids and tokens that resolve to one; not ours, not a statement without a Sid, not a parameter', () => {
    const stack = testStack();
    const parameter = new CfnParameter(stack, 'SidParameter');
    const statement = (sid?: string) => new iam.PolicyStatement({ sid, actions: [GET_CAMPAIGN_KPI], resources: [arns.campaignKpi(P, C, 'x')] });
    const documents = [
      new iam.PolicyDocument({ statements: [statement('Literal'), statement(), statement('Ours')] }),
      new iam.PolicyDocument({ statements: [statement(Lazy.string({ produce: () => 'FromToken' })), statement(parameter.valueAsString)] }),
      new iam.PolicyDocument(),
    ];
    expect(documentSids(stack, documents, new Set(['Ours']))).toEqual(new Set(['Literal', 'FromToken']));
  });
});

describe('allocateSids, at synthesis', () => {
  test('keeps every name no other statement has', () => {
    expect(allocateSids([SID, `${SID}2`, 'QueryJourneyAnalytics'], new Set(['Other']))).toEqual([SID, `${SID}2`, 'QueryJourneyAnalytics']);
  });

  test('a name another statement took since the render goes: our statement takes the next free name of its Sid', () => {
    // the second piece's name stays; the first takes the first name neither the other statement nor ours has
    expect(allocateSids([SID, `${SID}2`], new Set([SID]))).toEqual([`${SID}3`, `${SID}2`]);
  });

  test('several taken names: each renamed statement takes a name of its own', () => {
    expect(allocateSids([SID, `${SID}2`, 'QueryJourneyAnalytics'], new Set([SID, `${SID}2`, 'QueryJourneyAnalytics'])))
      .toEqual([`${SID}3`, `${SID}4`, 'QueryJourneyAnalytics2']);
  });

  test('never repeats a name, nor takes one another statement has, whatever is taken (property)', () => {
    const name = fc.tuple(fc.constantFrom(SID, 'QueryJourneyAnalytics'), fc.integer({ min: 1, max: 6 }))
      .map(([sid, n]) => sidName(sid, n));
    fc.assert(fc.property(fc.uniqueArray(name, { maxLength: 8 }), fc.uniqueArray(name, { maxLength: 8 }), (preferred, taken) => {
      const sids = allocateSids(preferred, new Set(taken));
      expect(new Set(sids).size).toBe(sids.length);
      expect(sids.filter((sid) => taken.includes(sid))).toEqual([]);
      // each keeps its canonical Sid, and its name where it is free
      expect(sids.map(canonicalSidOf)).toEqual(preferred.map(canonicalSidOf));
      preferred.forEach((sid, i) => !taken.includes(sid) && expect(sids[i]).toBe(sid));
    }), { seed: 20261203, numRuns: 200 });
  });
});

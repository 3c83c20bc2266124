/**
 * Access tests of CampaignKpiGrant, JourneyMetricsGrant and of several grants on one principal: the synthesized
 * policies are judged by an independent IAM evaluator (`@cloud-copilot/iam-simulate`), for requests that must be
 * allowed and the nearest ones that must be denied; under aws-cdk-lib's defaults and under the flags of a new app
 * (`FLAG_SETS`), whose `@aws-cdk/aws-iam:minimizePolicies` reorders what is written but must allow exactly the same.
 * (PinpointAnalyticsReadPolicy: read-policy.test.ts.)
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnalyticsMetrics, CampaignKpi, CampaignKpiGrant, JourneyKpi, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  ACTIVITY_ID as ACTIVITY,
  AnalyticsKind as Kind,
  arns,
  CAMPAIGN_ID as C,
  Decision,
  eachKind as each,
  Expectation,
  expectDecisions,
  FLAG_SETS,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  identityPoliciesOf,
  importedRole,
  JOURNEY_ID as J,
  logicalIdOf,
  newGroup,
  newRole,
  newUser,
  nonAnalyticsRequests as nonAnalytics,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID as C2,
  OTHER_JOURNEY_ID as J2,
  OTHER_PROJECT_ID as P2,
  OTHER_REGION,
  policiesOfGrantedRole as policiesOfRole,
  policiesOfRoleName,
  policyDocuments,
  PROJECT_ID as P,
  REGION,
  templateOf,
  testApp,
  testStack,
} from '../support';

const ALLOWED: Decision = 'Allowed';
const DENIED: Decision = 'ImplicitlyDenied';

describe.each(FLAG_SETS)('with $name', (flags) => {
  /** A stack of an app with `flags`. */
  const stackWith = () => testStack(testApp(flags.context));
  /** `policiesOfRole` in an app with `flags`. */
  const policiesOfRoleWith = (grant: (stack: Stack, role: iam.Role) => void) => policiesOfRole(grant, flags.context);

  /** The quickest end-to-end check: one construct, one synthesis, three requests. */
  test('a campaign KPI grant allows its KPI and denies another campaign', async () => {
    const stack = stackWith();
    const role = newRole(stack, 'Role');
    new CampaignKpiGrant(stack, 'Grant', { projectId: P, campaignId: C, kpis: [CampaignKpi.EMAIL_OPEN_RATE] }).grantTo(role);
    const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(role));
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'unique-deliveries'), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate'), DENIED],
    ]);
  });

  describe('CampaignKpiGrant', () => {
    test('by default allows every KPI of its campaign and nothing next to it', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new CampaignKpiGrant(stack, 'Kpis', { projectId: P, campaignId: C }).grantTo(role));
      await expectDecisions(policies, [
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), ALLOWED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'sms-spend'), ALLOWED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C, 'email-open-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', OTHER_REGION), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', REGION, OTHER_ACCOUNT), DENIED],
        ...each(['application', 'journey', 'journeyExecution', 'activityExecution'], DENIED),
        [GET_REPORTS, arns.reports(), DENIED],
        ...nonAnalytics(),
      ]);
    });

    test('kpis allows exactly the KPIs named: not another KPI, not a longer name, not another campaign', async () => {
      const policies = policiesOfRoleWith((stack, role) => new CampaignKpiGrant(stack, 'Kpis', {
        projectId: P,
        campaignId: C,
        kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
      }).grantTo(role));
      await expectDecisions(policies, [
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), ALLOWED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'unique-deliveries'), ALLOWED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'successful-delivery-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate-grouped-by-campaign-activity'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'unique-deliveries-grouped-by-date'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C, 'unique-deliveries'), DENIED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'email-open-rate'), DENIED],
        ...nonAnalytics(),
      ]);
    });

    test('region allows that region and denies the stack\'s', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new CampaignKpiGrant(stack, 'Kpis', { projectId: P, campaignId: C, region: OTHER_REGION }).grantTo(role));
      await expectDecisions(policies, [
        ...each(['campaign'], ALLOWED, { region: OTHER_REGION }),
        ...each(['campaign'], DENIED, { region: REGION }),
        ...each(['campaign'], DENIED, { region: OTHER_REGION, c: C2 }),
      ]);
    });

    test('account allows that account and denies the stack\'s', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new CampaignKpiGrant(stack, 'Kpis', { projectId: P, campaignId: C, account: OTHER_ACCOUNT }).grantTo(role));
      await expectDecisions(policies, [
        ...each(['campaign'], ALLOWED, { account: OTHER_ACCOUNT }),
        ...each(['campaign'], DENIED, { account: ACCOUNT }),
      ]);
    });

    test('a user and a group get exactly the campaign\'s KPIs', async () => {
      // GIVEN
      const stack = stackWith();
      const user = newUser(stack, 'User');
      const group = newGroup(stack, 'Group');
      const grant = new CampaignKpiGrant(stack, 'Kpis', { projectId: P, campaignId: C, kpis: [CampaignKpi.SMS_SPEND] });
      // WHEN
      grant.grantTo(user);
      grant.grantTo(group);
      // THEN
      const template = templateOf(stack);
      for (const principal of [user, group]) {
        await expectDecisions(identityPoliciesOf(template, logicalIdOf(principal)), [
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'sms-spend'), ALLOWED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), DENIED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'sms-spend'), DENIED],
        ]);
      }
    });
  });

  describe('JourneyMetricsGrant', () => {
    test('by default allows the three journey kinds of its journey and nothing next to it', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new JourneyMetricsGrant(stack, 'Journey', { projectId: P, journeyId: J }).grantTo(role));
      const journeyKinds: Kind[] = ['journey', 'journeyExecution', 'activityExecution'];
      await expectDecisions(policies, [
        ...each(journeyKinds, ALLOWED),
        ...each(['activityExecution'], ALLOWED, { a: 'any-other-activity' }),
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'emails-clicked-grouped-by-journey-activity'), ALLOWED],
        ...each(journeyKinds, DENIED, { j: J2 }),
        ...each(journeyKinds, DENIED, { p: P2 }),
        ...each(journeyKinds, DENIED, { region: OTHER_REGION }),
        ...each(journeyKinds, DENIED, { account: OTHER_ACCOUNT }),
        ...each(['application', 'campaign'], DENIED),
        [GET_REPORTS, arns.reports(), DENIED],
        ...nonAnalytics(),
      ]);
    });

    test('kpis allows exactly the KPIs named and keeps the execution metrics', async () => {
      const policies = policiesOfRoleWith((stack, role) => new JourneyMetricsGrant(stack, 'Journey', {
        projectId: P,
        journeyId: J,
        kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
      }).grantTo(role));
      await expectDecisions(policies, [
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'journey-emails-opened'), ALLOWED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'journey-emails-clicked'), DENIED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'emails-opened-grouped-by-journey-activity'), DENIED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J2, 'journey-emails-opened'), DENIED],
        ...each(['journeyExecution', 'activityExecution'], ALLOWED),
      ]);
    });

    test('activityIds allows exactly the activities named', async () => {
      const policies = policiesOfRoleWith((stack, role) => new JourneyMetricsGrant(stack, 'Journey', {
        projectId: P,
        journeyId: J,
        activityIds: [ACTIVITY],
      }).grantTo(role));
      await expectDecisions(policies, [
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P, J, ACTIVITY), ALLOWED],
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P, J, `${ACTIVITY}-2`), DENIED],
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P, J, 'reminder'), DENIED],
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P, J2, ACTIVITY), DENIED],
        ...each(['journey', 'journeyExecution'], ALLOWED),
      ]);
    });

    test.each([
      [AnalyticsMetrics.JOURNEY_KPIS, 'journey'],
      [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, 'journeyExecution'],
      [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS, 'activityExecution'],
    ] as Array<[AnalyticsMetrics, Kind]>)('metrics [%s] allows that kind of its journey and denies the other two', async (metric, kind) => {
      const policies = policiesOfRoleWith((stack, role) =>
        new JourneyMetricsGrant(stack, 'Journey', { projectId: P, journeyId: J, metrics: [metric] }).grantTo(role));
      const journeyKinds: Kind[] = ['journey', 'journeyExecution', 'activityExecution'];
      await expectDecisions(policies, [
        ...each([kind], ALLOWED),
        ...each([kind], DENIED, { j: J2 }),
        ...each(journeyKinds.filter((k) => k !== kind), DENIED),
      ]);
    });

    test('region and account allow that region and account and deny the stack\'s', async () => {
      const policies = policiesOfRoleWith((stack, role) => new JourneyMetricsGrant(stack, 'Journey', {
        projectId: P,
        journeyId: J,
        region: OTHER_REGION,
        account: OTHER_ACCOUNT,
      }).grantTo(role));
      const journeyKinds: Kind[] = ['journey', 'journeyExecution', 'activityExecution'];
      await expectDecisions(policies, [
        ...each(journeyKinds, ALLOWED, { region: OTHER_REGION, account: OTHER_ACCOUNT }),
        ...each(journeyKinds, DENIED, { region: REGION, account: OTHER_ACCOUNT }),
        ...each(journeyKinds, DENIED, { region: OTHER_REGION, account: ACCOUNT }),
      ]);
    });
  });

  describe('several grants on one principal', () => {
    const applicationKpisOfEveryProject = (stack: Stack) =>
      new PinpointAnalyticsReadPolicy(stack, 'AppKpis', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] });
    const oneCampaign = (stack: Stack) => new CampaignKpiGrant(stack, 'Campaign', { projectId: P, campaignId: C });

    /** A campaign grant beside a wildcard-project APPLICATION_KPIS policy: no other campaign becomes readable. */
    const campaignNeighbours: Expectation[] = [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), ALLOWED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'email-open-rate'), ALLOWED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'txn-sms-sent'), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate'), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C2, 'email-open-rate'), DENIED],
      [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'journey-emails-opened'), DENIED],
    ];

    test('a role with a campaign grant and an attached APPLICATION_KPIS policy for every project reads no other campaign', async () => {
      const policies = policiesOfRoleWith((stack, role) => {
        applicationKpisOfEveryProject(stack).grantTo(role);
        oneCampaign(stack).grantTo(role);
      });
      await expectDecisions(policies, campaignNeighbours);
    });

    test.each([
      ['the read policy first', false],
      ['the campaign grant first', true],
    ])('an imported role with both in its own policy (%s) reads no other campaign', async (_, campaignFirst) => {
      for (const minimizePolicies of [false, true]) {
        // GIVEN
        const stack = testStack(testApp({ ...flags.context, '@aws-cdk/aws-iam:minimizePolicies': minimizePolicies }));
        const imported = importedRole(stack, 'Existing');
        const readPolicy = applicationKpisOfEveryProject(stack);
        const campaign = oneCampaign(stack);
        // WHEN
        if (campaignFirst) {
          campaign.grantTo(imported);
          readPolicy.grantTo(imported);
        } else {
          readPolicy.grantTo(imported);
          campaign.grantTo(imported);
        }
        // THEN
        await expectDecisions(policiesOfRoleName(templateOf(stack), 'Existing'), campaignNeighbours);
      }
    });

    test('a role with five campaign grants, two journey grants and a read policy: all granted, neighbours denied, one Sid each', async () => {
      // GIVEN
      const stack = stackWith();
      const role = newRole(stack);
      const campaignIds = [1, 2, 3, 4, 5].map((n) => `c${n}`.repeat(16));
      const scopedKpis = [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.SMS_SPEND];
      // WHEN
      campaignIds.forEach((campaignId, i) => new CampaignKpiGrant(stack, `Campaign${i}`, {
        projectId: P,
        campaignId,
        // odd campaigns: two KPIs only
        kpis: i % 2 === 1 ? scopedKpis : undefined,
      }).grantTo(role));
      new JourneyMetricsGrant(stack, 'Onboarding', { projectId: P, journeyId: J }).grantTo(role);
      new JourneyMetricsGrant(stack, 'Winback', {
        projectId: P2,
        journeyId: J2,
        kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
        activityIds: [ACTIVITY],
      }).grantTo(role);
      new PinpointAnalyticsReadPolicy(stack, 'Read', {
        projectIds: [P2],
        metrics: [AnalyticsMetrics.APPLICATION_KPIS],
        includeConsoleReports: true,
      }).grantTo(role);
      // THEN the template synthesizes (with aws-cdk-lib's CloudFormation rules as errors)
      const template = templateOf(stack);
      // and every policy document has unique Sids
      for (const { name, document } of policyDocuments(template)) {
        const sids = document.Statement.map((s: any) => s.Sid).filter((sid: unknown) => sid !== undefined);
        expect({ name, sids }).toEqual({ name, sids: [...new Set(sids)] });
      }
      const policies = identityPoliciesOf(template, logicalIdOf(role));
      const sixthCampaign = 'c6'.repeat(16);
      await expectDecisions(policies, [
        // campaigns: every KPI of the even ones, two KPIs of the odd ones
        ...campaignIds.flatMap((c, i): Expectation[] => [
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, c, 'email-open-rate'), ALLOWED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, c, 'sms-spend'), ALLOWED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, c, 'unique-deliveries'), i % 2 === 1 ? DENIED : ALLOWED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, c, 'email-open-rate'), DENIED],
          [GET_CAMPAIGN_KPI, arns.campaignKpi(P, c, 'email-open-rate', OTHER_REGION), DENIED],
        ]),
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, sixthCampaign, 'email-open-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C2, 'email-open-rate'), DENIED],
        // the whole first journey
        ...each(['journey', 'journeyExecution', 'activityExecution'], ALLOWED, { j: J }),
        ...each(['journey', 'journeyExecution', 'activityExecution'], DENIED, { j: J2 }),
        // the scoped second journey
        [GET_JOURNEY_KPI, arns.journeyKpi(P2, J2, 'journey-emails-opened'), ALLOWED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P2, J2, 'journey-emails-sent'), DENIED],
        [GET_JOURNEY_EXECUTION, arns.journeyExecution(P2, J2), ALLOWED],
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P2, J2, ACTIVITY), ALLOWED],
        [GET_ACTIVITY_EXECUTION, arns.activityExecution(P2, J2, 'reminder'), DENIED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P2, J, 'journey-emails-opened'), DENIED],
        // the read policy: application KPIs of P2 only, and the console
        [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'txn-sms-sent'), ALLOWED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent'), DENIED],
        [GET_REPORTS, arns.reports(), ALLOWED],
        [GET_REPORTS, arns.reports(OTHER_REGION), DENIED],
        ...nonAnalytics({ c: campaignIds[0] }),
        ...nonAnalytics({ p: P2, j: J2 }),
      ]);
    });
  });
});

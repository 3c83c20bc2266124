/**
 * Access tests: the synthesized policies are judged by an independent IAM evaluator (`@cloud-copilot/iam-simulate`),
 * for requests that must be allowed and the nearest ones that must be denied; under aws-cdk-lib's defaults and under
 * the flags of a new app (`FLAG_SETS`), whose `@aws-cdk/aws-iam:minimizePolicies` reorders what is written but must
 * allow exactly the same.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  ACCOUNT,
  arns,
  CAMPAIGN_ID as C,
  Decision,
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
  NamedPolicy,
  newFunction,
  newGroup,
  newRole,
  newUser,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID as C2,
  OTHER_JOURNEY_ID as J2,
  OTHER_PROJECT_ID as P2,
  OTHER_REGION,
  otherArns,
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
const THIRD_REGION = 'ap-southeast-2';
const ACTIVITY = 'welcome-email';

interface Place {
  readonly p?: string;
  readonly c?: string;
  readonly j?: string;
  readonly a?: string;
  readonly region?: string;
  readonly account?: string;
}

type Kind = 'application' | 'campaign' | 'journey' | 'journeyExecution' | 'activityExecution';
const KINDS: Kind[] = ['application', 'campaign', 'journey', 'journeyExecution', 'activityExecution'];

/** One request of each analytics kind (a concrete ARN of the action's own resource type) at `place`. */
function request(kind: Kind, place: Place = {}): [string, string] {
  const { p = P, c = C, j = J, a = ACTIVITY, region = REGION, account = ACCOUNT } = place;
  switch (kind) {
    case 'application': return [GET_APPLICATION_KPI, arns.applicationKpi(p, 'email-open-rate', region, account)];
    case 'campaign': return [GET_CAMPAIGN_KPI, arns.campaignKpi(p, c, 'email-open-rate', region, account)];
    case 'journey': return [GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-opened', region, account)];
    case 'journeyExecution': return [GET_JOURNEY_EXECUTION, arns.journeyExecution(p, j, region, account)];
    case 'activityExecution': return [GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, a, region, account)];
  }
}

/** The same decision for one request of each of `kinds` at `place`. */
function each(kinds: readonly Kind[], decision: Decision, place: Place = {}): Expectation[] {
  return kinds.map((kind) => [...request(kind, place), decision]);
}

/** Actions that are not analytics, on valid ARNs of their own resource types: never granted. */
function nonAnalytics(place: Place = {}): Expectation[] {
  const { p = P, c = C, j = J, region = REGION, account = ACCOUNT } = place;
  return [
    ['mobiletargeting:GetApp', otherArns.app(p, region, account), DENIED],
    ['mobiletargeting:DeleteApp', otherArns.app(p, region, account), DENIED],
    ['mobiletargeting:GetCampaigns', otherArns.app(p, region, account), DENIED],
    ['mobiletargeting:GetCampaign', otherArns.campaign(p, c, region, account), DENIED],
    ['mobiletargeting:UpdateCampaign', otherArns.campaign(p, c, region, account), DENIED],
    ['mobiletargeting:GetJourney', otherArns.journey(p, j, region, account), DENIED],
    ['mobiletargeting:UpdateJourney', otherArns.journey(p, j, region, account), DENIED],
    ['mobiletargeting:GetJourneyRunExecutionMetrics', otherArns.journey(p, j, region, account), DENIED],
    ['mobiletargeting:GetJourneyRunExecutionActivityMetrics', otherArns.journey(p, j, region, account), DENIED],
  ];
}

/** The resolved identity policies of a role after `grant` ran on it. */
function policiesOfRole(grant: (stack: Stack, role: iam.Role) => void, context: Record<string, unknown> = {}): NamedPolicy[] {
  const stack = testStack(testApp(context));
  const role = newRole(stack);
  grant(stack, role);
  return identityPoliciesOf(templateOf(stack), logicalIdOf(role));
}

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

  describe('PinpointAnalyticsReadPolicy', () => {
    test('by default allows every kind on every project of the stack\'s region and account, nothing else', async () => {
      const policies = policiesOfRoleWith((stack, role) => new PinpointAnalyticsReadPolicy(stack, 'Read').grantTo(role));
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED),
        ...each(KINDS, ALLOWED, { p: P2, c: C2, j: J2, a: 'other-activity' }),
        ...each(KINDS, DENIED, { region: OTHER_REGION }),
        ...each(KINDS, DENIED, { account: OTHER_ACCOUNT }),
        [GET_REPORTS, arns.reports(), DENIED],
        ...nonAnalytics(),
      ]);
    });

    test('projectIds allows the projects named and denies another project', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [P] }).grantTo(role));
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED),
        ...each(KINDS, DENIED, { p: P2 }),
        ...each(KINDS, DENIED, { region: OTHER_REGION }),
        ...nonAnalytics(),
      ]);
    });

    test('regions [\'*\'] allows every region but not another account', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { regions: ['*'], projectIds: [P] }).grantTo(role));
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED),
        ...each(KINDS, ALLOWED, { region: OTHER_REGION }),
        ...each(KINDS, ALLOWED, { region: THIRD_REGION }),
        ...each(KINDS, DENIED, { account: OTHER_ACCOUNT, region: OTHER_REGION }),
        ...each(KINDS, DENIED, { p: P2, region: THIRD_REGION }),
        [GET_REPORTS, arns.reports(THIRD_REGION), DENIED],
      ]);
    });

    test('several regions allow each of them and deny a region not named', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { regions: [REGION, OTHER_REGION] }).grantTo(role));
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED),
        ...each(KINDS, ALLOWED, { region: OTHER_REGION }),
        ...each(KINDS, DENIED, { region: THIRD_REGION }),
      ]);
    });

    test('account allows that account\'s projects and denies the stack\'s own account', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { account: OTHER_ACCOUNT, includeConsoleReports: true }).grantTo(role));
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED, { account: OTHER_ACCOUNT }),
        [GET_REPORTS, arns.reports(REGION, OTHER_ACCOUNT), ALLOWED],
        ...each(KINDS, DENIED, { account: ACCOUNT }),
        [GET_REPORTS, arns.reports(REGION, ACCOUNT), DENIED],
      ]);
    });

    test.each([
      [AnalyticsMetrics.APPLICATION_KPIS, 'application'],
      [AnalyticsMetrics.CAMPAIGN_KPIS, 'campaign'],
      [AnalyticsMetrics.JOURNEY_KPIS, 'journey'],
      [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, 'journeyExecution'],
      [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS, 'activityExecution'],
    ] as Array<[AnalyticsMetrics, Kind]>)('metrics [%s] allows that kind on every project and denies the other four', async (metric, kind) => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { metrics: [metric] }).grantTo(role));
      const others = KINDS.filter((k) => k !== kind);
      await expectDecisions(policies, [
        ...each([kind], ALLOWED),
        ...each([kind], ALLOWED, { p: P2, c: C2, j: J2 }),
        ...each(others, DENIED),
        ...each(others, DENIED, { p: P2, c: C2, j: J2 }),
      ]);
    });

    test('a wildcard-project policy with only APPLICATION_KPIS does not allow any campaign\'s or journey\'s KPIs', async () => {
      // apps/*/kpis/* also matches apps/<p>/campaigns/<c>/kpis/...: it must never meet GetCampaignDateRangeKpi.
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(role));
      await expectDecisions(policies, [
        ...each(['application'], ALLOWED, { p: P2 }),
        ...each(['campaign', 'journey'], DENIED),
        ...each(['campaign', 'journey'], DENIED, { p: P2, c: C2, j: J2 }),
      ]);
    });

    test('applicationKpis allows exactly the project KPIs named, in the projects named, and keeps the other kinds whole', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', {
          projectIds: [P],
          applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.EMAIL_OPEN_RATE],
        }).grantTo(role));
      await expectDecisions(policies, [
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent'), ALLOWED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'email-open-rate'), ALLOWED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent-grouped-by-date'), DENIED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P, 'unique-deliveries'), DENIED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'txn-sms-sent'), DENIED],
        ...each(['campaign', 'journey', 'journeyExecution', 'activityExecution'], ALLOWED),
        ...each(KINDS, DENIED, { p: P2, c: C2, j: J2 }),
      ]);
    });

    test('applicationKpis on every project with only APPLICATION_KPIS does not allow a campaign KPI of the same name', async () => {
      // apps/*/kpis/daterange/email-open-rate also matches apps/<p>/campaigns/<c>/kpis/daterange/email-open-rate.
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', {
          metrics: [AnalyticsMetrics.APPLICATION_KPIS],
          applicationKpis: [ApplicationKpi.EMAIL_OPEN_RATE],
        }).grantTo(role));
      await expectDecisions(policies, [
        [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'email-open-rate'), ALLOWED],
        [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'push-open-rate'), DENIED],
        [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), DENIED],
        [GET_JOURNEY_KPI, arns.journeyKpi(P, J, 'email-open-rate'), DENIED],
      ]);
    });

    test('includeConsoleReports allows GetReports in the policy\'s region only', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [P], includeConsoleReports: true }).grantTo(role));
      await expectDecisions(policies, [
        [GET_REPORTS, arns.reports(), ALLOWED],
        [GET_REPORTS, arns.reports(OTHER_REGION), DENIED],
        [GET_REPORTS, arns.reports(REGION, OTHER_ACCOUNT), DENIED],
        ...each(KINDS, ALLOWED),
        ...nonAnalytics(),
      ]);
    });

    test('includeConsoleReports with regions [\'*\'] allows GetReports in every region', async () => {
      const policies = policiesOfRoleWith((stack, role) =>
        new PinpointAnalyticsReadPolicy(stack, 'Read', { regions: ['*'], includeConsoleReports: true }).grantTo(role));
      await expectDecisions(policies, [
        [GET_REPORTS, arns.reports(), ALLOWED],
        [GET_REPORTS, arns.reports(THIRD_REGION), ALLOWED],
        [GET_REPORTS, arns.reports(THIRD_REGION, OTHER_ACCOUNT), DENIED],
      ]);
    });

    test('a user, a group and a Lambda function\'s role get exactly the access of the policy', async () => {
      // GIVEN
      const stack = stackWith();
      const user = newUser(stack, 'User');
      const group = newGroup(stack, 'Group');
      const fn = newFunction(stack, 'Fn');
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [P], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] });
      // WHEN
      [user, group, fn].forEach((grantee) => readPolicy.grantTo(grantee));
      // THEN
      const template = templateOf(stack);
      for (const principal of [user, group, fn.role!]) {
        await expectDecisions(identityPoliciesOf(template, logicalIdOf(principal)), [
          ...each(['campaign'], ALLOWED),
          ...each(['campaign'], ALLOWED, { c: C2 }),
          ...each(['campaign'], DENIED, { p: P2 }),
          ...each(['application', 'journey'], DENIED),
        ]);
      }
    });

    test('an imported role gets the same access through statements in its own policy', async () => {
      // GIVEN
      const stack = stackWith();
      const imported = importedRole(stack, 'Existing');
      // WHEN
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [P], includeConsoleReports: true }).grantTo(imported);
      // THEN
      const policies = policiesOfRoleName(templateOf(stack), 'Existing');
      expect(policies).toHaveLength(1);
      await expectDecisions(policies, [
        ...each(KINDS, ALLOWED),
        [GET_REPORTS, arns.reports(), ALLOWED],
        ...each(KINDS, DENIED, { p: P2 }),
        ...nonAnalytics(),
      ]);
    });
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

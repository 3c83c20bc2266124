/**
 * Access tests of PinpointAnalyticsReadPolicy: the synthesized policies are judged by an independent IAM evaluator
 * (`@cloud-copilot/iam-simulate`), for requests that must be allowed and the nearest ones that must be denied; under
 * aws-cdk-lib's defaults and under the flags of a new app (`FLAG_SETS`), whose `@aws-cdk/aws-iam:minimizePolicies`
 * reorders what is written but must allow exactly the same. (The other constructs: campaign-and-journey-grants.test.ts.)
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnalyticsMetrics, ApplicationKpi, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  ANALYTICS_KINDS as KINDS,
  AnalyticsKind as Kind,
  arns,
  CAMPAIGN_ID as C,
  Decision,
  eachKind as each,
  expectDecisions,
  FLAG_SETS,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  identityPoliciesOf,
  importedRole,
  JOURNEY_ID as J,
  logicalIdOf,
  newFunction,
  newGroup,
  newUser,
  nonAnalyticsRequests as nonAnalytics,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID as C2,
  OTHER_JOURNEY_ID as J2,
  OTHER_PROJECT_ID as P2,
  OTHER_REGION,
  policiesOfGrantedRole as policiesOfRole,
  policiesOfRoleName,
  PROJECT_ID as P,
  REGION,
  templateOf,
  testApp,
  testStack,
} from '../support';

const ALLOWED: Decision = 'Allowed';
const DENIED: Decision = 'ImplicitlyDenied';
const THIRD_REGION = 'ap-southeast-2';

describe.each(FLAG_SETS)('with $name', (flags) => {
  /** A stack of an app with `flags`. */
  const stackWith = () => testStack(testApp(flags.context));
  /** `policiesOfRole` in an app with `flags`. */
  const policiesOfRoleWith = (grant: (stack: Stack, role: iam.Role) => void) => policiesOfRole(grant, flags.context);

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
});

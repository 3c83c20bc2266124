/**
 * Tokens (CfnParameter values, `CfnApp.ref`, `CfnCampaign.attrCampaignId`) are accepted as they are, without validation,
 * and end up in the ARNs: resolved with concrete values for their references, the policies allow exactly what the
 * literal values would.
 */
import { CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnalyticsMetrics,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  ACCOUNT,
  acknowledgePinpointEndOfSupport,
  arns,
  CAMPAIGN_ID as C,
  envAgnosticStack,
  Expectation,
  expectDecisions,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_REPORTS,
  identityPoliciesOf,
  JOURNEY_ID as J,
  logicalIdOf,
  NamedPolicy,
  newRole,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID as C2,
  OTHER_JOURNEY_ID as J2,
  OTHER_PROJECT_ID as P2,
  OTHER_REGION,
  pinpointCampaign,
  pinpointProject,
  PROJECT_ID as P,
  REGION,
  Substitutions,
  templateOf,
  testApp,
  testStack,
} from '../support';

const ALLOWED = 'Allowed';
const DENIED = 'ImplicitlyDenied';

/** A string parameter whose value the test supplies when resolving the template. */
function parameter(stack: Stack, id: string): string {
  return new CfnParameter(stack, id, { type: 'String' }).valueAsString;
}

function policiesOf(stack: Stack, role: iam.Role, subs: Substitutions): NamedPolicy[] {
  return identityPoliciesOf(templateOf(stack), logicalIdOf(role), subs);
}

describe('CfnParameter values', () => {
  test('CampaignKpiGrant takes project, campaign, KPI, region and account from parameters', async () => {
    // GIVEN
    const stack = testStack();
    const role = newRole(stack);
    // WHEN
    new CampaignKpiGrant(stack, 'Kpis', {
      projectId: parameter(stack, 'ProjectId'),
      campaignId: parameter(stack, 'CampaignId'),
      kpis: [CampaignKpi.of(parameter(stack, 'KpiName'))],
      region: parameter(stack, 'Region'),
      account: parameter(stack, 'Account'),
    }).grantTo(role);
    // THEN
    const policies = policiesOf(stack, role, {
      refs: { ProjectId: P, CampaignId: C, KpiName: 'email-open-rate', Region: OTHER_REGION, Account: OTHER_ACCOUNT },
    });
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', OTHER_REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'unique-deliveries', OTHER_REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate', OTHER_REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C, 'email-open-rate', OTHER_REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', OTHER_REGION, ACCOUNT), DENIED],
    ]);
  });

  test('JourneyMetricsGrant takes project, journey, KPI and activity from parameters', async () => {
    // GIVEN
    const stack = testStack();
    const role = newRole(stack);
    // WHEN
    new JourneyMetricsGrant(stack, 'Journey', {
      projectId: parameter(stack, 'ProjectId'),
      journeyId: parameter(stack, 'JourneyId'),
      kpis: [JourneyKpi.of(parameter(stack, 'KpiName'))],
      activityIds: [parameter(stack, 'ActivityId')],
    }).grantTo(role);
    // THEN
    const policies = policiesOf(stack, role, {
      refs: { ProjectId: P, JourneyId: J, KpiName: 'journey-emails-opened', ActivityId: 'welcome-email' },
    });
    await expectDecisions(policies, [
      ['mobiletargeting:GetJourneyDateRangeKpi', arns.journeyKpi(P, J, 'journey-emails-opened'), ALLOWED],
      ['mobiletargeting:GetJourneyDateRangeKpi', arns.journeyKpi(P, J, 'journey-emails-sent'), DENIED],
      ['mobiletargeting:GetJourneyExecutionMetrics', arns.journeyExecution(P, J), ALLOWED],
      ['mobiletargeting:GetJourneyExecutionMetrics', arns.journeyExecution(P, J2), DENIED],
      ['mobiletargeting:GetJourneyExecutionActivityMetrics', arns.activityExecution(P, J, 'welcome-email'), ALLOWED],
      ['mobiletargeting:GetJourneyExecutionActivityMetrics', arns.activityExecution(P, J, 'reminder'), DENIED],
    ]);
  });

  test('PinpointAnalyticsReadPolicy takes projects, regions and account from parameters', async () => {
    // GIVEN
    const stack = testStack();
    const role = newRole(stack);
    // WHEN
    new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: [parameter(stack, 'ProjectId')],
      regions: [parameter(stack, 'Region'), parameter(stack, 'SecondRegion')],
      account: parameter(stack, 'Account'),
      metrics: [AnalyticsMetrics.APPLICATION_KPIS],
      includeConsoleReports: true,
    }).grantTo(role);
    // THEN
    const policies = policiesOf(stack, role, {
      refs: { ProjectId: P, Region: REGION, SecondRegion: OTHER_REGION, Account: OTHER_ACCOUNT },
    });
    const expectations: Expectation[] = [
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent', REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent', OTHER_REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent', 'ap-southeast-2', OTHER_ACCOUNT), DENIED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'txn-sms-sent', REGION, OTHER_ACCOUNT), DENIED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent', REGION, ACCOUNT), DENIED],
      [GET_REPORTS, arns.reports(OTHER_REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_REPORTS, arns.reports(OTHER_REGION, ACCOUNT), DENIED],
    ];
    await expectDecisions(policies, expectations);
  });

  test('values that would be rejected as literals are not validated when they are tokens', () => {
    // GIVEN
    const stack = testStack();
    // A token whose value only shows at synthesis: the library cannot and does not look at it.
    const late = (value: string) => Lazy.string({ produce: () => value });
    // WHEN / THEN
    expect(() => new CampaignKpiGrant(stack, 'Kpis', {
      projectId: late('not/an id'),
      campaignId: late('*'),
      kpis: [CampaignKpi.of(late('Not_A_Kpi'))],
      region: late('*'),
      account: late('not-an-account'),
    })).not.toThrow();
    expect(() => new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: [late('')],
      regions: [late('Nowhere')],
      managedPolicyName: late('a name with spaces'),
      description: late('\u2603'),
    })).not.toThrow();
  });

  test('fails when projectIds is a list token: it cannot be split into ARNs', () => {
    // GIVEN
    const stack = testStack();
    const projects = new CfnParameter(stack, 'Projects', { type: 'CommaDelimitedList' }).valueAsList;
    // WHEN / THEN
    expect(() => new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: projects }))
      .toThrow("PinpointAnalyticsReadPolicy 'TestStack/Read': projectIds is \"<list token>\": expected a list of literal values");
    expect(stack.node.tryFindChild('Read')).toBeUndefined();
  });
});

describe('L1 Pinpoint resources', () => {
  test('CampaignKpiGrant takes CfnApp.ref and CfnCampaign.attrCampaignId, and W3696 is acknowledged', async () => {
    // GIVEN
    const app = testApp();
    acknowledgePinpointEndOfSupport(app);
    const stack = testStack(app);
    const project = pinpointProject(stack);
    const campaign = pinpointCampaign(stack, project);
    const role = newRole(stack);
    // WHEN
    new CampaignKpiGrant(stack, 'Kpis', {
      projectId: project.ref,
      campaignId: campaign.attrCampaignId,
      kpis: [CampaignKpi.EMAIL_OPEN_RATE],
    }).grantTo(role);
    // THEN the acknowledged rule is not reported
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let policies: NamedPolicy[];
    try {
      policies = policiesOf(stack, role, { refs: { 'PinpointApp': P, 'SpringSale.CampaignId': C } });
      expect(errors.mock.calls.flat().join('\n')).not.toContain('W3696');
    } finally {
      errors.mockRestore();
    }
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'sms-spend'), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate'), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P2, C, 'email-open-rate'), DENIED],
    ]);
  });

  test('CampaignKpiGrant.fromCfnCampaign in an environment-agnostic stack reads that campaign only', async () => {
    // GIVEN
    const app = testApp();
    acknowledgePinpointEndOfSupport(app);
    const stack = envAgnosticStack(app);
    const campaign = pinpointCampaign(stack, pinpointProject(stack));
    const role = newRole(stack);
    // WHEN
    CampaignKpiGrant.fromCfnCampaign(stack, 'Kpis', campaign).grantTo(role);
    // THEN
    const policies = policiesOf(stack, role, {
      partition: 'aws',
      region: OTHER_REGION,
      account: OTHER_ACCOUNT,
      refs: { 'PinpointApp': P, 'SpringSale.CampaignId': C },
    });
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', OTHER_REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'sms-spend', OTHER_REGION, OTHER_ACCOUNT), ALLOWED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C2, 'email-open-rate', OTHER_REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', REGION, OTHER_ACCOUNT), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate', OTHER_REGION, ACCOUNT), DENIED],
    ]);
  });

  test('JourneyMetricsGrant and PinpointAnalyticsReadPolicy take CfnApp.ref as the project', async () => {
    // GIVEN
    const app = testApp();
    acknowledgePinpointEndOfSupport(app);
    const stack = testStack(app);
    const project = pinpointProject(stack);
    const role = newRole(stack);
    // WHEN
    new JourneyMetricsGrant(stack, 'Journey', { projectId: project.ref, journeyId: J }).grantTo(role);
    new PinpointAnalyticsReadPolicy(stack, 'Read', {
      projectIds: [project.ref],
      metrics: [AnalyticsMetrics.APPLICATION_KPIS],
    }).grantTo(role);
    // THEN
    const policies = policiesOf(stack, role, { refs: { PinpointApp: P } });
    await expectDecisions(policies, [
      ['mobiletargeting:GetJourneyExecutionMetrics', arns.journeyExecution(P, J), ALLOWED],
      ['mobiletargeting:GetJourneyExecutionMetrics', arns.journeyExecution(P2, J), DENIED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P, 'txn-sms-sent'), ALLOWED],
      [GET_APPLICATION_KPI, arns.applicationKpi(P2, 'txn-sms-sent'), DENIED],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(P, C, 'email-open-rate'), DENIED],
    ]);
  });
});

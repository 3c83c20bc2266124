/**
 * The pieces of lib/private/grant/principal-policy.ts that the constructs' tests reach only in part: the Sids of the
 * canonical statements, and the stand-in principal handed to aws-cdk-lib's `iam.Grant` factories.
 */
import { Annotations } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DependencyGroup } from 'constructs';
import { CampaignKpiGrant, JourneyMetricsGrant } from '../../../../lib';
import { sidForActions } from '../../../../lib/private/grant/canonical';
import { RedirectingPrincipal } from '../../../../lib/private/grant/redirecting-principal';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
  JOURNEY_ID,
  mobiletargetingStatements,
  OTHER_CAMPAIGN_ID,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../../../support';

describe('sidForActions', () => {
  test('the sets the developer guide names keep its Sids, whatever the order', () => {
    expect(sidForActions([GET_CAMPAIGN_KPI])).toBe('QueryCampaignAnalytics');
    expect(sidForActions([GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION])).toBe('QueryJourneyAnalytics');
    expect(sidForActions([GET_ACTIVITY_EXECUTION, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION])).toBe('QueryJourneyAnalytics');
    expect(sidForActions([GET_REPORTS])).toBe('ViewAnalyticsConsoleReports');
  });

  test('all five analytics actions are the guide\'s QueryProjectAnalytics; with the console\'s GetReports they are spelled out', () => {
    const five = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION];
    expect(sidForActions(five)).toBe('QueryProjectAnalytics');
    expect(sidForActions([...five].reverse())).toBe('QueryProjectAnalytics');
    expect(sidForActions([...five, GET_REPORTS])).toBe('QueryApplicationDateRangeKpiCampaignDateRangeKpiJourneyDateRangeKpi' +
      'JourneyExecutionMetricsJourneyExecutionActivityMetricsReports');
  });

  test('any other set is spelled out in the guide\'s order of actions, so different sets never share a Sid', () => {
    expect(sidForActions([GET_JOURNEY_EXECUTION])).toBe('QueryJourneyExecutionMetrics');
    expect(sidForActions([GET_ACTIVITY_EXECUTION, GET_JOURNEY_KPI])).toBe('QueryJourneyDateRangeKpiJourneyExecutionActivityMetrics');
    expect(sidForActions([GET_JOURNEY_KPI, GET_ACTIVITY_EXECUTION])).toBe('QueryJourneyDateRangeKpiJourneyExecutionActivityMetrics');
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_JOURNEY_KPI])).toBe('QueryCampaignDateRangeKpiJourneyDateRangeKpi');
    // a superset of a named set is not that set
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]))
      .toBe('QueryCampaignDateRangeKpiJourneyDateRangeKpiJourneyExecutionMetricsJourneyExecutionActivityMetrics');
    // duplicates do not count
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_CAMPAIGN_KPI])).toBe('QueryCampaignAnalytics');
  });

  test('every Sid is one IAM accepts: letters and digits only, and never ends in a digit', () => {
    const actions = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION, GET_REPORTS];
    // every non-empty subset
    const subsets = actions.reduce<string[][]>((all, action) => [...all, ...all.map((s) => [...s, action])], [[]]).slice(1);
    const sids = subsets.map(sidForActions);
    for (const sid of sids) {
      expect(sid).toMatch(/^[A-Za-z0-9]*[A-Za-z]$/);
    }
    expect(new Set(sids).size).toBe(subsets.length);
  });
});

describe('RedirectingPrincipal', () => {
  function standIn() {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const received: iam.PolicyStatement[] = [];
    const dependable = new DependencyGroup();
    return { stack, role, received, dependable, principal: new RedirectingPrincipal(role, (s) => received.push(s), dependable) };
  }

  test('presents as the principal it stands in for', () => {
    const { stack, role, principal } = standIn();
    expect(principal.grantPrincipal).toBe(principal);
    expect(principal.assumeRoleAction).toBe(role.assumeRoleAction);
    expect(principal.principalAccount).toBe(ACCOUNT);
    expect(stack.resolve(principal.policyFragment.principalJson)).toEqual(stack.resolve(role.policyFragment.principalJson));
  });

  test('hands every statement over instead of adding it to the principal, and reports it added', () => {
    const { role, received, dependable, principal } = standIn();
    const first = new iam.PolicyStatement({ actions: [GET_CAMPAIGN_KPI], resources: ['*'] });
    const second = new iam.PolicyStatement({ actions: [GET_JOURNEY_KPI], resources: ['*'] });

    expect(principal.addToPrincipalPolicy(first)).toEqual({ statementAdded: true, policyDependable: dependable });
    expect(principal.addToPolicy(second)).toBe(true);

    expect(received).toEqual([first, second]);
    expect(role.node.tryFindChild('DefaultPolicy')).toBeUndefined();
  });
});

describe('the principal\'s canonical statements', () => {
  test('are added to the principal once, however many constructs the aspect visits and however often the app synthesizes', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const added = jest.spyOn(role, 'addToPrincipalPolicy');
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'Other', { projectId: PROJECT_ID, campaignId: OTHER_CAMPAIGN_ID }).grantTo(role);
    new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(role);

    Annotations.fromStack(stack);
    const statements = mobiletargetingStatements(templateOf(stack));

    expect(statements.map((s) => s.Sid)).toEqual(['QueryCampaignAnalytics', 'QueryJourneyAnalytics']);
    expect(added).toHaveBeenCalledTimes(statements.length);
  });
});

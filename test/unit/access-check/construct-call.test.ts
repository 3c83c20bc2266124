/**
 * The construct call a finding's fix suggests: the construct of this library that grants the statement's analytics.
 */
import { matchActions } from '../../../lib/private/access-check/action-patterns';
import { renderValue } from '../../../lib/private/access-check/cfn-values';
import { constructCallFor } from '../../../lib/private/access-check/construct-call';
import { ACCOUNT, CAMPAIGN_ID, JOURNEY_ID, OTHER_REGION, PROJECT_ID, REGION } from '../../support';

const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
const ENV = { account: ACCOUNT, region: REGION };

/** Grants of `action` on `resources`, as a statement's analysis has them. */
const grant = (action: string, ...resources: unknown[]) =>
  ({ action: matchActions([`mobiletargeting:${action}`], false)[0], resources: resources.map(renderValue) });

describe('constructCallFor', () => {
  test('the KPIs of one campaign: CampaignKpiGrant, with the KPIs when each resource names one', () => {
    expect(constructCallFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*`)], ENV))
      .toBe(`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`);
    expect(constructCallFor([grant('GetCampaignDateRangeKpi',
      `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
      `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/sms-spend`)], ENV))
      .toBe(`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
        "kpis: [CampaignKpi.of('email-open-rate'), CampaignKpi.of('sms-spend')] }).grantTo(grantee)");
  });

  test('the metrics of one journey: JourneyMetricsGrant, with the kinds when not all three; region and account when not the stack\'s', () => {
    expect(constructCallFor([
      grant('GetJourneyExecutionMetrics', `arn:aws:mobiletargeting:${OTHER_REGION}:210987654321:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`),
    ], ENV)).toBe(`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
      `metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], region: '${OTHER_REGION}', account: '210987654321' }).grantTo(grantee)`);
    const all = ['GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics']
      .map((action) => grant(action, `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`));
    expect(constructCallFor(all, ENV))
      .toBe(`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}' }).grantTo(grantee)`);
  });

  test('whole projects: PinpointAnalyticsReadPolicy with the projects, regions, account and kinds', () => {
    expect(constructCallFor([
      grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/p2/*`),
      grant('GetReports', `${ARN}:reports`),
    ], ENV)).toBe("new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { " +
      `regions: ['${REGION}', '${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], includeConsoleReports: true }).grantTo(grantee)`);
    expect(constructCallFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `${ARN}:apps/p2/*`)], ENV))
      .toBe(`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}', 'p2'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`);
  });

  test('everything: every project, every region, all five kinds', () => {
    const five = ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics',
      'GetJourneyExecutionActivityMetrics'].map((action) => grant(action, '*'));
    expect(constructCallFor(five, ENV)).toBe("new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['*'] }).grantTo(grantee)");
    const fiveOfTheStack = five.map((g) => ({ ...g, resources: [renderValue(`${ARN}:apps/*`)] }));
    expect(constructCallFor(fiveOfTheStack, ENV)).toBe("new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics').grantTo(grantee)");
    expect(constructCallFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/*`)], {}))
      .toBe(`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${REGION}'], account: '${ACCOUNT}', ` +
        'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)');
    expect(constructCallFor([grant('GetCampaignDateRangeKpi', `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*`)], ENV))
      .toBe(`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], regions: ['*'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`);
  });

  test('tokens: the stack\'s own region and account are left out, others shown as tokens to replace', () => {
    const arn = (project: unknown) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':',
        { Ref: 'AWS::AccountId' }, ':apps/', project, '/*']],
    });
    expect(constructCallFor([grant('GetApplicationDateRangeKpi', arn({ Ref: 'Project' }))], {}))
      .toBe("new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: [<token ${Project}>], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)");
    expect(constructCallFor([grant('GetCampaignDateRangeKpi', { 'Fn::Sub': `arn:aws:mobiletargeting:\${Region}:${ACCOUNT}:apps/\${Project}/campaigns/c1/*` })], ENV))
      .toBe("new CampaignKpiGrant(this, 'CampaignKpis', { projectId: <token ${Project}>, campaignId: 'c1', region: <token ${Region}> }).grantTo(grantee)");
  });

  test('only the console reports: name the action', () => {
    expect(constructCallFor([grant('GetReports', '*')], ENV))
      .toBe('name the action mobiletargeting:GetReports on arn:<partition>:mobiletargeting:<region>:<account>:reports');
  });
});

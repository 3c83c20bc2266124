/**
 * The construct call a finding's fix suggests: the construct of this library that grants the statement's analytics.
 */
import { replacementFor } from '../../../../../lib/private/access-check/rules/construct-call';
import { matchActions } from '../../../../../lib/private/access-check/statements/action-patterns';
import { renderValue } from '../../../../../lib/private/access-check/values/cfn-values';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  JOURNEY_ID,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  PINPOINT_ARN as ARN,
} from '../../../../support';

describe('construct-call.ts', () => {
  const ENV = { account: ACCOUNT, region: REGION };

  /** Grants of `action` on `resources`, as a statement's analysis has them. */
  const grant = (action: string, ...resources: unknown[]) =>
    ({ action: matchActions([`mobiletargeting:${action}`], false)[0], resources: resources.map((r) => renderValue(r)) });
  const callsFor = (grants: ReturnType<typeof grant>[], env: { account?: string; region?: string } = ENV) => replacementFor(grants, env).calls;

  describe('replacementFor', () => {
    test('the KPIs of one campaign: CampaignKpiGrant, with the KPIs when each resource names one', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`]);
      expect(callsFor([grant('GetCampaignDateRangeKpi',
        `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
        `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/sms-spend`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate'), CampaignKpi.of('sms-spend')] }).grantTo(grantee)"]);
    });

    test('a campaign or journey of every project, or of every region: the placeholders for its one project and region', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/campaigns/${CAMPAIGN_ID}/kpis/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '<project of campaign ${CAMPAIGN_ID}>', ` +
          `campaignId: '${CAMPAIGN_ID}', region: '<region of the project>' }).grantTo(grantee)`]);
      expect(callsFor([grant('GetJourneyExecutionMetrics', `${ARN}:apps/*/journeys/${JOURNEY_ID}/execution-metrics`)]))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '<project of journey ${JOURNEY_ID}>', journeyId: '${JOURNEY_ID}', ` +
          'metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }).grantTo(grantee)']);
    });

    test('the metrics of one journey: JourneyMetricsGrant, with the kinds when not all three; region and account when not the stack\'s', () => {
      expect(callsFor([
        grant('GetJourneyExecutionMetrics', `arn:aws:mobiletargeting:${OTHER_REGION}:210987654321:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`),
      ])).toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
        `metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], region: '${OTHER_REGION}', account: '210987654321' }).grantTo(grantee)`]);
      const all = ['GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics']
        .map((action) => grant(action, `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`));
      expect(callsFor(all))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}' }).grantTo(grantee)`]);
      expect(callsFor([
        grant('GetJourneyDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/daterange/journey-emails-opened`),
        grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/a1/execution-metrics`),
      ])).toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
        "metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS], kpis: [JourneyKpi.of('journey-emails-opened')], " +
        "activityIds: ['a1'] }).grantTo(grantee)"]);
    });

    test('whole projects: PinpointAnalyticsReadPolicy, one call per region unless the projects are alike, the console reports with it', () => {
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/p2/*`),
        grant('GetReports', `${ARN}:reports`),
      ])).toEqual([
        `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          'includeConsoleReports: true }).grantTo(grantee)',
        `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['p2'], regions: ['${OTHER_REGION}'], ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)',
      ]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `${ARN}:apps/p2/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}', 'p2'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`]);
      // Different kinds on different projects are not merged: the read policy would grant each kind on both.
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`), grant('GetApplicationDateRangeKpi', `${ARN}:apps/p2/*`)]))
        .toEqual([
          `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`,
          "new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['p2'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)",
        ]);
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          "applicationKpis: [ApplicationKpi.of('email-open-rate')] }).grantTo(grantee)"]);
    });

    test('everything: every project, in every region where the statement says so, else the stack\'s', () => {
      const five = ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics',
        'GetJourneyExecutionActivityMetrics'].map((action) => grant(action, '*'));
      // "*" is every region and account: the stack's are narrower.
      expect(callsFor(five)).toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics').grantTo(grantee)"]);
      const everyRegion = five.map((g) => ({ ...g, resources: [renderValue(`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*`)] }));
      expect(callsFor(everyRegion)).toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['*'] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/*`)], {}))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${REGION}'], account: '${ACCOUNT}', ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)']);
    });

    test('without the stack\'s region, projects of it and of another region are placed by their regions', () => {
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:\${AWS::Region}:${ACCOUNT}:apps/${PROJECT_ID}/*`.replace('${AWS::Region}', REGION)),
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`),
      ], { account: ACCOUNT })).toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], ` +
        `regions: ['${REGION}', '${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', { 'Fn::Sub': `arn:aws:mobiletargeting:\${AWS::Region}:${ACCOUNT}:apps/${PROJECT_ID}/*` }),
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`),
      ], { account: ACCOUNT })).toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], ` +
        `regions: ['<stack region>', '${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
    });

    test('every account is narrowed to the stack\'s, which no construct call can be broader than', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `arn:aws:mobiletargeting:${REGION}:*:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`]);
    });

    test('each campaign is a call of its own, and the console reports of each region a resource of their own', () => {
      expect(replacementFor([
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`, `${ARN}:apps/${PROJECT_ID}/campaigns/${OTHER_CAMPAIGN_ID}/kpis/*`),
        grant('GetReports', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:reports`, `arn:aws:mobiletargeting:ap-southeast-2:${ACCOUNT}:reports`),
      ], ENV)).toEqual({
        calls: [
          `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`,
          `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${OTHER_CAMPAIGN_ID}' }).grantTo(grantee)`,
        ],
        uncovered: [],
        reports: [
          `arn:<partition>:mobiletargeting:${OTHER_REGION}:<stack account>:reports`,
          'arn:<partition>:mobiletargeting:ap-southeast-2:<stack account>:reports',
        ],
      });
    });

    test('every campaign or journey of a project: PinpointAnalyticsReadPolicy of the project, with the kind', () => {
      expect(callsFor([grant('GetJourneyExecutionMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/*/execution-metrics`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }).grantTo(grantee)`]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`]);
    });

    test('a wildcard for the KPI or the activity names every one: no KPIs or activities are listed', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`]);
      expect(callsFor([grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/*/execution-metrics`)]))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
          'metrics: [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS] }).grantTo(grantee)']);
    });

    test('a wildcard in place of `daterange` still names the KPI: that KPI, not every one', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/*/email-open-rate`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          "applicationKpis: [ApplicationKpi.of('email-open-rate')] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/date?ange/sms-spend`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('sms-spend')] }).grantTo(grantee)"]);
    });

    test('a last segment without wildcards names the KPI, even after a `*` spanning segments: `apps/*/campaigns` is one KPI, not every one', () => {
      // `apps/*/campaigns` matches only the KPI `campaigns` of each campaign: no construct grants it without every other KPI.
      expect(replacementFor([
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/*/campaigns`, `${ARN}:apps/${PROJECT_ID}/campaigns/*/email-open-rate`),
        grant('GetJourneyDateRangeKpi', `${ARN}:apps/*/journeys`),
      ], ENV)).toEqual({
        calls: [],
        uncovered: [
          `mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:apps/*/campaigns`,
          `mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:apps/${PROJECT_ID}/campaigns/*/email-open-rate`,
          `mobiletargeting:GetJourneyDateRangeKpi on ${ARN}:apps/*/journeys`,
        ],
        reports: [],
      });
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*/email-open-rate`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate')] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/*/email-open-rate`)]))
        .toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS], " +
          "applicationKpis: [ApplicationKpi.of('email-open-rate')] }).grantTo(grantee)"]);
      // An ARN of the other kinds ends in `execution-metrics`, which is no KPI.
      expect(callsFor([grant('GetJourneyExecutionMetrics', `${ARN}:apps/${PROJECT_ID}/*/execution-metrics`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }).grantTo(grantee)`]);
    });

    test('a field or segment that holds a wildcard but is not `*` names some of its values, which no construct names: uncovered', () => {
      const partial = [
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:us-*:${ACCOUNT}:apps/${PROJECT_ID}/*`,
          `arn:aws:mobiletargeting:${REGION}:2109*:apps/${PROJECT_ID}/*`, `${ARN}:apps/a1*`, `${ARN}:apps/a1*/kpis/*`),
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/f0*/kpis/*`),
        grant('GetJourneyExecutionMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID.slice(0, -1)}?/execution-metrics`),
        grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/a?/execution-metrics`),
        grant('GetReports', `arn:aws:mobiletargeting:us-?ast-1:${ACCOUNT}:reports`, `arn:aws:mobiletargeting:${REGION}:1234*:*`),
      ];
      expect(replacementFor(partial, ENV)).toEqual({
        calls: [],
        uncovered: partial.flatMap((g) => g.resources.map((r) => `${g.action.action} on ${r.text}`)),
        reports: [],
      });
      // A wildcard in a segment that names nothing is read as before: `exec*` stands for `execution-metrics`.
      expect(callsFor([grant('GetJourneyExecutionMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/exec*`)]))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
          'metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }).grantTo(grantee)']);
    });

    test('a segment is read at the one place it can stand; one that may stand at several places is uncovered, not every value', () => {
      // The `*` stands for `journeys`, `activities`, or `campaigns` and more: the IDs after it are where the ARN's words put them.
      expect(callsFor([
        grant('GetJourneyExecutionMetrics', `${ARN}:apps/${PROJECT_ID}/*/${JOURNEY_ID}/execution-metrics`),
        grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*/a1/execution-metrics`),
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*/${CAMPAIGN_ID}/*`, `${ARN}:apps/*/${CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
          `${ARN}:apps/${PROJECT_ID}/*/c123/*`, `${ARN}:apps/${PROJECT_ID}/campaigns/${OTHER_CAMPAIGN_ID}/k*e/email-open-rate`),
      ])).toEqual([
        `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`,
        `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '<project of campaign ${CAMPAIGN_ID}>', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate')] }).grantTo(grantee)",
        // `c123` is as long as `kpis`, but is not it: the campaign.
        `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: 'c123' }).grantTo(grantee)`,
        // `k*e` stands for `kpis/daterange`, words only: the campaign and the KPI are read.
        `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${OTHER_CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate')] }).grantTo(grantee)",
        `new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
          "metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS], activityIds: ['a1'] }).grantTo(grantee)",
      ]);
      // `j1` may be the journey or the activity, `kpis` the campaign or the word; `x1` fits no place; `*-rate` spans the
      // KPI; a `?` that stands for a `/` is not read as one.
      const unplaced = [
        grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/*/j1/*`, `${ARN}:apps/${PROJECT_ID}/journeys/*/x1/execution-metrics`),
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*/kpis/*`),
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*-rate`,
          `${ARN}:apps/${PROJECT_ID}?campaigns/${CAMPAIGN_ID}/kpis/daterange/email-open-rate`),
      ];
      expect(replacementFor(unplaced, ENV)).toEqual({
        calls: [],
        uncovered: unplaced.flatMap((g) => g.resources.map((r) => `${g.action.action} on ${r.text}`)),
        reports: [],
      });
    });

    test('a KPI with wildcards is each KPI of its class it matches; uncovered where it matches none, or may span segments', () => {
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rat?`),
        grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*/email-*`),
        grant('GetJourneyDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/daterange/journey-emails-*bounced`),
      ])).toEqual([
        `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate'), CampaignKpi.of('email-open-rate-grouped-by-campaign-activity')] }).grantTo(grantee)",
        `new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', metrics: [AnalyticsMetrics.JOURNEY_KPIS], ` +
          "kpis: [JourneyKpi.of('journey-emails-hardbounced'), JourneyKpi.of('journey-emails-softbounced')] }).grantTo(grantee)",
        `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          "applicationKpis: [ApplicationKpi.of('email-open-rate')] }).grantTo(grantee)",
      ]);
      // No KPI of the class (`.` is no wildcard); fewer segments than the ARN, so that a wildcard stands for a `/` too (not read).
      const none = [`${ARN}:apps/${PROJECT_ID}/kpis/daterange/foo-*`, `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email.open-*`];
      const spanning = `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*-rate`;
      expect(replacementFor([grant('GetApplicationDateRangeKpi', ...none), grant('GetCampaignDateRangeKpi', spanning)], ENV)).toEqual({
        calls: [],
        uncovered: [...none.map((r) => `mobiletargeting:GetApplicationDateRangeKpi on ${r}`), `mobiletargeting:GetCampaignDateRangeKpi on ${spanning}`],
        reports: [],
      });
    });

    test('KPIs of one project named by resources of their own: one read policy with each of them', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi',
        `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`, `${ARN}:apps/${PROJECT_ID}/kpis/daterange/sms-spend`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          "applicationKpis: [ApplicationKpi.of('email-open-rate'), ApplicationKpi.of('sms-spend')] }).grantTo(grantee)"]);
    });

    test('projects in order of their IDs; every project with one of them named is every project, in each region', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/${OTHER_PROJECT_ID}/*`, `${ARN}:apps/${PROJECT_ID}/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}', '${OTHER_PROJECT_ID}'], ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)']);
      expect(callsFor([grant('GetApplicationDateRangeKpi',
        `${ARN}:apps/*`, `${ARN}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${REGION}', '${OTHER_REGION}'], ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)']);
    });

    test('the console reports go with a read policy only in its regions and account; the others are named', () => {
      expect(replacementFor([
        grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`),
        grant('GetReports', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:reports`, `arn:aws:mobiletargeting:${REGION}:${OTHER_ACCOUNT}:reports`),
      ], ENV)).toEqual({
        calls: [`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`],
        uncovered: [],
        reports: [
          `arn:<partition>:mobiletargeting:${OTHER_REGION}:<stack account>:reports`,
          `arn:<partition>:mobiletargeting:<stack region>:${OTHER_ACCOUNT}:reports`,
        ],
      });
    });

    test('an ARN without its resource part (`arn:aws:mobiletargeting:*`) names no project: every project', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi', 'arn:aws:mobiletargeting:*')]))
        .toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)"]);
    });

    test('a wildcard for `arn` or for the fields after it names what it stands for; one for `apps` is uncovered', () => {
      const base = `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}`;
      expect(replacementFor([
        grant('GetJourneyExecutionMetrics', `*:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/*`),
        grant('GetJourneyDateRangeKpi', `${base}:*`),
        grant('GetReports', `${base}:*`),
        // What a wildcard stands for is not read: for the resource type `apps` (which IAM does not match), within it, or spanning fields.
        grant('GetApplicationDateRangeKpi', `${ARN}:*/kpis/daterange/email-open-rate`, `${ARN}:*-rate`, 'arn:*:email-open-rate'),
        grant('GetCampaignDateRangeKpi', `${ARN}:*/campaigns/${CAMPAIGN_ID}/kpis/*`),
        grant('GetReports', 'arn:*:reports'),
      ], ENV)).toEqual({
        calls: [`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${OTHER_REGION}'], ` +
          'metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], includeConsoleReports: true }).grantTo(grantee)'],
        uncovered: [
          `mobiletargeting:GetApplicationDateRangeKpi on ${ARN}:*/kpis/daterange/email-open-rate`,
          `mobiletargeting:GetApplicationDateRangeKpi on ${ARN}:*-rate`,
          'mobiletargeting:GetApplicationDateRangeKpi on arn:*:email-open-rate',
          `mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:*/campaigns/${CAMPAIGN_ID}/kpis/*`,
          'mobiletargeting:GetReports on arn:*:reports',
        ],
        reports: [],
      });
    });

    test('an ARN cut short by a last `*` names its region when it has one; a wildcard or a last field that is not `*` names nothing', () => {
      expect(callsFor([grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:${OTHER_REGION}:*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
      const short = [`arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`, 'arn:*:mobiletargeting:*', 'arm:aws:mobiletargeting:*',
        `arn:aws:mobiletargeting:${REGION}:${ACCOUNT.slice(0, 4)}*`];
      expect(replacementFor([grant('GetApplicationDateRangeKpi', ...short)], ENV)).toEqual({
        calls: [],
        uncovered: short.map((resource) => `mobiletargeting:GetApplicationDateRangeKpi on ${resource}`),
        reports: [],
      });
    });

    test('a resource that is no ARN (a typo for `arn`) names nothing it could grant: uncovered, not every project', () => {
      expect(replacementFor([grant('GetApplicationDateRangeKpi', `arm:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/*`)], ENV)).toEqual({
        calls: [],
        uncovered: [`mobiletargeting:GetApplicationDateRangeKpi on arm:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/*`],
        reports: [],
      });
    });

    test('a resource that matches no ARN of the action names nothing, however it reads: uncovered, not a project or a KPI', () => {
      // statements.ts leaves such a resource out (`mayApplyTo`); called directly, each is still read as naming nothing.
      const none = [
        // A missing segment, a `/` before `apps`, an empty region: no ARN of the action has them.
        `${ARN}:apps`, `${ARN}:/apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting::${ACCOUNT}:apps/${PROJECT_ID}/*`, 'arn:aws:mobiletargeting::*',
        // A literal where `arn` or `daterange` stands, a regular expression character among them (`.` is not any character).
        `a.n:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/*`, `${ARN}:apps/${PROJECT_ID}/kpis/foo/email-open-rate`,
        `${ARN}:apps/${PROJECT_ID}/kpis/d.terange/email-open-rate`,
        // A KPI path of the wrong length, a KPI name with a `:`.
        `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate/v2`, `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate:v2`,
      ];
      expect(replacementFor([grant('GetApplicationDateRangeKpi', ...none)], ENV)).toEqual({
        calls: [],
        uncovered: none.map((resource) => `mobiletargeting:GetApplicationDateRangeKpi on ${resource}`),
        reports: [],
      });
    });

    test('a resource known only at deploy time, or with a token where a word of the ARN stands (`daterange`), names nothing: uncovered', () => {
      // A token is read as an ID (a project, a KPI), never as a word of the ARN: as statements.ts reads it.
      const tokens = [`${ARN}:apps/${PROJECT_ID}/kpis/\${Range}/email-open-rate`, `\${Arn}${ARN.slice('arn'.length)}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`];
      expect(replacementFor([grant('GetApplicationDateRangeKpi', ...tokens.map((arn) => ({ 'Fn::Sub': arn })))], ENV)).toEqual({
        calls: [],
        uncovered: tokens.map((resource) => `mobiletargeting:GetApplicationDateRangeKpi on ${resource}`),
        reports: [],
      });
    });

    test('tokens: the stack\'s own region and account are left out, others shown as tokens to replace', () => {
      const arn = (project: unknown) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':',
          { Ref: 'AWS::AccountId' }, ':apps/', project, '/*']],
      });
      expect(callsFor([grant('GetApplicationDateRangeKpi', arn({ Ref: 'Project' }))], {}))
        .toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: [<token ${Project}>], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', { 'Fn::Sub': `arn:aws:mobiletargeting:\${Region}:${ACCOUNT}:apps/\${Project}/campaigns/c1/*` })]))
        .toEqual(["new CampaignKpiGrant(this, 'CampaignKpis', { projectId: <token ${Project}>, campaignId: 'c1', region: <token ${Region}> }).grantTo(grantee)"]);
      // A placeholder is a string to replace, even where it names a token.
      expect(callsFor([grant('GetCampaignDateRangeKpi', { 'Fn::Sub': `${ARN}:apps/*/campaigns/\${CampaignId}/kpis/*` })]))
        .toEqual(["new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '<project of campaign ${CampaignId}>', campaignId: <token ${CampaignId}> }).grantTo(grantee)"]);
    });

    test('what no construct grants as narrowly is named, not replaced by something broader; console reports alone are named', () => {
      expect(replacementFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate`)], ENV))
        .toEqual({ calls: [], uncovered: [`mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate`], reports: [] });
      expect(replacementFor([grant('GetReports', '*')], ENV)).toEqual({ calls: [], uncovered: [], reports: ['arn:<partition>:mobiletargeting:<stack region>:<stack account>:reports'] });
      expect(replacementFor([grant('GetReports', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:reports`)], ENV).reports)
        .toEqual([`arn:<partition>:mobiletargeting:${OTHER_REGION}:<stack account>:reports`]);
    });
  });

  describe('replacementFor with NotResource', () => {
    const allBut = (notResource: unknown, env: { account?: string; region?: string } = ENV) =>
      replacementFor([grant('GetApplicationDateRangeKpi', notResource)], env, true);
    const everyProject = {
      calls: ["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)"],
      uncovered: [],
      reports: [],
    };
    const excluded = (text: string) => ({
      calls: [],
      uncovered: [`mobiletargeting:GetApplicationDateRangeKpi on every resource but NotResource ${text}`],
      reports: [],
    });

    test('one of another region or account excludes nothing of the stack\'s: every project of the stack', () => {
      expect(allBut(`arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`)).toEqual(everyProject);
      expect(allBut(`arn:aws:mobiletargeting:${REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`)).toEqual(everyProject);
    });

    test('one of the stack\'s region and account, or of a region or account the stack does not name, may exclude: uncovered', () => {
      expect(allBut(`${ARN}:apps/${PROJECT_ID}/*`)).toEqual(excluded(`${ARN}:apps/${PROJECT_ID}/*`));
      expect(allBut(`arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`, { account: ACCOUNT }))
        .toEqual(excluded(`arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`));
      expect(allBut(`arn:aws:mobiletargeting:${REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`, { region: REGION }))
        .toEqual(excluded(`arn:aws:mobiletargeting:${REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`));
    });

    test('a region or account that is a wildcard or a token, or a resource known only at deploy time, may be the stack\'s: uncovered', () => {
      expect(allBut(`arn:aws:mobiletargeting:*:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`))
        .toEqual(excluded(`arn:aws:mobiletargeting:*:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`));
      expect(allBut({ 'Fn::Sub': `arn:aws:mobiletargeting:\${Region}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*` }))
        .toEqual(excluded(`arn:aws:mobiletargeting:\${Region}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/*`));
      expect(allBut({ Ref: 'Excluded' })).toEqual(excluded('${Excluded}'));
    });
  });
});

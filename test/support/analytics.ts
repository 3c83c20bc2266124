/**
 * Amazon Pinpoint analytics as the tests spell it, never taken from `lib/`: the six actions the library may grant,
 * concrete ARNs for requests to the evaluator, ARNs of Pinpoint resources that are not analytics, and ARNs as a
 * template holds them.
 */
import { ACCOUNT, REGION } from './app';

/** The six actions this library may grant, spelled as in the Service Authorization Reference. */
export const GET_APPLICATION_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';
export const GET_CAMPAIGN_KPI = 'mobiletargeting:GetCampaignDateRangeKpi';
export const GET_JOURNEY_KPI = 'mobiletargeting:GetJourneyDateRangeKpi';
export const GET_JOURNEY_EXECUTION = 'mobiletargeting:GetJourneyExecutionMetrics';
export const GET_ACTIVITY_EXECUTION = 'mobiletargeting:GetJourneyExecutionActivityMetrics';
export const GET_REPORTS = 'mobiletargeting:GetReports';

/** `arn:aws:mobiletargeting:<region>:<account>:<resource>`, as a stack with an explicit environment synthesizes it. */
export function mobiletargetingArn(resource: string, region = REGION, account = ACCOUNT): string {
  return `arn:aws:mobiletargeting:${region}:${account}:${resource}`;
}

/** The `Fn::Join` of an ARN in an environment-agnostic stack: partition, region and account from pseudo parameters. */
export function agnosticArn(resource: string): unknown {
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
      `:${resource}`,
    ]],
  };
}

/** Concrete Pinpoint analytics ARNs, for requests. */
export const arns = {
  applicationKpi: (p: string, kpi: string, region = REGION, account = ACCOUNT) =>
    mobiletargetingArn(`apps/${p}/kpis/daterange/${kpi}`, region, account),
  campaignKpi: (p: string, c: string, kpi: string, region = REGION, account = ACCOUNT) =>
    mobiletargetingArn(`apps/${p}/campaigns/${c}/kpis/daterange/${kpi}`, region, account),
  journeyKpi: (p: string, j: string, kpi: string, region = REGION, account = ACCOUNT) =>
    mobiletargetingArn(`apps/${p}/journeys/${j}/kpis/daterange/${kpi}`, region, account),
  journeyExecution: (p: string, j: string, region = REGION, account = ACCOUNT) =>
    mobiletargetingArn(`apps/${p}/journeys/${j}/execution-metrics`, region, account),
  activityExecution: (p: string, j: string, a: string, region = REGION, account = ACCOUNT) =>
    mobiletargetingArn(`apps/${p}/journeys/${j}/activities/${a}/execution-metrics`, region, account),
  reports: (region = REGION, account = ACCOUNT) => mobiletargetingArn('reports', region, account),
};

/** ARNs of Pinpoint resources that are not analytics, for actions of their own resource type. */
export const otherArns = {
  /** resource type `app` (GetApp, DeleteApp, GetCampaigns, ...) */
  app: (p: string, region = REGION, account = ACCOUNT) => mobiletargetingArn(`apps/${p}`, region, account),
  /** resource type `campaign` (GetCampaign, UpdateCampaign, ...) */
  campaign: (p: string, c: string, region = REGION, account = ACCOUNT) => mobiletargetingArn(`apps/${p}/campaigns/${c}`, region, account),
  /** resource type `journey` (GetJourney, UpdateJourney, GetJourneyRunExecutionMetrics, ...) */
  journey: (p: string, j: string, region = REGION, account = ACCOUNT) => mobiletargetingArn(`apps/${p}/journeys/${j}`, region, account),
};

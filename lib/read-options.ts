import { AnalyticsMetrics } from './analytics-metrics';
import { ApplicationKpi } from './application-kpi';
import { CampaignKpi } from './campaign-kpi';
import { JourneyKpi } from './journey-kpi';

/**
 * What of a project's analytics can be read: the options of `PinpointAnalyticsGrants.readAnalytics`, and the same
 * props of `PinpointAnalyticsReadPolicy`.
 */
export interface ReadAnalyticsOptions {
  /**
   * The kinds of analytics data that can be read: each adds its one action on its resources (see `AnalyticsMetrics`).
   *
   * @default - all five kinds
   */
  readonly metrics?: AnalyticsMetrics[];

  /**
   * The project KPIs that can be read with `mobiletargeting:GetApplicationDateRangeKpi`; each becomes the resource
   * `apps/<project>/kpis/daterange/<name>`. Requires `AnalyticsMetrics.APPLICATION_KPIS` in `metrics` (the default
   * includes it). Campaign and journey KPIs are not narrowed by this.
   *
   * @default - every project KPI (`apps/<project>/kpis/*`)
   */
  readonly applicationKpis?: ApplicationKpi[];

  /**
   * Also allow viewing analytics on the Amazon Pinpoint console: adds `mobiletargeting:GetReports` on
   * `arn:<partition>:mobiletargeting:<region>:<account>:reports` for each region, in a second statement.
   *
   * @default false
   */
  readonly includeConsoleReports?: boolean;
}

/**
 * What of a campaign's KPIs can be read: the options of `PinpointAnalyticsGrants.readCampaignKpis`, and the same props
 * of `CampaignKpiGrant`.
 */
export interface ReadCampaignKpisOptions {
  /**
   * The KPIs that can be read. Each becomes the resource `.../kpis/daterange/<name>`: that KPI and no other.
   *
   * @default - every KPI of the campaign (`.../kpis/*`)
   */
  readonly kpis?: CampaignKpi[];
}

/**
 * What of a journey's metrics can be read: the options of `PinpointAnalyticsGrants.readJourneyMetrics`, and the same
 * props of `JourneyMetricsGrant`.
 */
export interface ReadJourneyMetricsOptions {
  /**
   * The kinds of journey data that can be read: `JOURNEY_KPIS`, `JOURNEY_EXECUTION_METRICS` and
   * `JOURNEY_ACTIVITY_EXECUTION_METRICS` only, each its one action on this journey's resources (see `AnalyticsMetrics`).
   *
   * @default - all three journey kinds
   */
  readonly metrics?: AnalyticsMetrics[];

  /**
   * The engagement KPIs that can be read. Each becomes the resource `.../kpis/daterange/<name>`: that KPI and no other.
   * Requires `AnalyticsMetrics.JOURNEY_KPIS` in `metrics`.
   *
   * @default - every engagement KPI of the journey (`.../kpis/*`)
   */
  readonly kpis?: JourneyKpi[];

  /**
   * The journey activities whose execution metrics can be read (the keys of the journey's activity map). Each becomes
   * the resource `.../activities/<activityId>/execution-metrics`. Requires
   * `AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS` in `metrics`.
   *
   * @default - every activity of the journey (`.../activities/<any>/execution-metrics`)
   */
  readonly activityIds?: string[];
}

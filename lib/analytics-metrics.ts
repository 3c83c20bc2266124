/**
 * The kinds of Amazon Pinpoint analytics data, one per analytics action and resource type.
 *
 * Each member grants exactly one action, on the resource shown: in `PinpointAnalyticsReadPolicy`, `<campaignId>`,
 * `<journeyId>` and `<activityId>` are the wildcard `*` (every campaign, journey or activity of the project); in
 * `JourneyMetricsGrant`, only the three journey kinds are accepted, and `<journeyId>` is that journey. Every resource
 * is `arn:<partition>:mobiletargeting:<region>:<account>:` followed by the path shown.
 */
export enum AnalyticsMetrics {
  /**
   * Project (application) KPIs.
   *
   * Grants `mobiletargeting:GetApplicationDateRangeKpi` on `apps/<projectId>/kpis/*`.
   */
  APPLICATION_KPIS = 'APPLICATION_KPIS',

  /**
   * Campaign KPIs.
   *
   * Grants `mobiletargeting:GetCampaignDateRangeKpi` on `apps/<projectId>/campaigns/<campaignId>/kpis/*`.
   */
  CAMPAIGN_KPIS = 'CAMPAIGN_KPIS',

  /**
   * Journey engagement KPIs.
   *
   * Grants `mobiletargeting:GetJourneyDateRangeKpi` on `apps/<projectId>/journeys/<journeyId>/kpis/*`.
   */
  JOURNEY_KPIS = 'JOURNEY_KPIS',

  /**
   * Journey execution metrics.
   *
   * Grants `mobiletargeting:GetJourneyExecutionMetrics` on `apps/<projectId>/journeys/<journeyId>/execution-metrics`.
   */
  JOURNEY_EXECUTION_METRICS = 'JOURNEY_EXECUTION_METRICS',

  /**
   * Journey activity execution metrics.
   *
   * Grants `mobiletargeting:GetJourneyExecutionActivityMetrics` on
   * `apps/<projectId>/journeys/<journeyId>/activities/<activityId>/execution-metrics`.
   */
  JOURNEY_ACTIVITY_EXECUTION_METRICS = 'JOURNEY_ACTIVITY_EXECUTION_METRICS',
}

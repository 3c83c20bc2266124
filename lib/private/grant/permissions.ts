/**
 * Validated values to permissions: the actions and resource ARNs each kind of access grants, ARNs from the stack's
 * `formatArn` (`analytics.ts`).
 */
import { IConstruct } from 'constructs';
import { CampaignRequest, JourneyRequest, ProjectAnalyticsRequest } from './requests';
import { AnalyticsMetrics } from '../../analytics-metrics';
import { appsArn, GET_CAMPAIGN_DATE_RANGE_KPI, GET_REPORTS, ACTION_OF_METRIC, metricPath, reportsArn } from '../analytics';
import { managedPolicySid, Permission, Statement } from './canonical';

/**
 * The statements of a project's analytics, in the order of the developer guide's examples: for each kind of metric,
 * location and project, its resources; the console's reports in a statement of their own.
 */
export function projectAnalyticsStatements(scope: IConstruct, access: ProjectAnalyticsRequest): Statement[] {
  // Only project KPIs can be narrowed to names; every other kind reads all of its KPIs.
  const kpiNames = (metric: AnalyticsMetrics) => metric === AnalyticsMetrics.APPLICATION_KPIS && access.applicationKpis
    ? access.applicationKpis
    : [undefined];
  const actions = access.metrics.map((metric) => ACTION_OF_METRIC[metric]);
  const statements: Statement[] = [{
    sid: managedPolicySid(actions, access.everyProject),
    actions,
    resources: access.metrics.flatMap((metric) => access.locations.flatMap((location) => access.projects.flatMap((projectId) =>
      kpiNames(metric).map((kpiName) => appsArn(scope, location, metricPath(metric, { projectId, kpiName })))))),
  }];
  if (access.consoleReports) {
    statements.push({
      sid: managedPolicySid([GET_REPORTS], access.everyProject),
      actions: [GET_REPORTS],
      resources: access.locations.map((location) => reportsArn(scope, location)),
    });
  }
  return statements;
}

/** `GetCampaignDateRangeKpi` on the campaign's KPIs. */
export function campaignPermissions(scope: IConstruct, access: CampaignRequest): Permission[] {
  return [{
    actions: [GET_CAMPAIGN_DATE_RANGE_KPI],
    resources: (access.kpis ?? [undefined]).map((kpiName) => appsArn(scope, access.location,
      metricPath(AnalyticsMetrics.CAMPAIGN_KPIS, { projectId: access.projectId, childId: access.campaignId, kpiName }))),
  }];
}

/** The actions of the selected kinds on the journey's resources, in one statement. */
export function journeyPermissions(scope: IConstruct, access: JourneyRequest): Permission[] {
  const ids = { projectId: access.projectId, childId: access.journeyId };
  const paths = (metric: AnalyticsMetrics): string[] => {
    switch (metric) {
      case AnalyticsMetrics.JOURNEY_KPIS:
        return (access.kpis ?? [undefined]).map((kpiName) => metricPath(metric, { ...ids, kpiName }));
      case AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS:
        return (access.activityIds ?? [undefined]).map((activityId) => metricPath(metric, { ...ids, activityId }));
      default:
        return [metricPath(metric, ids)];
    }
  };
  return [{
    actions: access.metrics.map((metric) => ACTION_OF_METRIC[metric]),
    resources: access.metrics.flatMap(paths).map((path) => appsArn(scope, access.location, path)),
  }];
}

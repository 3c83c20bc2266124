/**
 * Props to validated values: what access a construct or a Grants method asks for, checked before anything is created.
 *
 * One function per kind of access, shared by the construct and the `PinpointAnalyticsGrants` method that grant it, so
 * both accept and refuse exactly the same input with the same messages (only the subject and, where the Grants class
 * takes a value from the app reference, the property's name differ).
 */
import { AnalyticsMetrics } from '../../analytics-metrics';
import { ReadAnalyticsOptions, ReadCampaignKpisOptions, ReadJourneyMetricsOptions } from '../../read-options';
import { ALL_METRICS, JOURNEY_METRICS } from '../analytics';
import { Location, unique, uniqueBy } from '../collections';
import { APPLICATION_KPI_CLASS, CAMPAIGN_KPI_CLASS, JOURNEY_KPI_CLASS, PropsValidator } from './validation';

/** An example of a real Pinpoint ID, for messages. */
const EXAMPLE_ID = '"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"';

/** Where the user's values come from, when not from props of the same name (the Grants class: the app reference). */
export interface PropertyLabels {
  readonly projectId?: string;
  readonly region?: string;
  readonly account?: string;
}

/** The analytics of whole projects (`PinpointAnalyticsReadPolicy`, `PinpointAnalyticsGrants.readAnalytics`). */
export interface ProjectAnalyticsRequest {
  /** Project IDs, or `['*']` for every project. */
  readonly projects: readonly string[];
  readonly everyProject: boolean;
  readonly locations: readonly Location[];
  readonly metrics: readonly AnalyticsMetrics[];
  /** KPI names of `APPLICATION_KPIS`, or `undefined` for every KPI. */
  readonly applicationKpis?: readonly string[];
  readonly consoleReports: boolean;
}

export interface ProjectAnalyticsInput extends ReadAnalyticsOptions {
  readonly projectIds?: string[];
  readonly regions?: string[];
  readonly account?: string;
}

export interface AppAnalyticsInput extends ReadAnalyticsOptions, Location {
  readonly projectId: string;
}

export function projectAnalyticsRequest(validator: PropsValidator, props: ProjectAnalyticsInput): ProjectAnalyticsRequest {
  const input = validator.object('props', props, 'expected a PinpointAnalyticsReadPolicyProps object, or nothing');
  const projectIds = validator.list('projectIds', input.projectIds,
    { example: `[${EXAMPLE_ID}]`, whenOmitted: 'omit projectIds to read every project' },
    (property, projectId) => validator.id(property, projectId, 'project', 'Omit projectIds to read every project.'));
  const regions = validator.list('regions', input.regions,
    { example: '["eu-west-1"], or ["*"] for every region', whenOmitted: "omit regions for the stack's region, or use ['*'] for every region" },
    (property, region) => validator.region(property, region, true));
  if (regions && regions.length > 1 && regions.includes('*')) {
    validator.fail('regions', regions, "expected either ['*'] for every region or a list of region names, not both");
  }
  const account = validator.account('account', input.account);
  return projectAnalytics(validator, input, projectIds, (regions ?? [undefined]).map((region) => ({ region, account })));
}

/** One project's analytics in one region and account, which the app reference names (`PinpointAnalyticsGrants`). */
export function appAnalyticsRequest(validator: PropsValidator, input: AppAnalyticsInput, names: Required<PropertyLabels>): ProjectAnalyticsRequest {
  const projectId = validator.id(names.projectId, input.projectId, 'project', 'To read every project, use PinpointAnalyticsReadPolicy.');
  return projectAnalytics(validator, input, [projectId], [location(validator, input, names)]);
}

function projectAnalytics(validator: PropsValidator, input: ProjectAnalyticsInput, projectIds: readonly string[] | undefined,
  locations: Location[]): ProjectAnalyticsRequest {
  const metrics = validator.metrics('metrics', input.metrics, ALL_METRICS, 'omit metrics to read every kind');
  const applicationKpis = validator.list('applicationKpis', input.applicationKpis,
    { example: '[ApplicationKpi.TXN_SMS_SENT]', whenOmitted: 'omit applicationKpis to read every project KPI' },
    (property, kpi) => validator.kpi(property, kpi, APPLICATION_KPI_CLASS));
  validator.requires('applicationKpis', applicationKpis?.map((kpi) => kpi.name), metrics, AnalyticsMetrics.APPLICATION_KPIS, 'project KPIs');
  return {
    projects: unique(projectIds ?? ['*']),
    everyProject: projectIds === undefined,
    locations: uniqueBy(locations, (l) => l.region),
    metrics,
    applicationKpis: applicationKpis && unique(applicationKpis.map((kpi) => kpi.name)),
    consoleReports: validator.flag('includeConsoleReports', input.includeConsoleReports) ?? false,
  };
}

/** The KPIs of one campaign (`CampaignKpiGrant`, `PinpointAnalyticsGrants.readCampaignKpis`). */
export interface CampaignRequest {
  readonly projectId: string;
  readonly campaignId: string;
  /** KPI names, or `undefined` for every KPI. */
  readonly kpis?: readonly string[];
  readonly location: Location;
}

export interface CampaignInput extends ReadCampaignKpisOptions, Location {
  readonly projectId: string;
  readonly campaignId: string;
}

export function campaignRequest(validator: PropsValidator, props: CampaignInput, names: PropertyLabels = {}): CampaignRequest {
  const input = validator.object('props', props, 'expected a CampaignKpiGrantProps object with projectId and campaignId');
  const projectId = validator.id(names.projectId ?? 'projectId', input.projectId, 'project', 'To read every project, use PinpointAnalyticsReadPolicy.');
  const campaignId = validator.id('campaignId', input.campaignId, 'campaign',
    `To read every campaign, use PinpointAnalyticsReadPolicy with metrics: [AnalyticsMetrics.${AnalyticsMetrics.CAMPAIGN_KPIS}].`);
  const kpis = validator.list('kpis', input.kpis,
    { example: '[CampaignKpi.EMAIL_OPEN_RATE]', whenOmitted: 'omit kpis to read every KPI of the campaign' },
    (property, kpi) => validator.kpi(property, kpi, CAMPAIGN_KPI_CLASS));
  return {
    projectId,
    campaignId,
    kpis: kpis && unique(kpis.map((kpi) => kpi.name)),
    location: location(validator, input, names),
  };
}

/** The metrics of one journey (`JourneyMetricsGrant`, `PinpointAnalyticsGrants.readJourneyMetrics`). */
export interface JourneyRequest {
  readonly projectId: string;
  readonly journeyId: string;
  readonly metrics: readonly AnalyticsMetrics[];
  /** KPI names of `JOURNEY_KPIS`, or `undefined` for every KPI. */
  readonly kpis?: readonly string[];
  /** Activity IDs of `JOURNEY_ACTIVITY_EXECUTION_METRICS`, or `undefined` for every activity. */
  readonly activityIds?: readonly string[];
  readonly location: Location;
}

export interface JourneyInput extends ReadJourneyMetricsOptions, Location {
  readonly projectId: string;
  readonly journeyId: string;
}

export function journeyRequest(validator: PropsValidator, props: JourneyInput, names: PropertyLabels = {}): JourneyRequest {
  const input = validator.object('props', props, 'expected a JourneyMetricsGrantProps object with projectId and journeyId');
  const projectId = validator.id(names.projectId ?? 'projectId', input.projectId, 'project', 'To read every project, use PinpointAnalyticsReadPolicy.');
  const journeyId = validator.id('journeyId', input.journeyId, 'journey', 'To read every journey, use PinpointAnalyticsReadPolicy with ' +
    `metrics: [${JOURNEY_METRICS.map((m) => `AnalyticsMetrics.${m}`).join(', ')}].`);
  const metrics = validator.metrics('metrics', input.metrics, JOURNEY_METRICS, 'omit metrics to read all three journey kinds');
  const kpis = validator.list('kpis', input.kpis,
    { example: '[JourneyKpi.JOURNEY_EMAILS_OPENED]', whenOmitted: 'omit kpis to read every engagement KPI of the journey' },
    (property, kpi) => validator.kpi(property, kpi, JOURNEY_KPI_CLASS));
  validator.requires('kpis', kpis?.map((kpi) => kpi.name), metrics, AnalyticsMetrics.JOURNEY_KPIS, 'engagement KPIs');
  const activityIds = validator.list('activityIds', input.activityIds,
    { example: '["welcome-email"]', whenOmitted: 'omit activityIds to read every activity' },
    (property, activityId) => validator.id(property, activityId, 'journey activity', 'Omit activityIds to read every activity of the journey.'));
  validator.requires('activityIds', activityIds, metrics, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS, 'activity execution metrics');
  return {
    projectId,
    journeyId,
    metrics,
    kpis: kpis && unique(kpis.map((kpi) => kpi.name)),
    activityIds: activityIds && unique(activityIds),
    location: location(validator, input, names),
  };
}

/**
 * The options of a `PinpointAnalyticsGrants` method (`typeName`, such as `ReadCampaignKpisOptions`): an object (the
 * method's default when omitted).
 */
export function grantsOptions<T extends object>(validator: PropsValidator, options: T, typeName: string): T {
  return validator.object('options', options, `expected a ${typeName} object, or nothing`);
}

/** A single region (no wildcard) and account. */
function location(validator: PropsValidator, input: Location, names: PropertyLabels): Location {
  return {
    region: validator.region(names.region ?? 'region', input.region, false),
    account: validator.account(names.account ?? 'account', input.account),
  };
}

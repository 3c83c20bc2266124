import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AnalyticsMetrics } from './analytics-metrics';
import { JourneyKpi } from './journey-kpi';
import { IPinpointAnalyticsGrant } from './pinpoint-analytics-grant';
import { journeyAccess } from './private/access';
import { canonicalStatements, Permission } from './private/canonical';
import { journeyPermissions } from './private/permissions';
import { resourceForm } from './private/policy-size';
import { grantStatements, toPolicyStatements } from './private/principal-policy';
import { PropsValidator } from './private/validation';

/**
 * Properties of a `JourneyMetricsGrant`.
 */
export interface JourneyMetricsGrantProps {
  /**
   * The ID of the Amazon Pinpoint project (application) of the journey, such as `project.appRef.appId` of a `CfnApp`.
   *
   * A single project: a wildcard is not accepted.
   */
  readonly projectId: string;

  /**
   * The ID of the journey.
   *
   * A single journey: a wildcard is not accepted. To read every journey, use `PinpointAnalyticsReadPolicy` with the
   * journey kinds of `AnalyticsMetrics`.
   */
  readonly journeyId: string;

  /**
   * The kinds of journey data that can be read: `JOURNEY_KPIS`, `JOURNEY_EXECUTION_METRICS` and
   * `JOURNEY_ACTIVITY_EXECUTION_METRICS` only.
   *
   * Each kind adds its one action (listed on the class) and its resources.
   *
   * @default - all three journey kinds: `mobiletargeting:GetJourneyDateRangeKpi`,
   * `mobiletargeting:GetJourneyExecutionMetrics` and `mobiletargeting:GetJourneyExecutionActivityMetrics`
   */
  readonly metrics?: AnalyticsMetrics[];

  /**
   * The engagement KPIs that can be read.
   *
   * Each becomes the resource `.../kpis/daterange/<name>`: that KPI and no other. Requires
   * `AnalyticsMetrics.JOURNEY_KPIS` in `metrics`.
   *
   * @default - every engagement KPI of the journey (`.../kpis/*`)
   */
  readonly kpis?: JourneyKpi[];

  /**
   * The journey activities whose execution metrics can be read (the keys of the journey's activity map).
   *
   * Each becomes the resource `.../activities/<activityId>/execution-metrics`. Requires
   * `AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS` in `metrics`.
   *
   * @default - every activity of the journey (`.../activities/<any>/execution-metrics`)
   */
  readonly activityIds?: string[];

  /**
   * The AWS Region of the project. A single region: `*` is not accepted.
   *
   * @default - the stack's region
   */
  readonly region?: string;

  /**
   * The AWS account that owns the project.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * Read access to the engagement KPIs and execution metrics of one Amazon Pinpoint journey.
 *
 * `grantTo` grants, in one statement, for each selected kind of metric (by default all three):
 *
 * - `mobiletargeting:GetJourneyDateRangeKpi` on `apps/<projectId>/journeys/<journeyId>/kpis/*`
 *   (or `.../kpis/daterange/<name>` for each of `kpis`)
 * - `mobiletargeting:GetJourneyExecutionMetrics` on `apps/<projectId>/journeys/<journeyId>/execution-metrics`
 * - `mobiletargeting:GetJourneyExecutionActivityMetrics` on
 *   `apps/<projectId>/journeys/<journeyId>/activities/<any>/execution-metrics` (or `activities/<activityId>/...` for
 *   each of `activityIds`)
 *
 * Each resource is `arn:<partition>:mobiletargeting:<region>:<account>:` followed by the path shown; `<any>` is the
 * IAM wildcard `*` (every activity of the journey). Nothing else: no other journey, project, region, account or
 * action. The construct creates no resource of its own; the statement goes into the grantee's policy. Its Sid names
 * its actions: `QueryJourneyAnalytics` for all three, otherwise the actions spelled out (`QueryJourneyExecutionMetrics`).
 *
 * @example
 *
 * import * as iam from 'aws-cdk-lib/aws-iam';
 * import { JourneyMetricsGrant } from 'cdk-pinpoint-analytics-grants';
 *
 * declare const analystGroup: iam.Group;
 *
 * new JourneyMetricsGrant(this, 'OnboardingJourney', {
 *   projectId: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
 *   journeyId: '0123456789abcdef0123456789abcdef',
 * }).grantTo(analystGroup);
 */
export class JourneyMetricsGrant extends Construct implements IPinpointAnalyticsGrant {
  private readonly permissions: Permission[];

  /**
   * Read access to one journey's metrics. Nothing is granted until `grantTo`.
   *
   * Fails synthesis, before anything is created, when an ID, KPI name, region or account is malformed, or when `kpis`
   * or `activityIds` is given without its kind of metric; tokens are accepted as they are.
   *
   * @param scope the scope of the new construct
   * @param id the id of the new construct
   * @param props the project and journey, and optionally the metrics, KPIs, activities, region and account
   */
  constructor(scope: Construct, id: string, props: JourneyMetricsGrantProps) {
    const access = journeyAccess(PropsValidator.forConstruct('JourneyMetricsGrant', scope, id), props);

    super(scope, id);

    this.permissions = journeyPermissions(this, access);
  }

  /**
   * Grants this journey's selected metrics (the actions and resources listed on the class) to `grantee`, in its own
   * policy, merged with its other grants of this library (see the README, "Several grants on one principal").
   *
   * @param grantee the principal to grant to
   * @returns the grant. Its `success` is aws-cdk-lib's: the principal's own answer, so `true` also for an immutable
   * imported role, which drops the statements, and `false` for a principal that takes no statements. Where nothing
   * reaches a policy of this app, this construct carries a warning naming the principal
   * (`cdk-pinpoint-analytics-grants:nothingGranted`).
   */
  public grantTo(grantee: iam.IGrantable): iam.Grant {
    return grantStatements(this, grantee, this.permissions);
  }

  /**
   * The statement `grantTo` gives a role of this app for this construct alone, as new `iam.PolicyStatement` objects:
   * the actions and resources listed on the class, sorted, with the Sid named there (several statements, `Sid2`, ...,
   * only when one would not fit a managed policy). For documents of your own (a permissions boundary, a review;
   * `PinpointAnalyticsStatements.merge` for several grants); changing them changes nothing here.
   */
  public toPolicyStatements(): iam.PolicyStatement[] {
    return toPolicyStatements(canonicalStatements(this.permissions, (arn) => resourceForm(this, arn)));
  }
}

import { Construct } from 'constructs';
import { PinpointAnalyticsGrantBase } from './pinpoint-analytics-grant-base';
import { deliverStatements } from './private/grant/delivery';
import { journeyPermissions } from './private/grant/permissions';
import { journeyRequest } from './private/grant/requests';
import { PropsValidator } from './private/grant/validation';
import { ReadJourneyMetricsOptions } from './read-options';

/**
 * Properties of a `JourneyMetricsGrant`.
 */
export interface JourneyMetricsGrantProps extends ReadJourneyMetricsOptions {
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
   * The AWS Region of the project. A single region: `*` is not accepted.
   *
   * @default - the stack's region
   */
  readonly region?: string;

  /**
   * The AWS account that owns the project.
   *
   * Amazon Pinpoint has no resource-based policies, so only a principal whose policies are in this account can read the
   * project's analytics: `grantTo` a principal of another account gives a warning
   * (`cdk-pinpoint-analytics-grants:otherAccount`).
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * Read access to the engagement KPIs and execution metrics of one Amazon Pinpoint journey.
 *
 * One statement in the grantee's policy (no resource of its own) with each selected kind of `AnalyticsMetrics` (its
 * one action on this journey's resources): all KPIs or those in `kpis`, all activities or those in `activityIds`.
 * Nothing else: no other journey, project, region, account or action. Its Sid is `QueryJourneyAnalytics` for all three
 * kinds; for fewer it names the actions (`QueryJourneyExecutionMetrics`). Where another statement of the grantee's
 * policy already has that Sid, this one takes the next free name (`QueryJourneyAnalytics2`, ...).
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
export class JourneyMetricsGrant extends PinpointAnalyticsGrantBase {
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
    const validator = PropsValidator.forConstruct('JourneyMetricsGrant', scope, id);
    const access = journeyRequest(validator, props);

    super(scope, id);

    validator.annotate(this);
    this._delivery = deliverStatements(journeyPermissions(this, access), (grantee) => {
      validator.grantee(grantee);
      validator.otherAccount(this, grantee, access.location.account);
    });
  }
}

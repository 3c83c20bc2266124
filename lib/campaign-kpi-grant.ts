import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { Construct } from 'constructs';
import { CampaignKpi } from './campaign-kpi';
import { IPinpointAnalyticsGrant } from './pinpoint-analytics-grant';
import { campaignAccess } from './private/access';
import { canonicalStatements, Permission } from './private/canonical';
import { campaignPermissions } from './private/permissions';
import { resourceForm } from './private/policy-size';
import { grantStatements, toPolicyStatements } from './private/principal-policy';
import { PropsValidator } from './private/validation';

/**
 * Options of a `CampaignKpiGrant` for a campaign that is already known (`CampaignKpiGrant.fromCfnCampaign`).
 */
export interface CampaignKpiGrantOptions {
  /**
   * The KPIs that can be read.
   *
   * Each becomes the resource `.../kpis/daterange/<name>`: that KPI and no other.
   *
   * @default - every KPI of the campaign (`.../kpis/*`)
   */
  readonly kpis?: CampaignKpi[];

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
 * Properties of a `CampaignKpiGrant`.
 */
export interface CampaignKpiGrantProps extends CampaignKpiGrantOptions {
  /**
   * The ID of the Amazon Pinpoint project (application) of the campaign, such as `project.appRef.appId` of a `CfnApp`.
   *
   * A single project: a wildcard is not accepted.
   */
  readonly projectId: string;

  /**
   * The ID of the campaign, such as `campaign.campaignRef.campaignId` of a `CfnCampaign`.
   *
   * A single campaign: a wildcard is not accepted. To read every campaign, use `PinpointAnalyticsReadPolicy` with
   * `metrics: [AnalyticsMetrics.CAMPAIGN_KPIS]`.
   */
  readonly campaignId: string;
}

/**
 * Read access to the KPIs of one Amazon Pinpoint campaign.
 *
 * `grantTo` grants `mobiletargeting:GetCampaignDateRangeKpi` on
 * `arn:<partition>:mobiletargeting:<region>:<account>:apps/<projectId>/campaigns/<campaignId>/kpis/*`, or, with `kpis`,
 * on `.../kpis/daterange/<name>` for each KPI. Nothing else: no other campaign, project, region, account or action.
 * The construct creates no resource of its own; the statement (Sid `QueryCampaignAnalytics`) goes into the grantee's
 * policy.
 *
 * @example
 *
 * import * as lambda from 'aws-cdk-lib/aws-lambda';
 * import { CampaignKpi, CampaignKpiGrant } from 'cdk-pinpoint-analytics-grants';
 *
 * declare const reportingFunction: lambda.Function;
 *
 * new CampaignKpiGrant(this, 'SpringSaleKpis', {
 *   projectId: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
 *   campaignId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
 *   kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
 * }).grantTo(reportingFunction);
 */
export class CampaignKpiGrant extends Construct implements IPinpointAnalyticsGrant {
  /**
   * Read access to the KPIs of a campaign defined in this app as an L1 `AWS::Pinpoint::Campaign`: its project is the
   * campaign's `applicationId` and its ID the campaign's `attrCampaignId` (tokens resolved at deploy time).
   *
   * `grantTo` then grants `mobiletargeting:GetCampaignDateRangeKpi` on that campaign's KPIs, exactly as on the class.
   *
   * @param scope the scope of the new construct
   * @param id the id of the new construct
   * @param campaign the campaign whose KPIs can be read
   * @param options the KPIs, region and account
   */
  public static fromCfnCampaign(
    scope: Construct,
    id: string,
    campaign: pinpoint.CfnCampaign,
    options: CampaignKpiGrantOptions = {},
  ): CampaignKpiGrant {
    return new CampaignKpiGrant(scope, id, {
      ...options,
      projectId: campaign.applicationId,
      campaignId: campaign.attrCampaignId,
    });
  }

  private readonly permissions: Permission[];

  /**
   * Read access to one campaign's KPIs. Nothing is granted until `grantTo`.
   *
   * Fails synthesis, before anything is created, when an ID, KPI name, region or account is malformed; tokens are
   * accepted as they are.
   *
   * @param scope the scope of the new construct
   * @param id the id of the new construct
   * @param props the project and campaign, and optionally the KPIs, region and account
   */
  constructor(scope: Construct, id: string, props: CampaignKpiGrantProps) {
    const access = campaignAccess(PropsValidator.forConstruct('CampaignKpiGrant', scope, id), props);

    super(scope, id);

    this.permissions = campaignPermissions(this, access);
  }

  /**
   * Grants `mobiletargeting:GetCampaignDateRangeKpi` on this campaign's KPIs (all, or those in `kpis`) to `grantee`,
   * in its own policy, merged with its other grants of this library (see the README, "Several grants on one principal").
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
   * The statement `grantTo` gives a role of this app for this construct alone, as a new `iam.PolicyStatement`: Sid
   * `QueryCampaignAnalytics`, `mobiletargeting:GetCampaignDateRangeKpi` on this campaign's KPIs, sorted. For documents
   * of your own (a permissions boundary, a review; `PinpointAnalyticsStatements.merge` for several grants); changing it
   * changes nothing here.
   */
  public toPolicyStatements(): iam.PolicyStatement[] {
    return toPolicyStatements(canonicalStatements(this.permissions, (arn) => resourceForm(this, arn)));
  }
}

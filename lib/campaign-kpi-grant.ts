import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { Construct } from 'constructs';
import { PinpointAnalyticsGrantBase } from './pinpoint-analytics-grant-base';
import { deliverStatements } from './private/grant/delivery';
import { campaignPermissions } from './private/grant/permissions';
import { campaignRequest } from './private/grant/requests';
import { PropsValidator } from './private/grant/validation';
import { ReadCampaignKpisOptions } from './read-options';

/**
 * Options of a `CampaignKpiGrant` for a campaign that is already known (`CampaignKpiGrant.fromCfnCampaign`).
 */
export interface CampaignKpiGrantOptions extends ReadCampaignKpisOptions {
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
 * One statement in the grantee's policy (no resource of its own), Sid `QueryCampaignAnalytics`:
 * `mobiletargeting:GetCampaignDateRangeKpi` on `apps/<projectId>/campaigns/<campaignId>/kpis/*`, or on
 * `.../kpis/daterange/<name>` for each of `kpis`. Nothing else: no other campaign, project, region, account or action.
 * Where another statement of the grantee's policy already has that Sid, this one takes the next free name
 * (`QueryCampaignAnalytics2`, ...), so no Sid is repeated.
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
export class CampaignKpiGrant extends PinpointAnalyticsGrantBase {
  /**
   * Read access to the KPIs of a campaign defined in this app as an L1 `AWS::Pinpoint::Campaign`: its project is the
   * campaign's `applicationId` and its ID the campaign's `attrCampaignId` (tokens resolved at deploy time).
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
    const validator = PropsValidator.forConstruct('CampaignKpiGrant', scope, id);
    const access = campaignRequest(validator, props);

    super(scope, id);

    validator.annotate(this);
    this._delivery = deliverStatements(campaignPermissions(this, access), (grantee) => {
      validator.grantee(grantee);
      validator.otherAccount(this, grantee, access.location.account);
    });
  }
}

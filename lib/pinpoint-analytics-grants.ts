import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { appAnalyticsAccess, campaignAccess, journeyAccess, PropertyNames } from './private/access';
import { campaignPermissions, journeyPermissions, projectAnalyticsStatements } from './private/permissions';
import { statementsAccess } from './private/principal-policy';
import { PropsValidator } from './private/validation';
import { ReadAnalyticsOptions, ReadCampaignKpisOptions, ReadJourneyMetricsOptions } from './read-options';

/**
 * Read access to the analytics of one Amazon Pinpoint project (application), in the shape of aws-cdk-lib's Grants
 * classes: one method per kind of access, each returning an `iam.Grant`.
 *
 * The project is an `AWS::Pinpoint::App` reference: a `CfnApp` of this app, or one imported with `CfnApp.fromAppId` or
 * `CfnApp.fromAppArn`. ARNs take its ID (`app.appRef.appId`), its region and account (`app.env`: the stack's, or the
 * ARN's for `fromAppArn`) and the stack's partition. Each method grants exactly what the matching construct grants
 * (`PinpointAnalyticsReadPolicy`, `CampaignKpiGrant`, `JourneyMetricsGrant`): the same actions, resources and Sids,
 * merged into the grantee's policy the same way, after the same validation. No resource of its own is created: the
 * statements go into the grantee's policy.
 *
 * @example
 *
 * import * as iam from 'aws-cdk-lib/aws-iam';
 * import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
 * import { CampaignKpi, PinpointAnalyticsGrants } from 'cdk-pinpoint-analytics-grants';
 *
 * declare const project: pinpoint.CfnApp;
 * declare const campaign: pinpoint.CfnCampaign;
 * declare const dashboardRole: iam.Role;
 *
 * const analytics = PinpointAnalyticsGrants.fromApp(project);
 * analytics.readCampaignKpis(dashboardRole, campaign.campaignRef.campaignId, { kpis: [CampaignKpi.EMAIL_OPEN_RATE] });
 */
export class PinpointAnalyticsGrants {
  /**
   * The Grants of the project `app`.
   *
   * @param app the project: a `CfnApp`, or `CfnApp.fromAppId` / `CfnApp.fromAppArn`
   */
  public static fromApp(app: pinpoint.IAppRef): PinpointAnalyticsGrants {
    return new PinpointAnalyticsGrants(app);
  }

  private readonly names: Required<PropertyNames> = {
    projectId: 'app.appRef.appId',
    region: 'app.env.region',
    account: 'app.env.account',
  };

  private constructor(private readonly app: pinpoint.IAppRef) {}

  /**
   * Grants the project's analytics to `grantee`, in its own policy: what a `PinpointAnalyticsReadPolicy` with this
   * project, region and account and the same options grants (by default the five analytics actions on every kind of
   * metric of the project).
   *
   * @param grantee the principal to grant to
   * @param options the kinds of metric, project KPIs and console reports
   */
  public readAnalytics(grantee: iam.IGrantable, options: ReadAnalyticsOptions = {}): iam.Grant {
    const access = appAnalyticsAccess(this.check('readAnalytics'), { ...options, ...this.project() }, this.names);
    return statementsAccess(projectAnalyticsStatements(this.app, access)).grantTo(this.app, grantee);
  }

  /**
   * Grants `mobiletargeting:GetCampaignDateRangeKpi` on the KPIs of one campaign of the project to `grantee`, in its
   * own policy: what a `CampaignKpiGrant` grants.
   *
   * @param grantee the principal to grant to
   * @param campaignId the campaign's ID, such as `campaign.campaignRef.campaignId` of a `CfnCampaign`
   * @param options the KPIs
   */
  public readCampaignKpis(grantee: iam.IGrantable, campaignId: string, options: ReadCampaignKpisOptions = {}): iam.Grant {
    const access = campaignAccess(this.check('readCampaignKpis'), { ...options, ...this.project(), campaignId }, this.names);
    return statementsAccess(campaignPermissions(this.app, access)).grantTo(this.app, grantee);
  }

  /**
   * Grants the metrics of one journey of the project to `grantee`, in its own policy: what a `JourneyMetricsGrant`
   * grants (by default `mobiletargeting:GetJourneyDateRangeKpi`, `mobiletargeting:GetJourneyExecutionMetrics` and
   * `mobiletargeting:GetJourneyExecutionActivityMetrics`).
   *
   * @param grantee the principal to grant to
   * @param journeyId the journey's ID
   * @param options the kinds of metric, KPIs and activities
   */
  public readJourneyMetrics(grantee: iam.IGrantable, journeyId: string, options: ReadJourneyMetricsOptions = {}): iam.Grant {
    const access = journeyAccess(this.check('readJourneyMetrics'), { ...options, ...this.project(), journeyId }, this.names);
    return statementsAccess(journeyPermissions(this.app, access)).grantTo(this.app, grantee);
  }

  private check(method: string): PropsValidator {
    return PropsValidator.forGrants(method, this.app);
  }

  /** The project's ID, region and account, from the reference. */
  private project() {
    return { projectId: this.app.appRef.appId, region: this.app.env.region, account: this.app.env.account };
  }
}

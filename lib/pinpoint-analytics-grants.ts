import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { Permission } from './private/grant/canonical';
import { deliverStatements } from './private/grant/delivery';
import { campaignPermissions, journeyPermissions, projectAnalyticsStatements } from './private/grant/permissions';
import { appAnalyticsRequest, campaignRequest, grantsOptions, journeyRequest, PropertyLabels } from './private/grant/requests';
import { PropsValidator } from './private/grant/validation';
import { ReadAnalyticsOptions, ReadCampaignKpisOptions, ReadJourneyMetricsOptions } from './read-options';

/**
 * Read access to the analytics of one Amazon Pinpoint project (application), in the shape of aws-cdk-lib's Grants
 * classes: one method per kind of access, each returning an `iam.Grant`.
 *
 * The project is an `AWS::Pinpoint::App` reference: a `CfnApp` of this app, or one imported with `CfnApp.fromAppId` or
 * `CfnApp.fromAppArn`. ARNs take its ID (`app.appRef.appId`), its region and account (`app.env`: the stack's, or the
 * ARN's for `fromAppArn`) and the stack's partition. A project of another account than the grantee's can never be read
 * through the grantee's own policy (Amazon Pinpoint has no resource-based policies): such a grant gives a warning on the
 * app reference (`cdk-pinpoint-analytics-grants:otherAccount`). Each method grants exactly what the matching construct
 * grants (`PinpointAnalyticsReadPolicy`, `CampaignKpiGrant`, `JourneyMetricsGrant`): the same actions, resources and
 * Sids, merged into the grantee's policy the same way, after the same validation. No resource of its own is created:
 * the statements go into the grantee's policy.
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

  private readonly names: Required<PropertyLabels> = {
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
    const validator = this.check('readAnalytics');
    const given = grantsOptions(validator, options, 'ReadAnalyticsOptions');
    const access = appAnalyticsRequest(validator, { ...given, ...this.project() }, this.names);
    return this.grant(validator, grantee, access.locations[0].account, projectAnalyticsStatements(this.app, access));
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
    const validator = this.check('readCampaignKpis');
    const given = grantsOptions(validator, options, 'ReadCampaignKpisOptions');
    const access = campaignRequest(validator, { ...given, ...this.project(), campaignId }, this.names);
    return this.grant(validator, grantee, access.location.account, campaignPermissions(this.app, access));
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
    const validator = this.check('readJourneyMetrics');
    const given = grantsOptions(validator, options, 'ReadJourneyMetricsOptions');
    const access = journeyRequest(validator, { ...given, ...this.project(), journeyId }, this.names);
    return this.grant(validator, grantee, access.location.account, journeyPermissions(this.app, access));
  }

  private check(method: string): PropsValidator {
    return PropsValidator.forGrants(method, this.app);
  }

  /**
   * Grants `permissions` (the analytics of `account`) to `grantee` in its own policy, after checking it; the app
   * reference carries the warnings.
   */
  private grant(validator: PropsValidator, grantee: iam.IGrantable, account: string | undefined, permissions: readonly Permission[]): iam.Grant {
    validator.annotate(this.app);
    return deliverStatements(permissions, (g) => {
      validator.grantee(g);
      validator.otherAccount(this.app, g, account);
    }).grantTo(this.app, grantee);
  }

  /** The project's ID, region and account, from the reference. */
  private project() {
    return { projectId: this.app.appRef.appId, region: this.app.env.region, account: this.app.env.account };
  }
}

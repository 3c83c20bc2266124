import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * Read access to Amazon Pinpoint analytics that can be granted to a principal or written into a document of your own:
 * `PinpointAnalyticsReadPolicy`, `CampaignKpiGrant` and `JourneyMetricsGrant`.
 */
export interface IPinpointAnalyticsGrant extends IConstruct {
  /**
   * Grants this access to `grantee`.
   *
   * A role, user or group of this app, or a mutable imported role of the stack's account, receives it; the returned
   * grant's `success` is what aws-cdk-lib makes of the principal's answer, so it is `true` for an immutable imported
   * role too, which drops the statements. Where nothing reaches a policy of this app, the granting construct carries a
   * warning (`cdk-pinpoint-analytics-grants:nothingGranted`) that names the principal.
   *
   * @param grantee the principal to grant to
   * @returns the grant
   */
  grantTo(grantee: iam.IGrantable): iam.Grant;

  /**
   * This access as new `iam.PolicyStatement` objects, for documents of your own (a permissions boundary, a review):
   * exactly the statements `grantTo` gives a role of this app for this construct alone. Changing them changes nothing here.
   */
  toPolicyStatements(): iam.PolicyStatement[];
}

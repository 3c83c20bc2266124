import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { Delivery } from './private/grant/delivery';

/**
 * Read access to Amazon Pinpoint analytics that can be granted to a principal or written into a document of your own:
 * `PinpointAnalyticsReadPolicy`, `CampaignKpiGrant` and `JourneyMetricsGrant`.
 */
export interface IPinpointAnalyticsGrant extends IConstruct {
  /**
   * Grants this access to `grantee` (as `PinpointAnalyticsGrantBase.grantTo` describes).
   *
   * @param grantee the principal to grant to
   * @returns the grant
   */
  grantTo(grantee: iam.IGrantable): iam.Grant;

  /**
   * This access as new `iam.PolicyStatement` objects (as `PinpointAnalyticsGrantBase.toPolicyStatements` describes).
   */
  toPolicyStatements(): iam.PolicyStatement[];
}

/**
 * The base of the constructs that hold read access to Amazon Pinpoint analytics: `grantTo` and `toPolicyStatements`,
 * implemented once.
 */
export abstract class PinpointAnalyticsGrantBase extends Construct implements IPinpointAnalyticsGrant {
  /**
   * What this construct grants, and how a principal receives it; set by the subclass's constructor.
   *
   * @internal
   */
  protected _delivery!: Delivery;

  /**
   * Grants this access to `grantee`.
   *
   * A role, user or group of this app, or a mutable imported role of the stack's account, receives it, merged with its
   * other grants of this library. Where nothing reaches a policy of this app (an immutable imported role, a role of
   * another account, a principal that takes no statements), this construct carries a warning that names the principal
   * (`cdk-pinpoint-analytics-grants:nothingGranted`).
   *
   * @param grantee the principal to grant to
   * @returns the grant. Its `success` is aws-cdk-lib's: the principal's own answer, so `true` also for an immutable
   * imported role, which drops the statements, and `false` for a principal that takes no statements.
   */
  public grantTo(grantee: iam.IGrantable): iam.Grant {
    return this._delivery.grantTo(this, grantee);
  }

  /**
   * This access as new `iam.PolicyStatement` objects, for documents of your own (a permissions boundary, a review;
   * `PinpointAnalyticsStatements.merge` for several grants): exactly the statements a role of this app receives from
   * `grantTo` for this construct alone. Changing them changes nothing here.
   */
  public toPolicyStatements(): iam.PolicyStatement[] {
    return this._delivery.toPolicyStatements(this);
  }
}

import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { checkPinpointAccess } from './private/access-check/check';
import { ACCESS_RULES } from './private/access-check/rules/rules';

/**
 * A policy validation plugin that checks every IAM policy of the app for Amazon Pinpoint (`mobiletargeting`) access
 * and writes a report of who can do what.
 *
 * At synthesis it reads every template and every identity policy in it (inline policies of roles, users and groups,
 * `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, hand-written or from this library) and finds each statement that
 * allows a `mobiletargeting` action, by name, by a wildcard (`mobiletargeting:*`, `mobiletargeting:Get*`, `*`) or by
 * `NotAction`. A statement that grants one of the six analytics reads fails synthesis when:
 *
 * - it grants them through an action wildcard or `NotAction` (rule `PinpointAnalyticsWildcardAction`);
 * - it grants them on `Resource: "*"`, `NotResource` or an ARN broader than the developer guide's analytics resources,
 *   such as `apps/*` (rule `PinpointAnalyticsBroadResource`);
 * - it also allows a `mobiletargeting` write or send action (rule `PinpointAnalyticsWithWriteAction`).
 *
 * Each finding has an ID of its own, `<rule>[<policy's construct path>#<Sid or position>]`: acknowledge it with
 * `Validations.of(scope).acknowledge({ id: 'PinpointAccessValidator::<ID>', reason })`. Statements of this library's
 * constructs never break a rule.
 *
 * It also writes `pinpoint-access-report.md` and `pinpoint-access-report.json` next to the templates in the cloud
 * assembly: for each role, user and group with Pinpoint access, every action it holds, on which resources, whether it
 * is an analytics read, whether its feature ended with Amazon Pinpoint's end of support on 2026-10-30, and which
 * statements grant it.
 *
 * @example
 *
 * import { App, Validations } from 'aws-cdk-lib';
 * import { PinpointAccessValidator } from 'cdk-pinpoint-analytics-grants';
 *
 * declare const app: App;
 *
 * Validations.of(app).addPlugins(new PinpointAccessValidator());
 */
export class PinpointAccessValidator implements IPolicyValidationPlugin {
  /**
   * The name of the plugin, shown in the validation report and the prefix of every ID to acknowledge a finding with.
   */
  public readonly name: string = 'PinpointAccessValidator';

  /**
   * The rules the plugin checks: `PinpointAnalyticsWildcardAction`, `PinpointAnalyticsBroadResource` and
   * `PinpointAnalyticsWithWriteAction`.
   */
  public readonly ruleIds?: string[] = Object.values(ACCESS_RULES);

  /**
   * Checks the templates of `context` and writes the access report next to them. Called by aws-cdk-lib at synthesis.
   *
   * @param context the templates to check and the app they belong to
   * @returns one violation per finding (severity `error`); `success` is false when there is any
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return checkPinpointAccess(context, this.name);
  }
}

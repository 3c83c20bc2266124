/**
 * The rules of the Pinpoint access check. Each applies to one `Allow` statement that grants Amazon Pinpoint analytics
 * (one of the six analytics reads, on a resource it applies to), or to a statement the check cannot read, and a
 * finding names the rule and the statement:
 *
 * - `PinpointAnalyticsWildcardAction` (error): the statement grants analytics through an action wildcard
 *   (`mobiletargeting:*`, `mobiletargeting:Get*`, `*`) or `NotAction`, so it grants far more than reading analytics;
 * - `PinpointAnalyticsBroadResource` (error): it grants analytics on `Resource: "*"`, on `NotResource`, or on an ARN
 *   broader than the developer guide's analytics resources (`apps/*`, `apps/<project>/*`);
 * - `PinpointAnalyticsWithWriteAction` (error): it also allows a `mobiletargeting` action that is not a read (a write,
 *   a send, tagging), so reading analytics and changing Pinpoint cannot be granted apart;
 * - `PinpointAnalyticsUndecidedResource` (warning): it may grant analytics on a resource known only at deploy time (a
 *   parameter, an import of another app), which the check can call neither exact nor broad;
 * - `PinpointAnalyticsUndecidedAction` (warning): its actions are known only at deploy time and it may grant analytics;
 * - `PinpointAccessUnreadableStatement` (error): the check cannot read the statement or its document (a malformed
 *   document), so what it grants is unknown.
 *
 * A finding's ID is `<rule>[<construct path of the policy>#<Sid or position of the statement>]`: the statement it is
 * about, unique in the app, so that acknowledging it leaves every other finding (aws-cdk-lib 2.262 matches an
 * acknowledgement by its ID in the whole app).
 */
import { replacementFor } from './construct-call';
import { ANALYTICS_READS } from '../../analytics';
import { unique } from '../../collections';
import { PolicyDocumentSource } from '../sources/policy-sources';
import { matchActions } from '../statements/action-patterns';
import { fitsAnalyticsShape } from '../statements/arn-patterns';
import { ActionGrant as Grant, PinpointStatement, UnreadableStatement } from '../statements/statements';
import { isUndecided } from '../values/cfn-values';
import { Conditions } from '../values/conditions';

/** The rules, by ID. */
export const ACCESS_RULES = {
  WILDCARD_ACTION: 'PinpointAnalyticsWildcardAction',
  BROAD_RESOURCE: 'PinpointAnalyticsBroadResource',
  WITH_WRITE_ACTION: 'PinpointAnalyticsWithWriteAction',
  UNDECIDED_RESOURCE: 'PinpointAnalyticsUndecidedResource',
  UNDECIDED_ACTION: 'PinpointAnalyticsUndecidedAction',
  UNREADABLE_STATEMENT: 'PinpointAccessUnreadableStatement',
} as const;

/** A rule broken by one statement. */
export interface Finding {
  readonly rule: string;
  /** `<rule>[<statement>]`, the rule name of the violation. */
  readonly id: string;
  /** An error fails synthesis until it is fixed or acknowledged; a warning is shown. */
  readonly severity: 'error' | 'warning';
  /** The document of the statement. */
  readonly source: PolicyDocumentSource;
  /** `<construct path of the policy>#<Sid or position>`. */
  readonly ref: string;
  /** The property path of the statement in its resource. */
  readonly location: string;
  /** The template conditions the statement holds under. */
  readonly when: Conditions;
  readonly description: string;
  readonly fix: string;
}

/** The access levels of the Service Authorization Reference that only read. */
const READ_LEVELS = ['Read', 'List'];

/** The rules `statement` breaks. */
export function findingsOf(statement: PinpointStatement): Finding[] {
  if (statement.effect !== 'Allow') {
    return [];
  }
  const analytics = statement.grants.filter((grant) => ANALYTICS_READS.includes(grant.action.action));
  const undecidedActions = statement.grants.filter((grant) => grant.action.undecided);
  const where = `${statement.source.where} statement ${statement.sid ?? `#${statement.index}`}`;
  const findings: Finding[] = [];
  const add = (rule: string, severity: Finding['severity'], description: string, fix: string) => findings.push({
    rule,
    id: `${rule}[${sanitize(statement.ref)}]`,
    severity,
    source: statement.source,
    ref: statement.ref,
    location: statement.location,
    when: statement.when,
    description: `${where} ${description}`,
    fix,
  });
  // Analytics on resources that can be placed; a resource known only at deploy time has a rule of its own.
  const decided = analytics.map((grant) => ({ ...grant, resources: grant.resources.filter((r) => statement.notResource || !isUndecided(r)) }))
    .filter((grant) => grant.resources.length > 0);
  // The construct calls are worked out only for a statement that breaks a rule (most statements do not).
  const replacement = () => replacementText(decided, statement);

  const wildcard = decided.filter((grant) => grant.action.viaWildcard);
  if (wildcard.length > 0) {
    const how = statement.notAction
      ? `NotAction ${list(statement.actionPatterns)}`
      : `the action wildcard ${list(statement.actionPatterns.filter((pattern) => /[*?]/.test(pattern) && matchActions([pattern], false).length > 0))}`;
    add(ACCESS_RULES.WILDCARD_ACTION, 'error',
      `allows Amazon Pinpoint analytics (${names(wildcard)}) through ${how}, which matches ` +
      `${statement.matchedActions} mobiletargeting actions, not only the analytics reads.`,
      `Name the actions the principal needs instead of ${statement.notAction ? 'NotAction' : 'the wildcard'}${replacement()}.`);
  }

  // Analytics actions of one statement share its resources: each is looked at once.
  const broad = unique(decided.flatMap((grant) => grant.resources))
    .filter((resource) => statement.notResource || !fitsAnalyticsShape(resource.pattern))
    .map((resource) => resource.text);
  if (broad.length > 0) {
    add(ACCESS_RULES.BROAD_RESOURCE, 'error',
      `allows Amazon Pinpoint analytics (${names(decided)}) on ` +
      `${statement.notResource ? `every resource but NotResource ${list(broad)}` : list(broad)}, ` +
      'broader than the analytics resources of the Amazon Pinpoint developer guide ' +
      '(apps/<project>/kpis/*, apps/<project>/campaigns/<campaign>/kpis/*, ..., reports).',
      `Name the analytics resources${replacement()}.`);
  }

  const writes = statement.grants.filter((grant) => !grant.action.undecided && !READ_LEVELS.includes(grant.action.sar?.accessLevel ?? 'Read'));
  if (writes.length > 0 && analytics.length > 0) {
    add(ACCESS_RULES.WITH_WRITE_ACTION, 'error',
      `allows reading Amazon Pinpoint analytics (${names(analytics)}) together with ${writes.length} mobiletargeting ` +
      `actions that change Pinpoint or send messages (${names(writes.slice(0, 5))}${writes.length > 5 ? ', ...' : ''}).`,
      `Keep the write and send actions the principal needs in a statement of their own${replacement()}.`);
  }

  const undecidedResources = unique(analytics.flatMap((grant) => grant.resources).filter((r) => !statement.notResource && isUndecided(r)));
  if (undecidedResources.length > 0) {
    add(ACCESS_RULES.UNDECIDED_RESOURCE, 'warning',
      `may allow Amazon Pinpoint analytics (${names(analytics)}) on ${list(undecidedResources.map((r) => r.text))}, ` +
      'known only at deploy time: the check cannot tell whether it is exactly the analytics resources or broader.',
      'Build the resource from the parts the check can read (the ARN by Fn::Sub or Fn::Join, the project as a Ref of the ' +
      'AWS::Pinpoint::App or an ID), or grant with PinpointAnalyticsReadPolicy, CampaignKpiGrant or JourneyMetricsGrant; ' +
      'acknowledge the finding if the value is always an exact analytics resource.');
  }

  if (undecidedActions.length > 0) {
    add(ACCESS_RULES.UNDECIDED_ACTION, 'warning',
      `allows the actions ${list(undecidedActions.map((grant) => grant.action.action))}, known only at deploy time, on ` +
      `${list(unique(undecidedActions.flatMap((grant) => grant.resources)).map((r) => r.text))}: they may include Amazon Pinpoint analytics ` +
      'reads, and more.',
      'Name the actions in the template, or acknowledge the finding if the value never allows mobiletargeting actions ' +
      'beyond what the principal needs.');
  }
  return findings;
}

/** The finding of a statement or document the check cannot read. */
export function unreadableFinding(unreadable: UnreadableStatement): Finding {
  const rule = ACCESS_RULES.UNREADABLE_STATEMENT;
  return {
    rule,
    id: `${rule}[${sanitize(unreadable.ref)}]`,
    severity: 'error',
    source: unreadable.source,
    ref: unreadable.ref,
    location: unreadable.location,
    when: unreadable.when,
    description: `${unreadable.ref.replace('#', ' statement ')} cannot be read: ${unreadable.reason}. What it grants is not in the report.`,
    fix: 'Write the statement as IAM expects it (an object with Effect, Action or NotAction, and Resource or NotResource), ' +
      'or acknowledge the finding once you have checked what it grants.',
  };
}

/** `, and grant the analytics with <calls>` for the fix of a finding; what no construct grants as narrowly is named. */
function replacementText(grants: readonly Grant[], statement: PinpointStatement): string {
  const { calls, uncovered, reports } = replacementFor(grants, statement.source.template.env, statement.notResource);
  const parts = [
    ...(calls.length > 0 ? [`grant the analytics with ${calls.join(' and ')}`] : []),
    ...(reports.length > 0 ? [`name the action mobiletargeting:GetReports on ${reports.join(', ')}`] : []),
    ...(uncovered.length > 0 ? [`name the analytics that no construct grants as narrowly: ${uncovered.join(', ')}`] : []),
  ];
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

/** An ID aws-cdk-lib accepts as a rule name and as part of an acknowledgement: no `::`, no brackets, no white space. */
function sanitize(ref: string): string {
  return ref.replace(/[\s[\](){}]/g, '-').replace(/:{2,}/g, ':');
}

function names(grants: readonly Grant[]): string {
  return grants.map((grant) => grant.action.action).join(', ');
}

function list(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

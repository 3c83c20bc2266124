/**
 * The rules of the Pinpoint access check. Each applies to one `Allow` statement that grants Amazon Pinpoint analytics
 * (one of the six analytics reads, on a resource it applies to), and a finding names the rule and the statement:
 *
 * - `PinpointAnalyticsWildcardAction`: the statement grants analytics through an action wildcard
 *   (`mobiletargeting:*`, `mobiletargeting:Get*`, `*`) or `NotAction`, so it grants far more than reading analytics;
 * - `PinpointAnalyticsBroadResource`: it grants analytics on `Resource: "*"`, on `NotResource`, or on an ARN broader
 *   than the developer guide's analytics resources (`apps/*`, `apps/<project>/*`);
 * - `PinpointAnalyticsWithWriteAction`: it also allows a `mobiletargeting` action that is not a read (a write, a
 *   send, tagging), so reading analytics and changing Pinpoint cannot be granted apart.
 *
 * A finding's ID is `<rule>[<construct path of the policy>#<Sid or position of the statement>]`: the statement it is
 * about, unique in the app, so that acknowledging it leaves every other finding (aws-cdk-lib 2.262 matches an
 * acknowledgement by its ID in the whole app).
 */
import { fitsAnalyticsShape } from './arn-patterns';
import { constructCallFor } from './construct-call';
import { ActionGrant, PinpointStatement } from './statements';
import { ALL_GRANTABLE_ACTIONS } from '../analytics';

/** The rules, by ID. */
export const RULES = {
  WILDCARD_ACTION: 'PinpointAnalyticsWildcardAction',
  BROAD_RESOURCE: 'PinpointAnalyticsBroadResource',
  WITH_WRITE_ACTION: 'PinpointAnalyticsWithWriteAction',
} as const;

/** A rule broken by one statement. */
export interface Finding {
  readonly rule: string;
  /** `<rule>[<statement>]`, the rule name of the violation. */
  readonly id: string;
  readonly statement: PinpointStatement;
  readonly description: string;
  readonly fix: string;
}

/** The access levels of the Service Authorization Reference that only read. */
const READ_LEVELS = ['Read', 'List'];

/** The rules `statement` breaks. */
export function findingsOf(statement: PinpointStatement): Finding[] {
  const analytics = statement.grants.filter((grant) => ALL_GRANTABLE_ACTIONS.includes(grant.action.action));
  if (statement.effect !== 'Allow' || analytics.length === 0) {
    return [];
  }
  const where = `${statement.source.where} statement ${statement.sid ?? `#${statement.index}`}`;
  const findings: Finding[] = [];
  // The construct call is worked out only for a statement that breaks a rule (most statements do not).
  const add = (rule: string, description: string, fix: (replacement: string) => string) => findings.push({
    rule,
    id: `${rule}[${sanitize(statement.ref)}]`,
    statement,
    description: `${where} ${description}`,
    fix: fix(`grant the analytics with ${constructCallFor(analytics, statement.source.template.env)}`),
  });

  const wildcard = analytics.filter((grant) => grant.action.viaWildcard);
  if (wildcard.length > 0) {
    const how = statement.notAction
      ? `NotAction ${list(statement.actionPatterns)}`
      : `the action wildcard ${list(statement.actionPatterns.filter((pattern) => /[*?]/.test(pattern)))}`;
    add(RULES.WILDCARD_ACTION,
      `allows Amazon Pinpoint analytics (${names(wildcard)}) through ${how}, which matches ` +
      `${statement.matchedActions} mobiletargeting actions, not only the analytics reads.`,
      (replacement) => `Name the actions the principal needs instead of ${statement.notAction ? 'NotAction' : 'the wildcard'}, and ${replacement}.`);
  }

  // Analytics actions of one statement share its resources: each is looked at once.
  const broad = [...new Set(analytics.flatMap((grant) => grant.resources))]
    .filter((resource) => statement.notResource || !fitsAnalyticsShape(resource.pattern))
    .map((resource) => resource.text);
  if (broad.length > 0) {
    add(RULES.BROAD_RESOURCE,
      `allows Amazon Pinpoint analytics on ${statement.notResource ? `every resource but NotResource ${list(broad)}` : list(broad)}, ` +
      'broader than the analytics resources of the Amazon Pinpoint developer guide ' +
      '(apps/<project>/kpis/*, apps/<project>/campaigns/<campaign>/kpis/*, ..., reports).',
      (replacement) => `Name the analytics resources: ${replacement}.`);
  }

  const writes = statement.grants.filter((grant) => !READ_LEVELS.includes(grant.action.sar?.accessLevel ?? 'Read'));
  if (writes.length > 0) {
    add(RULES.WITH_WRITE_ACTION,
      `allows reading Amazon Pinpoint analytics (${names(analytics)}) together with ${writes.length} mobiletargeting ` +
      `actions that change Pinpoint or send messages (${names(writes.slice(0, 5))}${writes.length > 5 ? ', ...' : ''}).`,
      (replacement) => `Keep the write and send actions the principal needs in a statement of their own, and ${replacement}.`);
  }
  return findings;
}

/** An ID aws-cdk-lib accepts as a rule name and as part of an acknowledgement: no `::`, no brackets, no white space. */
function sanitize(ref: string): string {
  return ref.replace(/[\s[\](){}]/g, '-').replace(/:{2,}/g, ':');
}

function names(grants: readonly ActionGrant[]): string {
  return grants.map((grant) => grant.action.action).join(', ');
}

function list(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

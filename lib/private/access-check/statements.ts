/**
 * The statements of a policy document that concern `mobiletargeting`: for each, the Amazon Pinpoint actions it allows
 * (or denies) and, for each action, the resources of the statement it can apply to.
 *
 * A resource applies to an action when some ARN of a resource type the action needs can match it; a resource that is
 * a token as a whole (an import, a `Ref` of a parameter) might be anything, so it applies to every action, and so does
 * `NotResource`. A statement whose actions meet none of its resources grants nothing of Pinpoint and is left out.
 */
import { MatchedAction, matchActions } from './action-patterns';
import { canMatchResourceType } from './arn-patterns';
import { RenderedValue, renderList, TOKEN } from './cfn-values';
import { PolicyDocumentSource } from './policy-sources';

/** One action of a statement and the statement's resources it applies to. */
export interface ActionGrant {
  readonly action: MatchedAction;
  readonly resources: readonly RenderedValue[];
}

/** A statement that allows or denies `mobiletargeting` actions. */
export interface PinpointStatement {
  readonly source: PolicyDocumentSource;
  /** Its position in the document's `Statement` list. */
  readonly index: number;
  readonly sid?: string;
  /** `<construct path of the policy>#<Sid or position>`: names the statement in findings and in the report. */
  readonly ref: string;
  /** The property path of the statement in its resource (`Properties/PolicyDocument/Statement/0`). */
  readonly location: string;
  readonly effect: 'Allow' | 'Deny';
  readonly notAction: boolean;
  readonly notResource: boolean;
  readonly conditional: boolean;
  /** The elements of `Action` or `NotAction`, as written. */
  readonly actionPatterns: readonly string[];
  /** The elements of `Resource` or `NotResource`. */
  readonly resources: readonly RenderedValue[];
  /** How many `mobiletargeting` actions its `Action` (or `NotAction`) list matches, whatever the resources. */
  readonly matchedActions: number;
  /** The `mobiletargeting` actions it allows or denies, each with the resources it applies to (at least one). */
  readonly grants: readonly ActionGrant[];
}

/** The statements of `source`'s document that allow or deny some `mobiletargeting` action on some resource. */
export function pinpointStatements(source: PolicyDocumentSource): PinpointStatement[] {
  const raw = (source.document as any)?.Statement;
  const statements: unknown[] = Array.isArray(raw) ? raw : [raw];
  return statements.flatMap((statement: any, index): PinpointStatement[] => {
    const effect = statement?.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return [];
    }
    const notAction = statement.Action === undefined && statement.NotAction !== undefined;
    const notResource = statement.Resource === undefined && statement.NotResource !== undefined;
    const actionPatterns = renderList(notAction ? statement.NotAction : statement.Action ?? []).map((value) => value.text);
    const resources = renderList(notResource ? statement.NotResource : statement.Resource ?? []);
    const matched = matchActions(actionPatterns, notAction);
    const grants = matched
      .map((action) => ({ action, resources: notResource ? resources : resources.filter((r) => appliesTo(r, action)) }))
      .filter((grant) => grant.resources.length > 0);
    if (grants.length === 0) {
      return [];
    }
    const sid = typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
    return [{
      source,
      index,
      sid,
      ref: `${source.where}#${sid ?? index}`,
      location: `${source.location}/Statement/${index}`,
      effect,
      notAction,
      notResource,
      conditional: statement.Condition !== undefined,
      actionPatterns,
      resources,
      matchedActions: matched.length,
      grants,
    }];
  });
}

/** Whether `resource` can apply to `action`. */
function appliesTo(resource: RenderedValue, action: MatchedAction): boolean {
  if (resource.pattern.startsWith(TOKEN) || !action.sar) {
    return true;
  }
  return action.sar.resourceTypes.some((type) => canMatchResourceType(resource.pattern, type));
}

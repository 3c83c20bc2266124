/**
 * The statements of a policy document that concern `mobiletargeting`: for each, the Amazon Pinpoint actions it allows
 * (or denies) and, for each action, the resources of the statement it can apply to, with the template conditions it
 * holds under.
 *
 * A document may be an object or a JSON text (`Fn::Sub` / `Fn::Join` of JSON, its references filled in as the
 * values they are); `Fn::If` anywhere in it is read both ways (`conditions.ts`). A resource applies to an action when
 * some ARN of a resource type the action needs can match it; a resource that cannot be placed (it starts with a token:
 * a parameter, an import of another app) applies to every action, and so does `NotResource` unless it excludes every
 * ARN of the action's types. An action known only at deploy time (a parameter) may be any action: it is kept, as
 * undecided, on every resource that may be a Pinpoint resource. A statement whose actions meet none of its resources
 * grants nothing of Pinpoint and is left out. A statement or document the check cannot read is said so, never skipped.
 */
import { MatchedAction, matchActions, wildcardRegex } from './action-patterns';
import { canMatchAnyResourceType, canMatchResourceType, coversResourceType } from './arn-patterns';
import { PolicyDocumentSource } from '../sources/policy-sources';
import { isUndecided, RenderedValue, renderValue } from '../values/cfn-values';
import { Conditions, deepVariants, describeConditions, listElements, MAX_CONDITIONS, variants } from '../values/conditions';
import { intrinsic } from '../values/intrinsics';
import { TemplateSet } from '../values/template-set';

/** One action of a statement and the statement's resources it applies to. */
export interface ActionGrant {
  readonly action: MatchedAction;
  readonly resources: readonly RenderedValue[];
}

/** A statement that allows or denies `mobiletargeting` actions. */
export interface PinpointStatement {
  readonly source: PolicyDocumentSource;
  /** Its position in the document's `Statement` list, as its source writes it. */
  readonly index: number;
  readonly sid?: string;
  /** `<construct path of the policy>#<Sid or position>`: names the statement in findings and in the report. */
  readonly ref: string;
  /** The property path of the statement in its resource (`Properties/PolicyDocument/Statement/0`). */
  readonly location: string;
  readonly effect: 'Allow' | 'Deny';
  readonly notAction: boolean;
  readonly notResource: boolean;
  /** It has an IAM `Condition`. */
  readonly conditional: boolean;
  /** The template conditions it holds under (its document's and its own `Fn::If`). */
  readonly when: Conditions;
  /** The elements of `Action` or `NotAction`, as written. */
  readonly actionPatterns: readonly string[];
  /** The elements of `Resource` or `NotResource`. */
  readonly resources: readonly RenderedValue[];
  /** How many `mobiletargeting` actions its `Action` (or `NotAction`) list matches, whatever the resources. */
  readonly matchedActions: number;
  /** The `mobiletargeting` actions it allows or denies, each with the resources it applies to (at least one). */
  readonly grants: readonly ActionGrant[];
}

/** A statement, or a whole document, the check cannot read. */
export interface UnreadableStatement {
  readonly source: PolicyDocumentSource;
  /** `<construct path of the policy>#<Sid or position>`, or the policy's path for a whole document. */
  readonly ref: string;
  readonly location: string;
  readonly reason: string;
  readonly when: Conditions;
}

/** What one document says of Pinpoint. */
export interface DocumentStatements {
  readonly statements: readonly PinpointStatement[];
  readonly unreadable: readonly UnreadableStatement[];
}

/** The statements of `source`'s document that allow or deny some `mobiletargeting` action on some resource. */
export function readStatements(source: PolicyDocumentSource, set: TemplateSet): DocumentStatements {
  const statements: PinpointStatement[] = [];
  const unreadable: UnreadableStatement[] = [];
  const scope = { set, template: source.template };
  for (const variant of variants(source.document, source.when)) {
    const document = documentOf(variant.value);
    if (typeof document === 'string') {
      unreadable.push({ source, ref: source.where, location: source.location, reason: document, when: variant.when });
      continue;
    }
    for (const element of listElements(document.Statement, variant.when)) {
      const index = source.statementIndexes?.[element.index] ?? element.index;
      // A document the template does not hold (an AWS managed policy, a SAM policy template): where it brings it in.
      const location = source.statementIndexes ? source.location : `${source.location}/Statement/${index}`;
      const cannotRead = (reason: string, when: Conditions, sid?: string) =>
        unreadable.push({ source, ref: `${source.where}#${sid ?? index}`, location, reason, when });
      const decided = element.unknownList ? undefined : deepVariants(element.value, element.when);
      if (!decided) {
        cannotRead(element.unknownList
          ? 'the statements are known only at deploy time'
          : `it uses more than ${MAX_CONDITIONS} template conditions, too many to read every combination`, element.when);
        continue;
      }
      for (const { value, when } of decided) {
        const read = readStatement(value, scope);
        if (typeof read === 'string') {
          cannotRead(read, when, sidOf(value));
        } else if (read.grants.length > 0) {
          const sid = sidOf(value);
          statements.push({ ...read, source, index, sid, ref: `${source.where}#${sid ?? index}`, location, when });
        }
      }
    }
  }
  return { statements, unreadable };
}

type StatementBody = Pick<PinpointStatement, 'effect' | 'notAction' | 'notResource' | 'conditional' | 'actionPatterns' | 'resources' |
  'matchedActions' | 'grants'>;

/** What one statement (every `Fn::If` decided) allows or denies of `mobiletargeting`, or why it cannot be read. */
function readStatement(statement: any, scope: { set: TemplateSet; template: PolicyDocumentSource['template'] }): StatementBody | string {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement) || intrinsic(statement)) {
    return `a statement must be an object, not ${JSON.stringify(statement)}`;
  }
  const effect = statement.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    return `its Effect is ${JSON.stringify(effect)}, neither "Allow" nor "Deny"`;
  }
  const notAction = statement.Action === undefined && statement.NotAction !== undefined;
  const notResource = statement.Resource === undefined && statement.NotResource !== undefined;
  if ((statement.Action ?? statement.NotAction) === undefined) {
    return 'it has neither Action nor NotAction';
  }
  if ((statement.Resource ?? statement.NotResource) === undefined) {
    return 'it has neither Resource nor NotResource';
  }
  const actions = listElements(notAction ? statement.NotAction : statement.Action).map((element) => ({
    rendered: renderValue(element.value, scope),
    unknown: element.unknownList,
  }));
  const resources = listElements(notResource ? statement.NotResource : statement.Resource)
    .map((element) => renderValue(element.value, scope));
  // An action that is (or holds) a token may be any action: undecided, unless it is of another service. In NotAction,
  // it excludes what is known only at deploy time: it is left out, so the statement allows at least as much as it can.
  const undecided = actions.filter(({ rendered, unknown }) => unknown || (rendered.tokens.length > 0 && mayBePinpoint(rendered.text)));
  const actionPatterns = actions.map(({ rendered }) => rendered.text);
  const decided = actions.filter((action) => !undecided.includes(action)).map(({ rendered }) => rendered.text);
  const matched = matchActions(decided, notAction);
  const appliesTo = (action: MatchedAction) => (resource: RenderedValue) => (notResource
    ? !action.sar || !action.sar.resourceTypes.every((type) => coversResourceType(resource.pattern, type))
    : mayApplyTo(resource, action));
  const grants: ActionGrant[] = [
    // Under NotResource, an action is allowed on every other resource unless one of them excludes all of its ARNs.
    ...matched.map((action) => ({
      action,
      resources: notResource ? (resources.every(appliesTo(action)) ? resources : []) : resources.filter(appliesTo(action)),
    })),
    ...(notAction ? [] : undecided).map(({ rendered }) => ({
      action: { action: rendered.text, viaWildcard: false, undecided: true },
      resources: notResource ? resources : resources.filter((resource) => isUndecided(resource) || canMatchAnyResourceType(resource.pattern)),
    })),
  ].filter((grant) => grant.resources.length > 0);
  return {
    effect,
    notAction,
    notResource,
    conditional: statement.Condition !== undefined,
    actionPatterns,
    resources,
    matchedActions: matched.length,
    grants,
  };
}

/**
 * Whether `resource` (of `Resource`) may be one `action` applies to: some ARN of a resource type of the action may match
 * it, or it cannot be placed (it starts with a token).
 */
export function mayApplyTo(resource: RenderedValue, action: MatchedAction): boolean {
  return isUndecided(resource) || !action.sar || action.sar.resourceTypes.some((type) => canMatchResourceType(resource.pattern, type));
}

/** Whether an action pattern with tokens may name a `mobiletargeting` action: its service is Pinpoint's or a token. */
function mayBePinpoint(text: string): boolean {
  const service = text.split(':')[0].toLowerCase();
  return service.includes('${') || wildcardRegex(service).test('mobiletargeting');
}

function sidOf(statement: any): string | undefined {
  const sid = statement?.Sid;
  return typeof sid === 'string' && sid !== '' ? sid : undefined;
}

/** The document `value` is: an object, or one parsed from its JSON text; else why it cannot be read. */
function documentOf(value: unknown): { readonly Statement?: unknown } | string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !intrinsic(value)) {
    return value;
  }
  const pieces = jsonPieces(value);
  if (!pieces) {
    return `the policy document is ${JSON.stringify(value) ?? 'missing'}: an object or its JSON text was expected, or it is known only at deploy time`;
  }
  // Stryker disable next-line ArrayDeclaration: each placeholder's index is what push returns, so a value already in the list shifts nothing.
  const values: unknown[] = [];
  const text = pieces.map((piece) => (typeof piece === 'string' ? piece : `${PLACEHOLDER_START}${values.push(piece.value) - 1}${PLACEHOLDER_END}`)).join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `the policy document is a text that is not JSON once its references are filled in (${(error as Error).message})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'the policy document text is JSON, but not an object';
  }
  return restore(parsed, values) as { readonly Statement?: unknown };
}

/** Marks where a reference stands in a document's JSON text: characters JSON takes in a string and IAM never uses. */
const PLACEHOLDER_START = '\uE000';
const PLACEHOLDER_END = '\uE001';

/** The text of `value` (a string, `Fn::Sub` or `Fn::Join`), in pieces: literal text, and values of references. */
function jsonPieces(value: unknown): Array<string | { readonly value: unknown }> | undefined {
  if (typeof value === 'string') {
    return [value];
  }
  // Stryker disable next-line ArrayDeclaration: a value that is no intrinsic has no function name, and a made-up one is neither Fn::Join nor Fn::Sub.
  const [fn, arg] = intrinsic(value) ?? [];
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].flatMap((element: unknown, i: number) => [
      ...(i > 0 ? [arg[0]] : []),
      ...(jsonPieces(element) ?? [{ value: element }]),
    ]);
  }
  if (fn === 'Fn::Sub') {
    const [template, variables = {}] = Array.isArray(arg) ? arg : [arg];
    if (typeof template !== 'string') {
      return undefined;
    }
    return template.split(/(\$\{[^}]*\})/).map((piece) => {
      const name = /^\$\{([^}]*)\}$/.exec(piece)?.[1];
      if (name === undefined) {
        return piece;
      }
      if (name.startsWith('!')) {
        return `\${${name.slice(1)}}`;
      }
      const reference = Object.prototype.hasOwnProperty.call(variables, name) ? variables[name]
        : name.includes('.') && !name.startsWith('AWS::') ? { 'Fn::Sub': piece } : { Ref: name };
      return { value: reference };
    });
  }
  return undefined;
}

/** `parsed` with each string that holds placeholders turned back into the values it stands for. */
function restore(parsed: unknown, values: readonly unknown[]): unknown {
  if (Array.isArray(parsed)) {
    return parsed.map((element) => restore(element, values));
  }
  if (typeof parsed === 'object' && parsed !== null) {
    return Object.fromEntries(Object.entries(parsed).map(([key, element]) => [key, restore(element, values)]));
  }
  if (typeof parsed !== 'string' || !parsed.includes(PLACEHOLDER_START)) {
    return parsed;
  }
  const parts = parsed.split(new RegExp(`${PLACEHOLDER_START}(\\d+)${PLACEHOLDER_END}`)).map((part, i) => (i % 2 === 1 ? values[Number(part)] : part))
    .filter((part) => part !== '');
  return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
}

/** The conditions of a statement, for people: `` (when IsProd)``, or nothing. */
export function whenLabel(when: Conditions): string {
  return when.length === 0 ? '' : ` (when ${describeConditions(when)})`;
}

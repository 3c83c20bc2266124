/**
 * CloudFormation values of a template (strings, or intrinsics such as `Ref`, `Fn::Join`, `Fn::Sub`, `Fn::ImportValue`)
 * turned into text a reviewer can read and into a pattern the access check can match.
 *
 * Given the template it belongs to (`ValueScope`), a value is followed as far as the templates allow: a nested stack's
 * parameter to what its parent passes, a nested stack's output, an export or another stack's output (`Fn::ImportValue`,
 * `Fn::GetStackOutput`) to its value, `Fn::FindInMap` to the mapping's value, and the ARN of an Amazon Pinpoint
 * project or campaign (`Fn::GetAtt <App>.Arn`) to the shape of that ARN, so that `${App.Arn}/kpis/*` reads as
 * `arn:<partition>:mobiletargeting:<region>:<account>:apps/<App>/kpis/*`.
 *
 * What is still decided only at deploy time is a token, shown as `${Name}`: `${AWS::Region}`, `${ProjectRef}` (a `Ref`),
 * `${Campaign.CampaignId}` (an `Fn::GetAtt`), `${Import:Name}` (an import no template exports), `${Stack.Output}` (an
 * `Fn::GetStackOutput` no template answers), `${Fn::Base64}` (any other intrinsic). In the pattern a token is `TOKEN`,
 * a character that stands for one ARN path segment of unknown value: it never contains `/`, `:` or a wildcard. A value
 * that starts with a token (a parameter, an import of another app) cannot be placed at all: see `isUndecided`.
 */
import { listElements } from './conditions';
import { getAtt, intrinsic } from './intrinsics';
import { TemplateSet } from './template-set';
import { TemplateSource } from '../templates/template-source';

/** Stands for a token in a pattern: one path segment whose value is known only at deploy time. */
export const TOKEN = '\u0000';

/** A CloudFormation value, as text and as a pattern. */
export interface RenderedValue {
  /** For people: the literal text, each token shown as `${...}`. */
  readonly text: string;
  /** For matching: the literal text, each token replaced by `TOKEN`. */
  readonly pattern: string;
  /** The name of each token of `pattern`, in order. */
  readonly tokens: readonly string[];
  /** The whole value is one token (a `Ref`, an import, ...), so what it stands for is unknown here. */
  readonly opaque: boolean;
}

/** The template a value belongs to, and the templates its references may lead to. */
export interface ValueScope {
  readonly set: TemplateSet;
  readonly template: TemplateSource;
}

/** A part of a value: literal text, a token, or parts shown as one (`${App.Arn}`, whose pattern is the ARN's shape). */
type Part = { readonly text: string } | { readonly token: string } | { readonly shown: string; readonly parts: readonly Part[] };

const NO_TOKENS: readonly string[] = [];

/** References are followed at most this deep, so a cycle of references ends. */
const MAX_DEPTH = 20;

/** `value` as text and as a pattern; with `scope`, references are followed through the templates. */
export function renderValue(value: unknown, scope?: ValueScope): RenderedValue {
  if (typeof value === 'string') {
    // Most values are literal ARNs: no parts to join.
    return { text: value, pattern: value, tokens: NO_TOKENS, opaque: false };
  }
  const parts = partsOf(value, scope, 0);
  const flat = flatten(parts);
  const pattern = flat.map((part) => ('text' in part ? part.text : TOKEN)).join('');
  return {
    text: parts.map(shown).join(''),
    pattern,
    tokens: flat.flatMap((part) => ('token' in part ? [part.token] : [])),
    opaque: pattern === TOKEN,
  };
}

/**
 * Whether `value` cannot be placed at synthesis: it starts with a token (a parameter, an import of another app, an
 * attribute the check does not know), so it may be any ARN, or no ARN at all.
 */
export function isUndecided(value: RenderedValue): boolean {
  return value.pattern.startsWith(TOKEN);
}

/** The part of `value`'s pattern from `start` to `end`, as text (each token shown as `${...}`). */
export function textOf(value: RenderedValue, start: number, end: number): string {
  if (value.tokens.length === 0) {
    return value.pattern.slice(start, end);
  }
  let token = value.pattern.slice(0, start).split(TOKEN).length - 1;
  return value.pattern.slice(start, end).replace(new RegExp(TOKEN, 'g'), () => `\${${value.tokens[token++]}}`);
}

/** The list `value` holds (a single value is a list of one), each element rendered. */
export function renderList(value: unknown, scope?: ValueScope): RenderedValue[] {
  return (Array.isArray(value) ? value : [value]).map((element) => renderValue(element, scope));
}

function shown(part: Part): string {
  return 'text' in part ? part.text : 'token' in part ? `\${${part.token}}` : part.shown;
}

function flatten(parts: readonly Part[]): Array<{ readonly text: string } | { readonly token: string }> {
  return parts.flatMap((part) => ('parts' in part ? flatten(part.parts) : [part]));
}

function partsOf(value: unknown, scope: ValueScope | undefined, depth: number): Part[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [{ text: String(value) }];
  }
  const fn = intrinsic(value);
  if (!fn) {
    return [{ token: JSON.stringify(value) }];
  }
  const referenced = scope && depth < MAX_DEPTH ? scope.set.referenced(scope.template, value) : undefined;
  if (referenced) {
    return partsOf(referenced.value, { set: scope!.set, template: referenced.template }, depth + 1);
  }
  const [name, arg] = fn;
  const inner = (v: unknown) => partsOf(v, scope, depth + 1);
  switch (name) {
    case 'Ref':
      return [{ token: String(arg) }];
    case 'Fn::GetAtt':
      return knownArn(arg, scope, depth) ?? [{ token: Array.isArray(arg) ? arg.join('.') : String(arg) }];
    case 'Fn::ImportValue':
      return importValue(arg, scope, depth);
    case 'Fn::GetStackOutput':
      return [{ token: `${textOfParts(inner(arg?.StackName))}.${textOfParts(inner(arg?.OutputName))}` }];
    case 'Fn::Join':
      return join(arg, inner);
    case 'Fn::Sub':
      return Array.isArray(arg) ? sub(arg[0], arg[1] ?? {}, inner) : sub(arg, {}, inner);
    case 'Fn::Select':
      return select(arg, inner) ?? [{ token: name }];
    case 'Fn::FindInMap':
      return findInMap(arg, scope, inner) ?? [{ token: name }];
    default:
      return [{ token: name }];
  }
}

function textOfParts(parts: readonly Part[]): string {
  return parts.map(shown).join('');
}

/** `Fn::ImportValue` that no template of the check exports (`TemplateSet.referenced` follows those): a token. */
function importValue(arg: unknown, scope: ValueScope | undefined, depth: number): Part[] {
  return [{ token: `Import:${textOfParts(partsOf(arg, scope, depth + 1))}` }];
}

/**
 * The ARN of an Amazon Pinpoint project (`AWS::Pinpoint::App`) or campaign (`AWS::Pinpoint::Campaign`) of the
 * template, by the shape AWS gives it, shown as written (`${App.Arn}`). A campaign's ARN holds its project's, which
 * may be (in a template CloudFormation would reject) a campaign's ARN again: followed at most `MAX_DEPTH` deep.
 */
function knownArn(arg: unknown, scope: ValueScope | undefined, depth: number): Part[] | undefined {
  const [logicalId, attribute] = getAtt(arg);
  const resource = scope?.set.resource(scope.template, logicalId);
  if (depth >= MAX_DEPTH || attribute !== 'Arn' || (resource?.Type !== 'AWS::Pinpoint::App' && resource?.Type !== 'AWS::Pinpoint::Campaign')) {
    return undefined;
  }
  const head: Part[] = [
    { text: 'arn:' }, { token: 'AWS::Partition' }, { text: ':mobiletargeting:' }, { token: 'AWS::Region' }, { text: ':' },
    { token: 'AWS::AccountId' }, { text: ':apps/' },
  ];
  const parts: Part[] = resource.Type === 'AWS::Pinpoint::App'
    ? [...head, { token: logicalId }]
    : [...head, ...partsOf(resource.Properties?.ApplicationId, scope, depth + 1), { text: '/campaigns/' }, { token: `${logicalId}.CampaignId` }];
  return [{ shown: `\${${logicalId}.Arn}`, parts }];
}

/** `Fn::Join` of a literal list; a list that is itself a token is one token. */
function join(arg: any, inner: (value: unknown) => Part[]): Part[] {
  // Stryker disable next-line ArrayDeclaration: an argument that is not a list has no list to join: a token, whatever the separator.
  const [separator, list] = Array.isArray(arg) ? arg : [];
  if (typeof separator !== 'string' || !Array.isArray(list)) {
    return [{ token: 'Fn::Join' }];
  }
  return list.flatMap((element, i) => (i === 0 ? inner(element) : [{ text: separator }, ...inner(element)]));
}

/**
 * `Fn::Sub`: `${Name}` is the variable's value when given, else a `Ref` (or, with a dot, an `Fn::GetAtt`) followed as
 * such; `${!Literal}` is the text `${Literal}`.
 */
function sub(template: unknown, variables: Record<string, unknown>, inner: (value: unknown) => Part[]): Part[] {
  if (typeof template !== 'string') {
    return [{ token: 'Fn::Sub' }];
  }
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
    parts.push({ text: template.slice(last, match.index) });
    const name = match[1];
    if (name.startsWith('!')) {
      parts.push({ text: `\${${name.slice(1)}}` });
    } else if (Object.prototype.hasOwnProperty.call(variables, name)) {
      parts.push(...inner(variables[name]));
    } else {
      parts.push(...inner(name.includes('.') && !name.startsWith('AWS::') ? { 'Fn::GetAtt': getAtt(name) } : { Ref: name }));
    }
    last = match.index + match[0].length;
  }
  parts.push({ text: template.slice(last) });
  return parts;
}

/** `Fn::Select` of a literal list (or one `Fn::Split` makes of literal text) by a literal index. */
function select(arg: any, inner: (value: unknown) => Part[]): Part[] | undefined {
  // Stryker disable next-line ArrayDeclaration: an argument that is not a list has no list to select from: a token, whatever the index.
  const [index, list] = Array.isArray(arg) ? arg : [];
  const i = Number(index);
  const elements = listElements(list);
  return Number.isInteger(i) && i >= 0 && i < elements.length && elements.every((e) => !e.unknownList && e.when.length === 0)
    ? inner(elements[i].value)
    : undefined;
}

/** `Fn::FindInMap` of literal keys in a mapping of the template; without its three keys, nothing. */
function findInMap(arg: any, scope: ValueScope | undefined, inner: (value: unknown) => Part[]): Part[] | undefined {
  if (!Array.isArray(arg) || arg.length < 3) {
    return undefined;
  }
  const [map, top, second] = arg.map((key) => textOfParts(inner(key)));
  const value = scope?.template.json.Mappings?.[map]?.[top]?.[second];
  return value === undefined || /\$\{/.test(`${map}${top}${second}`) ? undefined : inner(value);
}

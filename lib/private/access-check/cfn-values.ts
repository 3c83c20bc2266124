/**
 * CloudFormation values of a synthesized template (strings, or intrinsics such as `Ref`, `Fn::Join`, `Fn::Sub`,
 * `Fn::ImportValue`) turned into text a reviewer can read and into a pattern the access check can match.
 *
 * A token (any part whose value CloudFormation decides at deploy time) is shown as `${Name}`: `${AWS::Region}`,
 * `${ProjectRef}` (a `Ref`), `${Campaign.Arn}` (an `Fn::GetAtt`), `${Import:Name}` (an `Fn::ImportValue`),
 * `${Fn::If}` (any other intrinsic). In the pattern it is `TOKEN`, a character that stands for one ARN path segment
 * of unknown value: it never contains `/`, `:` or a wildcard.
 */

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

type Part = { readonly text: string } | { readonly token: string };

const NO_TOKENS: readonly string[] = [];

/** `value` as text and as a pattern. */
export function renderValue(value: unknown): RenderedValue {
  if (typeof value === 'string') {
    // Most values are literal ARNs: no parts to join.
    return { text: value, pattern: value, tokens: NO_TOKENS, opaque: false };
  }
  const parts = partsOf(value);
  return {
    text: parts.map((part) => ('text' in part ? part.text : `\${${part.token}}`)).join(''),
    pattern: parts.map((part) => ('text' in part ? part.text : TOKEN)).join(''),
    tokens: parts.flatMap((part) => ('token' in part ? [part.token] : [])),
    opaque: parts.length === 1 && 'token' in parts[0],
  };
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
export function renderList(value: unknown): RenderedValue[] {
  return (Array.isArray(value) ? value : [value]).map(renderValue);
}

/** The name and argument of an intrinsic function (`{ "Ref": "X" }` is `['Ref', 'X']`), `undefined` for a plain value. */
export function intrinsic(value: unknown): [string, any] | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return [keys[0], (value as Record<string, unknown>)[keys[0]]];
    }
  }
  return undefined;
}

function partsOf(value: unknown): Part[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [{ text: String(value) }];
  }
  const fn = intrinsic(value);
  if (!fn) {
    return [{ token: JSON.stringify(value) }];
  }
  const [name, arg] = fn;
  switch (name) {
    case 'Ref':
      return [{ token: String(arg) }];
    case 'Fn::GetAtt':
      return [{ token: Array.isArray(arg) ? arg.join('.') : String(arg) }];
    case 'Fn::ImportValue':
      return [{ token: `Import:${renderValue(arg).text}` }];
    case 'Fn::Join':
      return join(arg);
    case 'Fn::Sub':
      return Array.isArray(arg) ? sub(arg[0], arg[1] ?? {}) : sub(arg, {});
    case 'Fn::Select':
      return select(arg) ?? [{ token: name }];
    default:
      return [{ token: name }];
  }
}

/** `Fn::Join` of a literal list; a list that is itself a token is one token. */
function join(arg: any): Part[] {
  const [separator, list] = Array.isArray(arg) ? arg : [];
  if (typeof separator !== 'string' || !Array.isArray(list)) {
    return [{ token: 'Fn::Join' }];
  }
  return list.flatMap((element, i) => (i === 0 ? partsOf(element) : [{ text: separator }, ...partsOf(element)]));
}

/** `Fn::Sub`: `${Name}` is the variable's value when given, else a token; `${!Literal}` is the text `${Literal}`. */
function sub(template: unknown, variables: Record<string, unknown>): Part[] {
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
    } else if (name in variables) {
      parts.push(...partsOf(variables[name]));
    } else {
      parts.push({ token: name });
    }
    last = match.index + match[0].length;
  }
  parts.push({ text: template.slice(last) });
  return parts.filter((part) => !('text' in part) || part.text !== '');
}

/** `Fn::Select` of a literal list by a literal index; `undefined` when either is a token. */
function select(arg: any): Part[] | undefined {
  const [index, list] = Array.isArray(arg) ? arg : [];
  const i = Number(index);
  return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? partsOf(list[i]) : undefined;
}

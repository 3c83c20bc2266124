/**
 * CloudFormation's intrinsic functions as they appear in a template's JSON form: `{ "Ref": "X" }`,
 * `{ "Fn::GetAtt": ["X", "Arn"] }`, `{ "Fn::Join": [...] }`, ...
 */

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

/** The logical ID and attribute of `Fn::GetAtt`'s argument: `[id, attr]` or `"id.attr"` (split at the first dot). */
export function getAtt(arg: unknown): [string, string | undefined] {
  if (Array.isArray(arg)) {
    return [String(arg[0]), typeof arg[1] === 'string' ? arg[1] : undefined];
  }
  const text = String(arg);
  const dot = text.indexOf('.');
  return dot < 0 ? [text, undefined] : [text.slice(0, dot), text.slice(dot + 1)];
}

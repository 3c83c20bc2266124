/**
 * What the SAM transform (`AWS::Serverless-2016-10-31`) makes of the `Policies` of an `AWS::Serverless::Function` or
 * `AWS::Serverless::StateMachine`, for the access check's independent judge: the policies of the role SAM creates for
 * it (`<LogicalId>Role`) when it names no `Role`.
 *
 * Policy templates are expanded from SAM's own published data, copied verbatim into
 * test/fixtures/access-check/sam-policy-templates.json (source and licence there), never from the library's table.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

/** A SAM policy template: its parameters and its policy document, with `Ref` to the parameters. */
export interface SamPolicyTemplate {
  readonly Parameters: Record<string, unknown>;
  readonly Definition: any;
}

let templates: Record<string, SamPolicyTemplate> | undefined;

/** The SAM policy template of this name, as SAM publishes it, or `undefined` when the fixture does not hold it. */
export function samPolicyTemplate(name: string): SamPolicyTemplate | undefined {
  templates ??= JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'access-check', 'sam-policy-templates.json'), 'utf8'))
    .Templates as Record<string, SamPolicyTemplate>;
  return templates[name];
}

/** The policies SAM gives the role it creates, before CloudFormation resolves the intrinsics in them. */
export interface SamRolePolicies {
  /** Policy documents (inline statements and expanded policy templates), with a name for each. */
  readonly documents: Array<{ readonly name: string; readonly document: any }>;
  /** Managed policies: ARNs as written, and AWS managed policies given by name turned into their ARNs. */
  readonly managedPolicyArns: string[];
  /** Entries SAM would reject or the judge cannot expand (an unknown policy template), in words. */
  readonly unexpanded: string[];
}

/** The managed policy SAM attaches to every function role it creates, whatever `Policies` says. */
export const LAMBDA_BASIC_EXECUTION_ROLE = 'service-role/AWSLambdaBasicExecutionRole';

/**
 * The policies of the role SAM creates for a function or state machine whose `Policies` (already resolved, in one
 * concrete world) is `policies`. `arnOfAwsManagedPolicy` turns a name (`ReadOnlyAccess`) into the AWS managed policy's
 * ARN, or `undefined` when AWS has no such policy; `partition` is the stack's.
 */
export function samRolePolicies(
  owner: string,
  policies: unknown,
  partition: string,
  arnOfAwsManagedPolicy: (name: string) => string | undefined,
  isFunction: boolean,
): SamRolePolicies {
  const documents: Array<{ name: string; document: any }> = [];
  const managedPolicyArns: string[] = [];
  const unexpanded: string[] = [];
  if (isFunction) {
    managedPolicyArns.push(`arn:${partition}:iam::aws:policy/${LAMBDA_BASIC_EXECUTION_ROLE}`);
  }
  const items = policies === undefined ? [] : Array.isArray(policies) ? policies : [policies];
  items.forEach((item, index) => {
    const name = `${owner}.Policies[${index}]`;
    if (typeof item === 'string') {
      if (item.startsWith('arn:')) {
        managedPolicyArns.push(item);
      } else {
        const arn = arnOfAwsManagedPolicy(item);
        if (arn === undefined) {
          unexpanded.push(`${name}: no AWS managed policy is named ${JSON.stringify(item)}`);
        } else {
          managedPolicyArns.push(arn.replace(/^arn:aws:/, `arn:${partition}:`));
        }
      }
    } else if (item && typeof item === 'object' && 'Statement' in (item as object)) {
      documents.push({ name, document: item });
    } else if (item && typeof item === 'object' && Object.keys(item as object).length === 1) {
      const [templateName, values] = Object.entries(item as object)[0];
      const template = samPolicyTemplate(templateName);
      if (template === undefined) {
        unexpanded.push(`${name}: the policy template ${templateName} is not in the judge's fixture of SAM's data`);
      } else {
        documents.push({ name: `${name} (${templateName})`, document: substituteParameters(template.Definition, (values ?? {}) as Record<string, unknown>) });
      }
    } else {
      unexpanded.push(`${name}: ${JSON.stringify(item)} is not a policy SAM accepts`);
    }
  });
  return { documents, managedPolicyArns, unexpanded };
}

/** The template's definition with each `{ "Ref": <parameter> }` replaced by the value given for it. */
function substituteParameters(definition: any, values: Record<string, unknown>): any {
  if (Array.isArray(definition)) {
    return definition.map((d) => substituteParameters(d, values));
  }
  if (definition && typeof definition === 'object') {
    const keys = Object.keys(definition);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof definition.Ref === 'string' && definition.Ref in values) {
      return values[definition.Ref];
    }
    return Object.fromEntries(keys.map((k) => [k, substituteParameters(definition[k], values)]));
  }
  return definition;
}

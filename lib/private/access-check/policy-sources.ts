/**
 * Every IAM policy document of a set of templates and the principals that receive it: inline policies of roles, users
 * and groups, `AWS::IAM::Policy`, `AWS::IAM::RolePolicy` / `UserPolicy` / `GroupPolicy`, and `AWS::IAM::ManagedPolicy`
 * attached by its own `Roles` / `Users` / `Groups` or by a principal's `ManagedPolicyArns`.
 *
 * References are followed as far as the templates allow: `Ref` within a template, a nested stack's parameter to the
 * value its parent passes, `Fn::ImportValue` to the output of the stack that exports it. A principal that is not
 * defined in these templates (a role name, an import no template exports) is named as the template names it.
 */
import { PRINCIPAL_KINDS, PrincipalKindName } from '../principal-kinds';
import { intrinsic, renderValue } from './cfn-values';

/** A template of the app, parsed. */
export interface TemplateSource {
  /** The absolute path of the template file. */
  readonly path: string;
  /** The construct path of its stack. */
  readonly stackPath: string;
  /** The CloudFormation name of its stack, where it is known (for `Fn::GetStackOutput`). */
  readonly stackName?: string;
  /** The account and region of its stack, where they are not tokens. */
  readonly env: StackEnv;
  /** The template, parsed: CloudFormation's JSON form (YAML's short-form tags already turned into it). */
  readonly json: any;
  /** For a nested stack: its parent, the logical ID of its `AWS::CloudFormation::Stack` there, and its parameters. */
  readonly parent?: NestedIn;
}

/** Where a nested stack is created. */
export interface NestedIn {
  readonly template: TemplateSource;
  readonly logicalId: string;
  /** The values the parent passes to the nested stack's parameters. */
  readonly parameters: Record<string, unknown>;
}

/** The account and region of a stack, where they are not tokens. */
export interface StackEnv {
  readonly account?: string;
  readonly region?: string;
}

/** The three kinds of principal an identity policy is attached to. */
export type PrincipalKind = PrincipalKindName;

/** A role, user or group that receives a policy. */
export interface Principal {
  /** Unique within the app. */
  readonly key: string;
  readonly kind: PrincipalKind;
  /** Its construct path when it is defined in the app, else what the template names (`my-role`, `${Import:Name}`). */
  readonly name: string;
  /** The template that defines it and its logical ID there, when it is defined in the app. */
  readonly definedIn?: { readonly template: TemplateSource; readonly logicalId: string };
}

/** One policy document and who receives it. */
export interface PolicyDocumentSource {
  readonly template: TemplateSource;
  /** The resource that holds the document. */
  readonly logicalId: string;
  /** Where the document is in the resource, as a property path (`Properties/PolicyDocument`). */
  readonly location: string;
  /** The construct path of the resource (`.../Policies/<name>` for an inline policy of a role, user or group). */
  readonly where: string;
  readonly document: unknown;
  readonly principals: readonly Principal[];
}

/** Finds construct paths: `(template, logicalId) => path`. */
export type PathOf = (template: TemplateSource, logicalId: string) => string;

/** The kind of each principal resource type. */
const KIND_OF_TYPE: Readonly<Record<string, PrincipalKind>> = Object.fromEntries(PRINCIPAL_KINDS.map((k) => [k.resourceType, k.name]));

/** The property of a policy resource that lists the principals of each kind. */
const LIST_PROPERTY = Object.fromEntries(PRINCIPAL_KINDS.map((k) => [k.name, k.listProperty])) as Readonly<Record<PrincipalKind, string>>;

/** The single-principal policy resources and the property that names their principal. */
const SINGLE_PRINCIPAL_POLICY: Readonly<Record<string, [PrincipalKind, string]>> = Object.fromEntries(
  PRINCIPAL_KINDS.map((k) => [k.singlePolicy.resourceType, [k.name, k.singlePolicy.nameProperty]]));

/** A reference followed to a resource of a template, or not followed (`undefined`). */
type Target = { readonly template: TemplateSource; readonly logicalId: string } | undefined;

/** Every policy document of `templates` and the principals that receive it. */
export function policyDocuments(templates: readonly TemplateSource[], pathOf: PathOf): PolicyDocumentSource[] {
  const exports = new Map<string, { template: TemplateSource; value: unknown }>();
  for (const template of templates) {
    for (const output of Object.values<any>(template.json.Outputs ?? {})) {
      const name = output?.Export?.Name;
      if (typeof name === 'string') {
        exports.set(name, { template, value: output.Value });
      }
    }
  }

  /** Follows `value` (a `Ref`, an import, a parameter of a nested stack) to the resource it names. */
  const follow = (template: TemplateSource, value: unknown, depth = 0): Target => {
    const [fn, arg] = intrinsic(value) ?? [];
    if (depth > 10) {
      return undefined;
    }
    if (fn === 'Ref' || fn === 'Fn::GetAtt') {
      const logicalId = String(Array.isArray(arg) ? arg[0] : arg).split('.')[0];
      if (template.json.Resources[logicalId]) {
        return { template, logicalId };
      }
      const passed = template.parent?.parameters[logicalId];
      return passed === undefined ? undefined : follow(template.parent!.template, passed, depth + 1);
    }
    if (fn === 'Fn::ImportValue' && typeof arg === 'string' && exports.has(arg)) {
      const exported = exports.get(arg)!;
      return follow(exported.template, exported.value, depth + 1);
    }
    return undefined;
  };

  const principalOf = (template: TemplateSource, value: unknown, kind: PrincipalKind): Principal => {
    const target = follow(template, value);
    const resource = target && target.template.json.Resources[target.logicalId];
    if (target && KIND_OF_TYPE[resource.Type] === kind) {
      const name = pathOf(target.template, target.logicalId);
      return { key: `${target.template.path} ${target.logicalId}`, kind, name, definedIn: target };
    }
    const name = renderValue(value).text;
    return { key: `${kind} ${name}`, kind, name };
  };

  // Managed policies attached by a principal's ManagedPolicyArns: "template logicalId" of the policy -> principals.
  const attachedByPrincipal = new Map<string, Principal[]>();
  for (const template of templates) {
    for (const [logicalId, resource] of Object.entries<any>(template.json.Resources ?? {})) {
      const kind = KIND_OF_TYPE[resource.Type];
      for (const arn of kind ? resource.Properties?.ManagedPolicyArns ?? [] : []) {
        const target = follow(template, arn);
        if (target) {
          const key = `${target.template.path} ${target.logicalId}`;
          const principals = attachedByPrincipal.get(key) ?? [];
          principals.push(principalOf(template, { Ref: logicalId }, kind));
          attachedByPrincipal.set(key, principals);
        }
      }
    }
  }

  const documents: PolicyDocumentSource[] = [];
  for (const template of templates) {
    for (const [logicalId, resource] of Object.entries<any>(template.json.Resources ?? {})) {
      const props = resource.Properties ?? {};
      const where = pathOf(template, logicalId);
      const kind = KIND_OF_TYPE[resource.Type];
      if (kind) {
        const self = principalOf(template, { Ref: logicalId }, kind);
        (props.Policies ?? []).forEach((policy: any, i: number) => documents.push({
          template,
          logicalId,
          location: `Properties/Policies/${i}/PolicyDocument`,
          where: `${where}/Policies/${typeof policy?.PolicyName === 'string' ? policy.PolicyName : i}`,
          document: policy?.PolicyDocument,
          principals: [self],
        }));
      } else if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
        const listed = (Object.keys(LIST_PROPERTY) as PrincipalKind[])
          .flatMap((k) => (props[LIST_PROPERTY[k]] ?? []).map((value: unknown) => principalOf(template, value, k)));
        const attached = attachedByPrincipal.get(`${template.path} ${logicalId}`) ?? [];
        documents.push({
          template,
          logicalId,
          location: 'Properties/PolicyDocument',
          where,
          document: props.PolicyDocument,
          principals: unique([...listed, ...attached]),
        });
      } else if (SINGLE_PRINCIPAL_POLICY[resource.Type]) {
        const [principalKind, property] = SINGLE_PRINCIPAL_POLICY[resource.Type];
        documents.push({
          template,
          logicalId,
          location: 'Properties/PolicyDocument',
          where,
          document: props.PolicyDocument,
          principals: [principalOf(template, props[property], principalKind)],
        });
      }
    }
  }
  return documents;
}

function unique(principals: readonly Principal[]): Principal[] {
  return [...new Map(principals.map((principal) => [principal.key, principal])).values()];
}

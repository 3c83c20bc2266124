/**
 * The templates of one check, indexed so that references between them can be followed: a `Ref` or `Fn::GetAtt` to a
 * resource of the same template, a nested stack's parameter to the value its parent passes, a nested stack's output
 * (`Fn::GetAtt <Stack>.Outputs.<Name>`) to its value, `Fn::ImportValue` to the export of these templates with that
 * name, `Fn::GetStackOutput` to the output of the stack with that name (what aws-cdk-lib writes for a weak cross-stack
 * reference), and a name (`RoleName`, `ManagedPolicyName`, ...) to the resources that have it.
 */
import { getAtt, intrinsic } from './intrinsics';
import { TemplateSource } from '../templates/template-source';

/** A resource of a template. */
export interface Target {
  readonly template: TemplateSource;
  readonly logicalId: string;
}

/** A value of a template (an output's, a parameter's): interpreted in that template. */
export interface Located {
  readonly template: TemplateSource;
  readonly value: unknown;
}

/** References are followed at most this deep (a chain of imports and nested stacks), so a cycle ends. */
const MAX_DEPTH = 20;

/** The templates of one check. */
export class TemplateSet {
  private readonly exports = new Map<string, Located>();
  private readonly byStackName = new Map<string, TemplateSource[]>();
  private readonly children = new Map<TemplateSource, Map<string, TemplateSource>>();
  private readonly names = new Map<string, Target[]>();

  constructor(public readonly templates: readonly TemplateSource[]) {
    for (const template of templates) {
      for (const output of Object.values<any>(template.json.Outputs ?? {})) {
        const name = literalName(template, output?.Export?.Name);
        if (name !== undefined) {
          this.exports.set(name, { template, value: output.Value });
        }
      }
      if (template.stackName !== undefined) {
        this.byStackName.set(template.stackName, [...this.byStackName.get(template.stackName) ?? [], template]);
      }
      if (template.parent) {
        const children = this.children.get(template.parent.template) ?? new Map<string, TemplateSource>();
        children.set(template.parent.logicalId, template);
        this.children.set(template.parent.template, children);
      }
    }
  }

  /** The resource `logicalId` of `template`, if it has one. */
  public resource(template: TemplateSource, logicalId: string): any {
    const resources = template.json.Resources;
    return typeof resources === 'object' && resources !== null && Object.prototype.hasOwnProperty.call(resources, logicalId)
      ? resources[logicalId]
      : undefined;
  }

  /** The template of the nested stack that the resource `logicalId` of `template` creates, if it is among these. */
  public nestedTemplate(template: TemplateSource, logicalId: string): TemplateSource | undefined {
    return this.children.get(template)?.get(logicalId);
  }

  /** The value of the export `name`, if one of these templates exports it. */
  public exported(name: string): Located | undefined {
    return this.exports.get(name);
  }

  /** The value of the output `outputName` of the stack named `stackName`, if exactly one of these templates is it. */
  public stackOutput(stackName: string, outputName: string): Located | undefined {
    const [template, ...others] = this.byStackName.get(stackName) ?? [];
    const output = template?.json.Outputs?.[outputName];
    return others.length === 0 && output !== undefined ? { template, value: output.Value } : undefined;
  }

  /**
   * What `value`, a reference in `template`, leads to when it is one the templates can answer: the value a parent
   * passes to a nested stack's parameter, a nested stack's output, an export, another stack's output. `undefined` for
   * anything else (a literal, a resource, a parameter nobody passes, an import of another app).
   */
  public referenced(template: TemplateSource, value: unknown): Located | undefined {
    // Stryker disable next-line ArrayDeclaration: a plain value has no function name; a made-up one matches none read here either.
    const [fn, arg] = intrinsic(value) ?? [];
    if (fn === 'Ref' && typeof arg === 'string') {
      const parent = template.parent;
      return parent && this.resource(template, arg) === undefined && Object.prototype.hasOwnProperty.call(parent.parameters, arg)
        ? { template: parent.template, value: parent.parameters[arg] }
        : undefined;
    }
    if (fn === 'Fn::GetAtt') {
      const [logicalId, attribute] = getAtt(arg);
      const nested = attribute?.startsWith('Outputs.') ? this.nestedTemplate(template, logicalId) : undefined;
      const output = nested?.json.Outputs?.[attribute!.slice('Outputs.'.length)];
      return output === undefined ? undefined : { template: nested!, value: output.Value };
    }
    const imported = fn === 'Fn::ImportValue' ? literalName(template, arg) : undefined;
    if (imported !== undefined) {
      return this.exported(imported);
    }
    if (fn === 'Fn::GetStackOutput' && typeof arg?.StackName === 'string' && typeof arg.OutputName === 'string') {
      return this.stackOutput(arg.StackName, arg.OutputName);
    }
    return undefined;
  }

  /**
   * The resource `value` leads to: a `Ref` or `Fn::GetAtt` of a resource of the template where the references end,
   * after following parameters, outputs, exports and stack outputs.
   */
  public follow(template: TemplateSource, value: unknown, depth = 0): Target | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const next = this.referenced(template, value);
    if (next) {
      return this.follow(next.template, next.value, depth + 1);
    }
    // Stryker disable next-line ArrayDeclaration: a plain value has no function name; a made-up one matches none read here either.
    const [fn, arg] = intrinsic(value) ?? [];
    const logicalId = fn === 'Ref' ? arg : fn === 'Fn::GetAtt' ? getAtt(arg)[0] : undefined;
    return typeof logicalId === 'string' && this.resource(template, logicalId) !== undefined ? { template, logicalId } : undefined;
  }

  /** The resources of type `type` whose property `property` is the literal `name`. */
  public named(type: string, property: string, name: string): readonly Target[] {
    const key = `${type} ${property}`;
    if (!this.names.has(key)) {
      for (const template of this.templates) {
        for (const [logicalId, resource] of Object.entries<any>(template.json.Resources ?? {})) {
          const value = resource?.Type === type ? resource.Properties?.[property] : undefined;
          if (typeof value === 'string') {
            const indexKey = `${key} ${value}`;
            this.names.set(indexKey, [...this.names.get(indexKey) ?? [], { template, logicalId }]);
          }
        }
      }
      this.names.set(key, []);
    }
    return this.names.get(`${key} ${name}`) ?? [];
  }
}

/**
 * The name `value` makes in `template`, when it is known at synthesis: a literal, or `Fn::Sub` / `Fn::Join` of literals
 * (`Fn::Sub`'s variables too) and the pseudo parameters the template's stack decides (`AWS::StackName`, and `AWS::Region` and `AWS::AccountId`
 * where its environment is known), as export names are often built.
 */
function literalName(template: TemplateSource, value: unknown): string | undefined {
  const pseudo: Record<string, string | undefined> = {
    'AWS::StackName': template.stackName,
    'AWS::Region': template.env.region,
    'AWS::AccountId': template.env.account,
  };
  if (typeof value === 'string') {
    return value;
  }
  // Stryker disable next-line ArrayDeclaration: a plain value has no function name; a made-up one matches none read here either.
  const [fn, arg] = intrinsic(value) ?? [];
  if (fn === 'Ref' && typeof arg === 'string') {
    return pseudo[arg];
  }
  if (fn === 'Fn::Sub') {
    const [text, variables = {}] = Array.isArray(arg) ? arg : [arg];
    if (typeof text !== 'string') {
      return undefined;
    }
    const parts = text.split(/\$\{([^}]*)\}/).map((part, i) => (i % 2 === 0 ? part
      : Object.prototype.hasOwnProperty.call(variables, part) ? literalName(template, variables[part]) : pseudo[part]));
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const parts = arg[1].map((part: unknown) => literalName(template, part));
    return parts.every((part: string | undefined) => part !== undefined) ? parts.join(arg[0]) : undefined;
  }
  return undefined;
}

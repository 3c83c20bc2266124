/**
 * One concrete world of a set of CloudFormation templates, for the access check's independent judge: every parameter,
 * condition, account, region, import and stack output given a value, every intrinsic resolved to what CloudFormation
 * would make of it, SAM expanded, and for each role, user and group the identity policies it ends up with.
 *
 * This is deliberately written apart from the library (lib/private/access-check/): the judge must not share the
 * check's mistakes. Conditions are free booleans here (the check reads both branches of every `Fn::If`, so every
 * combination is a world the report must cover), not computed from the parameters.
 */
import { awsManagedPolicyByArn, awsManagedPolicyByName, isAwsManagedPolicyArn } from './aws-managed-policies';
import { IAM_KINDS, SAM_TRANSFORM, StackScope, Unread, isSamRoleOwner, judgeHexId } from './cfn-world-scope';
import { NamedPolicy } from './evaluator';
import { samRolePolicies } from './sam-policies';

export { judgeHexId } from './cfn-world-scope';

/** A template of a case, as the judge needs it. `name` is its path inside the case, `stackName` its stack's. */
export interface JudgeTemplate {
  readonly name: string;
  readonly stackName: string;
  readonly json: any;
  /** The account and region of its stack when the case fixes them (else the world's). */
  readonly env?: { readonly account?: string; readonly region?: string };
  /** For a nested stack: the template that creates it and the logical ID of its `AWS::CloudFormation::Stack` there. */
  readonly parent?: { readonly template: { readonly name: string }; readonly logicalId: string };
}

/** Everything a world fixes. Maps keyed by template are keyed by `JudgeTemplate.name`. */
export interface Assignment {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** Parameter values of the root templates (a nested stack's come from its parent). A list parameter takes a list. */
  readonly parameters: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  /** The value of every condition each template defines. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  /** `Fn::ImportValue` names no template of the world exports, and their values. */
  readonly imports?: Readonly<Record<string, string>>;
  /** `Fn::GetStackOutput` of stacks not in the world: `<StackName>.<OutputName>` and its value. */
  readonly stackOutputs?: Readonly<Record<string, string>>;
  /** Attributes of resources the judge cannot know (a custom resource's): `<LogicalId>.<Attribute>` or `<LogicalId>`. */
  readonly attributes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Mappings a deployment tool adds to a template (the Amplify CLI's `RegionMapping`), merged into its own. */
  readonly mappings?: Readonly<Record<string, any>>;
}

/** A role, user or group of the world, and every identity policy it has there. */
export interface WorldPrincipal {
  /** `<template>#<LogicalId>` when a template defines it (a SAM function's role: the function's ID), else `<kind>:<name>`. */
  readonly key: string;
  readonly kind: 'role' | 'user' | 'group';
  /** Its physical name. */
  readonly name: string;
  readonly definedIn?: { readonly template: string; readonly logicalId: string; readonly via?: string };
  /** Its identity policies, concrete: inline, attached customer and AWS managed, and for a user its groups'. */
  readonly policies: NamedPolicy[];
  /** Its permissions boundary, when it has one the judge could read. */
  readonly permissionsBoundary?: NamedPolicy[];
  /** For a user: the keys of its groups. */
  readonly groups: string[];
  /** Policy sources the judge could not read (a managed policy of another account, an unknown SAM template). */
  readonly unread: string[];
}

/** One concrete world. */
export interface World {
  readonly assignment: Assignment;
  readonly principals: WorldPrincipal[];
  /**
   * What each `${Name}` token of a report stands for in this world: `${Param}`, `${Resource}`, `${Resource.Attribute}`,
   * `${AWS::Region}`, `${Import:Name}`, `${Stack.Output}`. A name several templates use has several values.
   */
  readonly tokens: ReadonlyMap<string, ReadonlySet<string>>;
  /** Pinpoint IDs that appear in the world (projects, campaigns, journeys): probes are built from them. */
  readonly ids: { readonly projects: string[]; readonly campaigns: string[]; readonly journeys: string[] };
  /** Template parts the judge did not read (an `AWS::Include`, a macro, a nested stack whose template is not in the case). */
  readonly unread: string[];
  /** Facts worth a reviewer's attention that are not errors (a policy attached to a resource whose condition is false). */
  readonly notes: string[];
}

/** Builds one world from its templates and assignment. */
export class WorldBuilder {
  readonly scopes = new Map<string, StackScope>();
  readonly errors: string[] = [];
  readonly unread: string[] = [];
  readonly notes: string[] = [];
  readonly tokens = new Map<string, Set<string>>();
  readonly ids = { projects: new Set<string>(), campaigns: new Set<string>(), journeys: new Set<string>() };

  constructor(readonly templates: readonly JudgeTemplate[], readonly assignment: Assignment) {
    const byName = new Map(templates.map((t) => [t.name, t]));
    const scopeOf = (t: JudgeTemplate): StackScope => {
      let scope = this.scopes.get(t.name);
      if (!scope) {
        const parent = t.parent ? byName.get(t.parent.template.name) : undefined;
        if (t.parent && !parent) {
          throw new Error(`${t.name}: its parent ${t.parent.template.name} is not among the case's templates`);
        }
        scope = new StackScope(this, t, parent ? scopeOf(parent) : undefined);
        this.scopes.set(t.name, scope);
      }
      return scope;
    };
    templates.forEach(scopeOf);
  }

  token(name: string, value: any): void {
    const values = this.tokens.get(name) ?? new Set<string>();
    for (const v of Array.isArray(value) ? [...value, value.join(',')] : [value]) {
      if (typeof v === 'string' || typeof v === 'number') {
        values.add(String(v));
      }
    }
    this.tokens.set(name, values);
  }

  child(scope: StackScope, logicalId: string): StackScope | undefined {
    for (const candidate of this.scopes.values()) {
      if (candidate.parentScope === scope && candidate.template.parent?.logicalId === logicalId) {
        return candidate;
      }
    }
    return undefined;
  }

  childStackName(scope: StackScope, logicalId: string): string {
    return this.child(scope, logicalId)?.stackName ?? `${scope.stackName}-${logicalId}-${judgeHexId(logicalId).slice(0, 12).toUpperCase()}`;
  }

  nestedOutput(scope: StackScope, logicalId: string, output: string, path: string): any {
    const child = this.child(scope, logicalId);
    if (!child) {
      return scope.error(path, `the template of the nested stack ${logicalId} is not in the case`);
    }
    const value = child.output(output, path);
    this.token(`${logicalId}.Outputs.${output}`, value);
    return value;
  }

  importValue(name: string, from: StackScope, path: string): any {
    for (const scope of this.scopes.values()) {
      for (const [output, declaration] of Object.entries<any>(scope.template.json.Outputs ?? {})) {
        if (declaration.Export?.Name !== undefined && scope.resolve(declaration.Export.Name, `Outputs.${output}.Export.Name`) === name) {
          const value = scope.output(output, path);
          this.token(`Import:${name}`, value);
          return value;
        }
      }
    }
    const given = this.assignment.imports?.[name];
    if (given === undefined) {
      return from.error(path, `no template exports ${name} and the assignment gives no value for it`);
    }
    this.token(`Import:${name}`, given);
    return given;
  }

  stackOutput(args: any, from: StackScope, path: string): any {
    const { StackName: stackName, OutputName: outputName, Region: region } = args ?? {};
    for (const scope of this.scopes.values()) {
      if (scope.stackName === stackName && (region === undefined || region === scope.region)) {
        const value = scope.output(outputName, path);
        this.token(`${stackName}.${outputName}`, value);
        return value;
      }
    }
    const given = this.assignment.stackOutputs?.[`${stackName}.${outputName}`];
    if (given === undefined) {
      return from.error(path, `no stack ${stackName} in the case has the output ${outputName}, and the assignment gives no value for it`);
    }
    this.token(`${stackName}.${outputName}`, given);
    return given;
  }
}

/** A policy document as CloudFormation passes it to IAM: a JSON string is parsed. `undefined` when it is not one. */
function documentOf(value: any): any {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !containsUnread(value) ? value : undefined;
}

function containsUnread(value: any): boolean {
  if (value instanceof Unread) return true;
  if (Array.isArray(value)) return value.some(containsUnread);
  if (value && typeof value === 'object') return Object.values(value).some(containsUnread);
  return false;
}

interface MutablePrincipal {
  key: string;
  kind: 'role' | 'user' | 'group';
  name: string;
  definedIn?: { template: string; logicalId: string; via?: string };
  policies: NamedPolicy[];
  boundaries: NamedPolicy[];
  groupNames: string[];
  unread: string[];
  boundaryUnread: boolean;
}

/**
 * The world of `templates` under `assignment`: every intrinsic resolved, SAM expanded, and each principal's concrete
 * identity policies. Fails, listing every intrinsic it could not resolve, when the case does not give the judge enough
 * (a parameter without a value, an import nobody exports).
 */
export function resolveWorld(templates: readonly JudgeTemplate[], assignment: Assignment): World {
  const builder = new WorldBuilder(templates, assignment);
  const principals = new Map<string, MutablePrincipal>();
  const byName = new Map<string, MutablePrincipal>();
  const customerPolicies = new Map<string, { name: string; document: any }>();
  const attachments: Array<() => void> = [];

  const principal = (kind: MutablePrincipal['kind'], name: string): MutablePrincipal => {
    const found = byName.get(`${kind}:${name}`);
    if (found) {
      return found;
    }
    const created: MutablePrincipal = { key: `${kind}:${name}`, kind, name, policies: [], boundaries: [], groupNames: [], unread: [], boundaryUnread: false };
    principals.set(created.key, created);
    byName.set(created.key, created);
    return created;
  };
  const addDocument = (to: MutablePrincipal, name: string, value: any, where: string) => {
    const document = documentOf(value);
    if (document === undefined) {
      to.unread.push(`${where}: the policy document is not readable (${JSON.stringify(value)?.slice(0, 120)})`);
    } else {
      to.policies.push({ name, policy: document });
    }
  };
  const managedDocument = (arn: string): { name: string; document: any } | undefined => {
    if (isAwsManagedPolicyArn(arn)) {
      const policy = awsManagedPolicyByArn(arn);
      return policy && { name: policy.arn, document: policy.document };
    }
    return customerPolicies.get(arn);
  };
  const attachManaged = (to: MutablePrincipal, arn: any, where: string, boundary = false) => {
    const found = typeof arn === 'string' ? managedDocument(arn) : undefined;
    if (found === undefined || found.document === undefined) {
      const note = `${where}: the managed policy ${JSON.stringify(arn)} is not one of the case's templates nor an AWS managed policy`;
      if (boundary) {
        to.boundaryUnread = true;
      }
      to.unread.push(note);
    } else if (boundary) {
      to.boundaries.push({ name: found.name, policy: found.document });
    } else {
      to.policies.push({ name: found.name, policy: found.document });
    }
  };

  // Pass 1: resolve every resource of every stack (errors are collected), register principals and managed policies.
  const resolved = new Map<string, Map<string, any>>();
  for (const scope of builder.scopes.values()) {
    const props = new Map<string, any>();
    resolved.set(scope.name, props);
    if (!scope.exists()) {
      continue;
    }
    for (const [id, resource] of Object.entries<any>(scope.template.json.Resources ?? {})) {
      if (!scope.present(id)) {
        continue;
      }
      const properties = scope.resolve(resource.Properties ?? {}, `Resources.${id}.Properties`);
      props.set(id, properties);
      const kind = IAM_KINDS[resource.Type];
      if (kind) {
        const name = scope.physical(id, undefined, `Resources.${id}`);
        const p = principal(kind, name);
        p.key = `${scope.name}#${id}`;
        p.definedIn = { template: scope.name, logicalId: id };
        principals.delete(`${kind}:${name}`);
        principals.set(p.key, p);
      }
      if (resource.Type === 'AWS::IAM::ManagedPolicy') {
        customerPolicies.set(scope.physical(id, undefined, `Resources.${id}`), { name: `${scope.name}#${id}`, document: documentOf(properties.PolicyDocument) });
      }
      if (resource.Type === 'AWS::CloudFormation::Stack' && !builder.child(scope, id)) {
        builder.unread.push(`${scope.name} Resources.${id}: the nested stack's template is not in the case`);
      }
      if (resource.Type?.startsWith('AWS::Serverless::') && !scope.sam) {
        builder.unread.push(`${scope.name} Resources.${id}: ${resource.Type} without the ${SAM_TRANSFORM} transform`);
      }
    }
    for (const name of Object.keys(scope.template.json.Outputs ?? {})) {
      scope.output(name, `Outputs.${name}`);
    }
    // SAM: the role of each function or state machine without `Role`.
    if (scope.sam) {
      const globals = scope.resolve(scope.template.json.Globals ?? {}, 'Globals');
      for (const [id, resource] of Object.entries<any>(scope.template.json.Resources ?? {})) {
        const properties = props.get(id);
        if (!isSamRoleOwner(resource) || properties === undefined || properties.Role !== undefined) {
          continue;
        }
        const isFunction = resource.Type === 'AWS::Serverless::Function';
        const roleName = scope.physical(`${id}Role`, undefined, `Resources.${id}`);
        const p = principal('role', roleName);
        principals.delete(`role:${roleName}`);
        p.key = `${scope.name}#${id}`;
        p.definedIn = { template: scope.name, logicalId: id, via: resource.Type };
        principals.set(p.key, p);
        const sam = samRolePolicies(`${scope.name}#${id}`, properties.Policies, scope.partition, (n) => awsManagedPolicyByName(n)?.arn, isFunction);
        const boundary = properties.PermissionsBoundary ?? (isFunction ? globals.Function?.PermissionsBoundary : undefined);
        attachments.push(() => {
          for (const { name, document } of sam.documents) {
            addDocument(p, name, scope.resolve(document, `Resources.${id}.Properties.Policies`), `${scope.name} Resources.${id}.Properties.Policies`);
          }
          for (const arn of sam.managedPolicyArns) {
            attachManaged(p, arn, `${scope.name} Resources.${id}.Properties.Policies`);
          }
          p.unread.push(...sam.unexpanded);
          if (boundary !== undefined) {
            attachManaged(p, boundary, `${scope.name} Resources.${id}.Properties.PermissionsBoundary`, true);
          }
        });
      }
    }
  }

  // Pass 2: attach policies to principals, by logical ID, by name and by ARN, across the templates.
  for (const scope of builder.scopes.values()) {
    const props = resolved.get(scope.name)!;
    for (const [id, properties] of props) {
      const type = scope.template.json.Resources[id].Type;
      const where = `${scope.name} Resources.${id}`;
      const kind = IAM_KINDS[type];
      if (kind) {
        const p = principals.get(`${scope.name}#${id}`)!;
        attachments.push(() => {
          (properties.Policies ?? []).forEach((inline: any, i: number) =>
            addDocument(p, `${scope.name}#${id}.Policies[${i}]`, inline?.PolicyDocument, `${where}.Properties.Policies[${i}]`));
          for (const arn of properties.ManagedPolicyArns ?? []) {
            attachManaged(p, arn, `${where}.Properties.ManagedPolicyArns`);
          }
          if (properties.PermissionsBoundary !== undefined) {
            attachManaged(p, properties.PermissionsBoundary, `${where}.Properties.PermissionsBoundary`, true);
          }
          if (kind === 'user') {
            p.groupNames.push(...(properties.Groups ?? []));
          }
        });
      }
      if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') {
        for (const [property, k] of [['Roles', 'role'], ['Users', 'user'], ['Groups', 'group']] as const) {
          for (const name of [properties[property] ?? []].flat(2)) {
            const p = principal(k, name);
            attachments.push(() => {
              if (type === 'AWS::IAM::Policy') {
                addDocument(p, `${scope.name}#${id}`, properties.PolicyDocument, `${where}.Properties.PolicyDocument`);
              } else {
                attachManaged(p, scope.physical(id, undefined, where), `${where}.Properties.${property}`);
              }
            });
          }
        }
      }
      const single: Record<string, ['role' | 'user' | 'group', string]> = {
        'AWS::IAM::RolePolicy': ['role', 'RoleName'],
        'AWS::IAM::UserPolicy': ['user', 'UserName'],
        'AWS::IAM::GroupPolicy': ['group', 'GroupName'],
      };
      if (type in single) {
        const [k, property] = single[type];
        const p = principal(k, properties[property]);
        attachments.push(() => addDocument(p, `${scope.name}#${id}`, properties.PolicyDocument, `${where}.Properties.PolicyDocument`));
      }
      if (type === 'AWS::IAM::UserToGroupAddition') {
        for (const user of properties.Users ?? []) {
          const p = principal('user', user);
          attachments.push(() => p.groupNames.push(properties.GroupName));
        }
      }
    }
  }
  attachments.forEach((attach) => attach());

  if (builder.errors.length > 0) {
    throw new Error(`the judge could not resolve the world:\n  ${builder.errors.join('\n  ')}`);
  }

  // A user has its groups' policies too.
  const final: WorldPrincipal[] = [];
  for (const p of principals.values()) {
    const groups = p.groupNames.map((g) => byName.get(`group:${g}`) ?? principal('group', g));
    const policies = [...p.policies];
    const unread = [...p.unread];
    for (const g of groups) {
      policies.push(...g.policies.map((gp) => ({ name: `${gp.name} (via group ${g.name})`, policy: gp.policy })));
      unread.push(...g.unread.map((u) => `${u} (via group ${g.name})`));
    }
    final.push({
      key: p.key,
      kind: p.kind,
      name: p.name,
      definedIn: p.definedIn,
      policies,
      permissionsBoundary: p.boundaries.length > 0 && !p.boundaryUnread ? p.boundaries : undefined,
      groups: groups.map((g) => g.key),
      unread,
    });
  }
  for (const scope of builder.scopes.values()) {
    for (const pseudo of ['AWS::AccountId', 'AWS::Region', 'AWS::Partition']) {
      builder.token(pseudo, scope.pseudo(pseudo));
    }
  }
  for (const value of Object.values(assignment.parameters).flatMap((params) => Object.values(params)).flat()) {
    if (typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)) {
      builder.ids.projects.add(value);
    }
  }
  return {
    assignment,
    principals: final,
    tokens: builder.tokens,
    ids: { projects: [...builder.ids.projects], campaigns: [...builder.ids.campaigns], journeys: [...builder.ids.journeys] },
    unread: [...new Set(builder.unread)],
    notes: [...new Set(builder.notes)],
  };
}

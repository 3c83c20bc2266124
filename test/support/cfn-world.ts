/**
 * One concrete world of a set of CloudFormation templates, for the access check's independent judge: every parameter,
 * condition, account, region, import and stack output given a value, every intrinsic resolved to what CloudFormation
 * would make of it, SAM expanded, and for each role, user and group the identity policies it ends up with.
 *
 * This is deliberately written apart from the library (lib/private/access-check/): the judge must not share the
 * check's mistakes. Conditions are free booleans here (the check reads both branches of every `Fn::If`, so every
 * combination is a world the report must cover), not computed from the parameters.
 */
import { createHash } from 'crypto';
import { awsManagedPolicyByArn, awsManagedPolicyByName, isAwsManagedPolicyArn } from './aws-managed-policies';
import { NamedPolicy } from './evaluator';
import { samRolePolicies } from './sam-policies';

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

const NO_VALUE = Symbol('AWS::NoValue');

/** A part of a template the judge cannot read (a transform it does not expand). */
class Unread {
  constructor(readonly what: string) {}
}

const IAM_KINDS: Record<string, 'role' | 'user' | 'group'> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
};

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A deterministic 32-character lowercase hex ID (the shape of Pinpoint's IDs) for `seed`. */
export function judgeHexId(seed: string): string {
  return createHash('md5').update(seed).digest('hex');
}

/** Resolves one template in one world. */
class StackScope {
  readonly resources: Record<string, any>;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly sam: boolean;
  private readonly cache = new Map<string, any>();
  private depth = 0;

  constructor(readonly builder: WorldBuilder, readonly template: JudgeTemplate, readonly parentScope?: StackScope) {
    this.resources = { ...(template.json.Resources ?? {}) };
    const env = template.env ?? {};
    this.account = env.account ?? parentScope?.account ?? builder.assignment.account;
    this.region = env.region ?? parentScope?.region ?? builder.assignment.region;
    this.partition = builder.assignment.partition;
    const transforms = ([] as unknown[]).concat(template.json.Transform ?? []);
    this.sam = transforms.includes(SAM_TRANSFORM);
    for (const transform of transforms) {
      if (transform !== SAM_TRANSFORM) {
        builder.unread.push(`${template.name}: the transform ${JSON.stringify(transform)} is not expanded`);
      }
    }
    if (this.sam) {
      // The role SAM creates for a function or state machine without `Role`, so `Ref`/`Fn::GetAtt <Id>Role` resolve.
      for (const [id, resource] of Object.entries<any>(template.json.Resources ?? {})) {
        if (isSamRoleOwner(resource) && resource.Properties?.Role === undefined && !(`${id}Role` in this.resources)) {
          this.resources[`${id}Role`] = { Type: 'AWS::IAM::Role', Condition: resource.Condition, SamOwner: id };
        }
      }
    }
  }

  get name(): string {
    return this.template.name;
  }

  /** Whether the stack exists in this world: a nested stack exists when its `AWS::CloudFormation::Stack` does. */
  exists(): boolean {
    return !this.parentScope || (this.parentScope.exists() && this.parentScope.present(this.template.parent!.logicalId));
  }

  get stackName(): string {
    return this.template.stackName;
  }

  error(path: string, message: string): undefined {
    this.builder.errors.push(`${this.name} ${path}: ${message}`);
    return undefined;
  }

  conditionValue(name: string, path: string): boolean {
    const value = this.builder.assignment.conditions[this.name]?.[name];
    if (value === undefined) {
      if (!(name in (this.template.json.Conditions ?? {}))) {
        this.error(path, `the condition ${name} is not defined`);
      } else {
        this.error(path, `the assignment gives no value to the condition ${name}`);
      }
      return false;
    }
    return value;
  }

  /** Whether the resource exists in this world (no `Condition`, or a condition that is true). */
  present(logicalId: string): boolean {
    const condition = this.resources[logicalId]?.Condition;
    return condition === undefined || this.conditionValue(condition, `Resources.${logicalId}.Condition`);
  }

  parameter(name: string, path: string): any {
    const key = `param:${name}`;
    if (this.cache.has(key)) {
      return this.cache.get(key);
    }
    const declaration = this.template.json.Parameters?.[name];
    let value: any;
    if (this.parentScope && this.template.parent) {
      const stack = this.parentScope.resources[this.template.parent.logicalId];
      const given = stack?.Properties?.Parameters?.[name];
      value = given === undefined ? undefined : this.parentScope.resolve(given, `Resources.${this.template.parent.logicalId}.Properties.Parameters.${name}`);
    } else {
      value = this.builder.assignment.parameters[this.name]?.[name];
    }
    if (value === undefined) {
      value = declaration?.Default;
    }
    if (value === undefined) {
      return this.error(path, `the parameter ${name} has no value and no default`);
    }
    const type: string = declaration?.Type ?? 'String';
    if (typeof value === 'number' || typeof value === 'boolean') {
      value = String(value);
    }
    if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof value === 'string') {
      value = value.split(',').map((v) => v.trim());
    }
    this.cache.set(key, value);
    this.builder.token(name, value);
    return value;
  }

  pseudo(name: string): any {
    switch (name) {
      case 'AWS::AccountId': return this.account;
      case 'AWS::Region': return this.region;
      case 'AWS::Partition': return this.partition;
      case 'AWS::URLSuffix': return this.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName': return this.stackName;
      case 'AWS::StackId':
        return `arn:${this.partition}:cloudformation:${this.region}:${this.account}:stack/${this.stackName}/${uuidOf(this.stackName)}`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
      default: return undefined;
    }
  }

  /** `Ref` of a parameter, pseudo parameter or resource. */
  ref(name: string, path: string): any {
    if (name.startsWith('AWS::')) {
      const value = this.pseudo(name);
      if (value === undefined) {
        return this.error(path, `unknown pseudo parameter ${name}`);
      }
      if (value !== NO_VALUE) {
        this.builder.token(name, value);
      }
      return value;
    }
    if (this.template.json.Parameters && name in this.template.json.Parameters) {
      return this.parameter(name, path);
    }
    if (name in this.resources) {
      const value = this.physical(name, undefined, path);
      this.builder.token(name, value);
      return value;
    }
    return this.error(path, `Ref ${name} names no parameter or resource`);
  }

  getAtt(logicalId: string, attribute: string, path: string): any {
    if (!(logicalId in this.resources)) {
      return this.error(path, `Fn::GetAtt ${logicalId}.${attribute} names no resource`);
    }
    const value = this.physical(logicalId, attribute, path);
    if (value !== undefined) {
      this.builder.token(`${logicalId}.${attribute}`, value);
    }
    return value;
  }

  /** A generated physical name: `<stack>-<LogicalId>-<hash>`, at most `max` characters. */
  generatedName(logicalId: string, max = 64): string {
    const suffix = judgeHexId(`${this.stackName}/${logicalId}`).slice(0, 12).toUpperCase();
    return `${this.stackName}-${logicalId}`.slice(0, max - suffix.length - 1) + '-' + suffix;
  }

  property(logicalId: string, name: string): any {
    const value = this.resources[logicalId]?.Properties?.[name];
    const resolved = value === undefined ? undefined : this.resolve(value, `Resources.${logicalId}.Properties.${name}`);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** What `Ref` (attribute `undefined`) or `Fn::GetAtt` of a resource returns in this world. */
  physical(logicalId: string, attribute: string | undefined, path: string): any {
    const given = this.builder.assignment.attributes?.[this.name]?.[attribute === undefined ? logicalId : `${logicalId}.${attribute}`];
    if (given !== undefined) {
      return given;
    }
    const resource = this.resources[logicalId];
    if (!this.present(logicalId)) {
      this.builder.notes.push(`${this.name} ${path}: refers to ${logicalId}, whose condition is false in this world`);
    }
    const { partition: p, region: r, account: a } = this;
    const type: string = resource.Type;
    const name = (prop: string, max?: number) => this.property(logicalId, prop) ?? this.generatedName(logicalId, max);
    const iamPath = () => this.property(logicalId, 'Path') ?? '/';
    switch (type) {
      case 'AWS::IAM::Role':
        if (attribute === 'Arn') return `arn:${p}:iam::${a}:role${iamPath()}${name('RoleName')}`;
        if (attribute === 'RoleId') return 'AROA' + judgeHexId(`${this.stackName}/${logicalId}`).slice(0, 17).toUpperCase();
        return attribute === undefined ? name('RoleName') : this.unknownAttribute(logicalId, attribute, path);
      case 'AWS::IAM::User':
        if (attribute === 'Arn') return `arn:${p}:iam::${a}:user${iamPath()}${name('UserName')}`;
        return attribute === undefined ? name('UserName') : this.unknownAttribute(logicalId, attribute, path);
      case 'AWS::IAM::Group':
        if (attribute === 'Arn') return `arn:${p}:iam::${a}:group${iamPath()}${name('GroupName', 128)}`;
        return attribute === undefined ? name('GroupName', 128) : this.unknownAttribute(logicalId, attribute, path);
      case 'AWS::IAM::ManagedPolicy':
        if (attribute === undefined || attribute === 'PolicyArn') return `arn:${p}:iam::${a}:policy${iamPath()}${name('ManagedPolicyName', 128)}`;
        return this.unknownAttribute(logicalId, attribute, path);
      case 'AWS::Pinpoint::App': {
        const id = judgeHexId(`${this.stackName}/${logicalId}`);
        this.builder.ids.projects.add(id);
        if (attribute === 'Arn') return `arn:${p}:mobiletargeting:${r}:${a}:apps/${id}`;
        return attribute === undefined ? id : this.unknownAttribute(logicalId, attribute, path);
      }
      case 'AWS::Pinpoint::Campaign':
      case 'AWS::Pinpoint::Segment': {
        const id = judgeHexId(`${this.stackName}/${logicalId}`);
        const kind = type === 'AWS::Pinpoint::Campaign' ? 'campaigns' : 'segments';
        if (kind === 'campaigns') this.builder.ids.campaigns.add(id);
        if (attribute === 'Arn') return `arn:${p}:mobiletargeting:${r}:${a}:apps/${this.property(logicalId, 'ApplicationId')}/${kind}/${id}`;
        return id;
      }
      case 'AWS::CloudFormation::Stack': {
        if (attribute?.startsWith('Outputs.')) {
          return this.builder.nestedOutput(this, logicalId, attribute.slice('Outputs.'.length), path);
        }
        const child = this.builder.childStackName(this, logicalId);
        return `arn:${p}:cloudformation:${r}:${a}:stack/${child}/${uuidOf(child)}`;
      }
      case 'AWS::Lambda::Function':
      case 'AWS::Serverless::Function':
        if (attribute === 'Arn') return `arn:${p}:lambda:${r}:${a}:function:${name('FunctionName')}`;
        return name('FunctionName');
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine': {
        const arn = `arn:${p}:states:${r}:${a}:stateMachine:${name('StateMachineName', 80)}`;
        return attribute === 'Name' ? name('StateMachineName', 80) : arn;
      }
      case 'AWS::SNS::Topic': {
        const arn = `arn:${p}:sns:${r}:${a}:${name('TopicName', 256)}`;
        return attribute === 'TopicName' ? name('TopicName', 256) : arn;
      }
      case 'AWS::SQS::Queue':
        if (attribute === 'Arn') return `arn:${p}:sqs:${r}:${a}:${name('QueueName', 80)}`;
        if (attribute === 'QueueName') return name('QueueName', 80);
        return `https://sqs.${r}.amazonaws.com/${a}/${name('QueueName', 80)}`;
      case 'AWS::DynamoDB::Table':
      case 'AWS::Serverless::SimpleTable':
        if (attribute === 'Arn') return `arn:${p}:dynamodb:${r}:${a}:table/${name('TableName', 255)}`;
        if (attribute === 'StreamArn') return `arn:${p}:dynamodb:${r}:${a}:table/${name('TableName', 255)}/stream/2020-01-01T00:00:00.000`;
        return name('TableName', 255);
      case 'AWS::Kinesis::Stream':
        if (attribute === 'Arn') return `arn:${p}:kinesis:${r}:${a}:stream/${name('Name', 128)}`;
        return name('Name', 128);
      case 'AWS::KinesisFirehose::DeliveryStream':
        if (attribute === 'Arn') return `arn:${p}:firehose:${r}:${a}:deliverystream/${name('DeliveryStreamName')}`;
        return name('DeliveryStreamName');
      case 'AWS::S3::Bucket': {
        const bucket = (this.property(logicalId, 'BucketName') ?? this.generatedName(logicalId, 63)).toLowerCase();
        if (attribute === 'Arn') return `arn:${p}:s3:::${bucket}`;
        if (attribute === 'DomainName') return `${bucket}.s3.amazonaws.com`;
        if (attribute === 'RegionalDomainName') return `${bucket}.s3.${r}.amazonaws.com`;
        return attribute === undefined ? bucket : `${bucket}.${attribute}`;
      }
      case 'AWS::KMS::Key': {
        const id = uuidOf(`${this.stackName}/${logicalId}`);
        return attribute === 'Arn' ? `arn:${p}:kms:${r}:${a}:key/${id}` : id;
      }
      case 'AWS::Lambda::LayerVersion':
      case 'AWS::Serverless::LayerVersion':
        return `arn:${p}:lambda:${r}:${a}:layer:${name('LayerName', 64)}:1`;
      default:
        if (attribute === undefined) return this.generatedName(logicalId);
        if (attribute === 'Arn') return `arn:${p}:${serviceOf(type)}:${r}:${a}:${logicalId}`;
        // A custom resource's attributes: an ID-like one gets an ID of Pinpoint's shape, the others a readable value.
        return /Id$/.test(attribute) ? judgeHexId(`${this.stackName}/${logicalId}.${attribute}`) : `${logicalId}.${attribute}`;
    }
  }

  unknownAttribute(logicalId: string, attribute: string, path: string): undefined {
    return this.error(path, `Fn::GetAtt ${logicalId}.${attribute}: the judge knows no such attribute of ${this.resources[logicalId].Type}`);
  }

  mapping(args: any[], path: string): any {
    const [map, first, second] = args.map((a, i) => (i < 3 ? this.resolve(a, `${path}[${i}]`) : a));
    const mappings = { ...(this.template.json.Mappings ?? {}), ...(this.builder.assignment.mappings?.[this.name] ?? {}) };
    const value = mappings[map]?.[first]?.[second];
    if (value !== undefined) {
      return value;
    }
    const defaultValue = args[3]?.DefaultValue;
    if (defaultValue !== undefined) {
      return this.resolve(defaultValue, `${path}[3].DefaultValue`);
    }
    return this.error(path, `Fn::FindInMap ${JSON.stringify([map, first, second])} is not in the template's mappings`);
  }

  sub(args: any, path: string): any {
    const [text, variables] = typeof args === 'string' ? [args, {}] : args;
    const values: Record<string, any> = {};
    for (const [name, value] of Object.entries<any>(variables ?? {})) {
      values[name] = this.resolve(value, `${path}[1].${name}`);
    }
    if (typeof text !== 'string') {
      return this.error(path, `Fn::Sub needs a string, not ${JSON.stringify(text)}`);
    }
    return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) {
        return '${' + name.slice(1) + '}';
      }
      let value: any;
      if (name in values) {
        value = values[name];
      } else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        value = this.getAtt(name.slice(0, dot), name.slice(dot + 1), path);
      } else {
        value = this.ref(name, path);
      }
      if (Array.isArray(value)) {
        return value.join(',');
      }
      return value === undefined || value === NO_VALUE ? whole : String(value);
    });
  }

  /** `value` with every intrinsic resolved. `AWS::NoValue` removes a property or list element. */
  resolve(value: any, path: string): any {
    if (++this.depth > 200) {
      this.depth = 0;
      return this.error(path, 'references loop');
    }
    try {
      return this.resolveOnce(value, path);
    } finally {
      this.depth--;
    }
  }

  private resolveOnce(value: any, path: string): any {
    if (Array.isArray(value)) {
      return value.map((v, i) => this.resolve(v, `${path}[${i}]`)).filter((v) => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object' || value instanceof Unread) {
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const args = value[fn];
      const at = `${path}.${fn}`;
      switch (fn) {
        case 'Ref':
          return this.ref(args, at);
        case 'Fn::GetAtt': {
          const [id, attribute] = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args;
          return this.getAtt(id, this.resolve(attribute, at), at);
        }
        case 'Fn::Sub':
          return this.sub(args, at);
        case 'Fn::Join': {
          const parts = this.resolve(args[1], `${at}[1]`);
          return Array.isArray(parts) ? parts.map((p) => (typeof p === 'string' ? p : String(p))).join(args[0]) : this.error(at, 'Fn::Join needs a list');
        }
        case 'Fn::If': {
          const [condition, whenTrue, whenFalse] = args;
          return this.conditionValue(condition, at) ? this.resolve(whenTrue, `${at}[1]`) : this.resolve(whenFalse, `${at}[2]`);
        }
        case 'Fn::Select': {
          const index = Number(this.resolve(args[0], `${at}[0]`));
          const list = this.resolve(args[1], `${at}[1]`);
          return Array.isArray(list) && index >= 0 && index < list.length ? list[index] : this.error(at, `Fn::Select ${index} of ${JSON.stringify(list)}`);
        }
        case 'Fn::Split': {
          const text = this.resolve(args[1], `${at}[1]`);
          return typeof text === 'string' ? text.split(args[0]) : this.error(at, `Fn::Split of ${JSON.stringify(text)}`);
        }
        case 'Fn::FindInMap':
          return this.mapping(args, at);
        case 'Fn::ImportValue':
          return this.builder.importValue(this.resolve(args, at), this, at);
        case 'Fn::GetStackOutput':
          return this.builder.stackOutput(this.resolve(args, at), this, at);
        case 'Fn::Base64':
          return Buffer.from(String(this.resolve(args, at))).toString('base64');
        case 'Fn::GetAZs': {
          const region = this.resolve(args, at) || this.region;
          return ['a', 'b', 'c'].map((z) => `${region}${z}`);
        }
        case 'Fn::Cidr': {
          const count = Number(this.resolve(args[1], `${at}[1]`));
          return Array.from({ length: count }, (_, i) => `10.0.${i}.0/24`);
        }
        case 'Fn::Length': {
          const list = this.resolve(args, at);
          return Array.isArray(list) ? list.length : this.error(at, 'Fn::Length needs a list');
        }
        case 'Fn::ToJsonString':
          return JSON.stringify(this.resolve(args, at));
        case 'Fn::Transform':
          this.builder.unread.push(`${this.name} ${at}: ${JSON.stringify(args)} is not expanded`);
          return new Unread(`Fn::Transform ${JSON.stringify(args)}`);
        default:
          if (fn.startsWith('Fn::')) {
            return this.error(at, `the judge cannot resolve ${fn}`);
          }
      }
    }
    const result: Record<string, any> = {};
    for (const key of keys) {
      const resolved = this.resolve(value[key], `${path}.${key}`);
      if (resolved !== NO_VALUE && resolved !== undefined) {
        result[key] = resolved;
      }
    }
    return result;
  }

  output(name: string, path: string): any {
    const output = this.template.json.Outputs?.[name];
    if (output === undefined) {
      return this.error(path, `the stack has no output ${name}`);
    }
    if (output.Condition !== undefined && !this.conditionValue(output.Condition, `Outputs.${name}.Condition`)) {
      this.builder.notes.push(`${this.name} ${path}: the output ${name} is not created in this world (its condition is false)`);
    }
    return this.resolve(output.Value, `Outputs.${name}.Value`);
  }
}

function isSamRoleOwner(resource: any): boolean {
  return resource?.Type === 'AWS::Serverless::Function' || resource?.Type === 'AWS::Serverless::StateMachine';
}

function uuidOf(seed: string): string {
  const h = judgeHexId(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function serviceOf(type: string): string {
  return (type.split('::')[1] ?? 'custom').toLowerCase();
}

/** Builds one world from its templates and assignment. */
class WorldBuilder {
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

/**
 * One template of a world (test/support/cfn-world.ts) resolved: `StackScope` gives every parameter, condition, `Ref`,
 * `Fn::GetAtt`, `Fn::Sub` and the other intrinsics of one template the value CloudFormation would give them in that
 * world, and the physical names and ARNs of its resources. What crosses templates (nested stacks, imports, stack
 * outputs) it asks of the world's builder.
 *
 * Written apart from the library like the rest of the judge.
 */
import { createHash } from 'crypto';
import type { JudgeTemplate, WorldBuilder } from './cfn-world';

const NO_VALUE = Symbol('AWS::NoValue');

/** A part of a template the judge cannot read (a transform it does not expand). */
export class Unread {
  constructor(readonly what: string) {}
}

export const IAM_KINDS: Record<string, 'role' | 'user' | 'group'> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
};

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A deterministic 32-character lowercase hex ID (the shape of Pinpoint's IDs) for `seed`. */
export function judgeHexId(seed: string): string {
  return createHash('md5').update(seed).digest('hex');
}

/** Resolves one template in one world. */
export class StackScope {
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

export function isSamRoleOwner(resource: any): boolean {
  return resource?.Type === 'AWS::Serverless::Function' || resource?.Type === 'AWS::Serverless::StateMachine';
}

function uuidOf(seed: string): string {
  const h = judgeHexId(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function serviceOf(type: string): string {
  return (type.split('::')[1] ?? 'custom').toLowerCase();
}


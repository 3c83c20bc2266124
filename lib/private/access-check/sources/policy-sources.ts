/**
 * Every IAM policy document of a set of templates, who receives it and under which conditions, and every policy
 * source the check cannot read.
 *
 * Documents: inline policies of roles, users and groups (`Policies`), `AWS::IAM::Policy`, `AWS::IAM::RolePolicy` /
 * `UserPolicy` / `GroupPolicy`, `AWS::IAM::ManagedPolicy` (attached by its own `Roles` / `Users` / `Groups` or by a
 * principal's `ManagedPolicyArns`, by reference, by a constructed ARN or by name), AWS managed policies (from the
 * generated table of `aws-managed-policies.generated.ts`), and, in templates with the `AWS::Serverless-2016-10-31`
 * transform, the `Policies` of SAM functions and state machines (inline statements, managed policies by ARN or name,
 * SAM's policy templates from `sam-policy-templates.generated.ts`), which SAM gives to the role it creates.
 *
 * A user receives, besides its own, the documents of the groups it is in (its `Groups`, `AWS::IAM::UserToGroupAddition`).
 * `Fn::If` anywhere in these properties is read both ways, and what it chooses holds only under its condition.
 *
 * Not read, and said so: a managed policy whose ARN is known only at deploy time (a parameter, an import of another
 * app), of another account, or not among these templates or the data; a permissions boundary; a transform other than
 * SAM's; a nested stack whose template is not among these; a SAM policy template SAM does not know; an inline policy
 * that is not a mapping (`null`, a text: a template CloudFormation rejects).
 */
import { uniqueBy } from '../../collections';
import { IDENTITY_KINDS, IdentityKindName } from '../../identity-kinds';
import {
  AWS_MANAGED_POLICIES_WITH_MOBILETARGETING,
  AWS_MANAGED_POLICIES_SOURCE,
  AWS_MANAGED_POLICY_NAMES,
} from '../data/aws-managed-policies.generated';
import {
  SAM_POLICY_TEMPLATE_NAMES,
  SAM_POLICY_TEMPLATES_SOURCE,
  SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING,
} from '../data/sam-policy-templates.generated';
import { TemplateSource } from '../templates/template-source';
import { isUndecided, renderValue, TOKEN } from '../values/cfn-values';
import { ALWAYS, both, Conditions, ListElement, listElements, variants } from '../values/conditions';
import { intrinsic } from '../values/intrinsics';
import { Target, TemplateSet } from '../values/template-set';

/** The three kinds of principal an identity policy is attached to. */

/** A role, user or group that receives policies. */
export interface Principal {
  /** Unique within the check. */
  readonly key: string;
  readonly kind: IdentityKindName;
  /** Its construct path when it is defined in the templates, else what the template names (`my-role`, `${Import:Name}`). */
  readonly name: string;
  /**
   * The template that defines it and its logical ID there, when it is defined in the templates. For the role SAM
   * creates for a function or state machine, the logical ID is the function's, and `via` its type.
   */
  readonly definedIn?: { readonly template: TemplateSource; readonly logicalId: string; readonly via?: string };
}

/** A principal that receives a document, and the conditions under which it does. */
export interface Holder {
  readonly principal: Principal;
  readonly when: Conditions;
  /** The group through which a user receives the document. */
  readonly via?: Principal;
}

/** One policy document and who receives it. */
export interface PolicyDocumentSource {
  /** The template whose values the document holds (whose references it makes). */
  readonly template: TemplateSource;
  /** The resource that holds (or, for an AWS managed policy, attaches) the document. */
  readonly logicalId: string;
  /** Where the document is in the resource, as a property path (`Properties/PolicyDocument`). */
  readonly location: string;
  /** Names the document: the construct path of the resource, then the policy within it (`.../Policies/<name>`). */
  readonly where: string;
  /** The document as written: an object, a JSON text, or an intrinsic that makes either. */
  readonly document: unknown;
  /** The conditions under which the document exists at all. */
  readonly when: Conditions;
  readonly holders: readonly Holder[];
  /**
   * The position of each statement in the document as its source writes it, when not its position here: for a
   * document the template does not hold (an AWS managed policy, a SAM policy template), whose statements are located
   * at the entry that brings it in.
   */
  readonly statementIndexes?: readonly number[];
}

/** What the check could not read: every access it may grant is unknown here. */
export interface NotReadSource {
  /** What was not read, as written: an ARN, a transform's name, a policy template's name. */
  readonly source: string;
  readonly kind: 'managed-policy' | 'permissions-boundary' | 'transform' | 'nested-stack' | 'policy-template' | 'policy-document';
  readonly reason: string;
  /** The template that names it. */
  readonly template: TemplateSource;
  /** The resource and property that name it. */
  readonly where: string;
  /** Who would receive it (none for a transform of the whole template). */
  readonly holders: readonly Holder[];
}

/** Every policy document of the templates and every source not read. */
export interface PolicySources {
  readonly documents: readonly PolicyDocumentSource[];
  readonly notRead: readonly NotReadSource[];
}

/** Finds construct paths: `(template, logicalId) => path`. */
export type PathOf = (template: TemplateSource, logicalId: string) => string;

/** SAM's transform, which the check reads (functions' and state machines' `Policies`). */
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** The SAM resources that get a role with their `Policies`, unless they name a `Role` of their own. */
const SAM_TYPES = ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'];

/** The kind of each principal resource type, and the property that names such a principal. */
const KINDS = new Map(IDENTITY_KINDS.map((k) => [k.resourceType, k]));
const KIND_BY_NAME = new Map(IDENTITY_KINDS.map((k) => [k.name, k]));
const NAME_PROPERTY: Readonly<Record<IdentityKindName, string>> = { role: 'RoleName', user: 'UserName', group: 'GroupName' };

const AWS_MANAGED = new Map(AWS_MANAGED_POLICIES_WITH_MOBILETARGETING.map((policy) => [policy.arnResource, policy]));
const AWS_MANAGED_NAMES = new Set(AWS_MANAGED_POLICY_NAMES);
const SAM_TEMPLATES = new Map(SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING.map((template) => [template.name, template]));
const SAM_TEMPLATE_NAMES = new Set(SAM_POLICY_TEMPLATE_NAMES);

/** Every policy document of `set` and who receives it, and every policy source not read. */
export function policySources(set: TemplateSet, pathOf: PathOf): PolicySources {
  return new SourceReader(set, pathOf).read();
}

/** Reads the policy sources of one set of templates. */
class SourceReader {
  private readonly documents: PolicyDocumentSource[] = [];
  private readonly notRead: NotReadSource[] = [];
  /** "template logicalId" of an `AWS::IAM::ManagedPolicy` -> who attaches it by `ManagedPolicyArns`. */
  private readonly attachedByPrincipal = new Map<string, Holder[]>();
  /** Group key -> its users, each under the conditions it is in the group. */
  private readonly members = new Map<string, Array<{ user: Principal; when: Conditions }>>();

  constructor(private readonly set: TemplateSet, private readonly pathOf: PathOf) {}

  public read(): PolicySources {
    // First who attaches what and who is in which group, then every document with all of its holders.
    for (const template of this.set.templates) {
      this.readTransforms(template);
      for (const [logicalId, resource] of Object.entries<any>(template.json.Resources ?? {})) {
        this.readAttachments(template, logicalId, resource);
      }
    }
    for (const template of this.set.templates) {
      for (const [logicalId, resource] of Object.entries<any>(template.json.Resources ?? {})) {
        this.readDocuments(template, logicalId, resource);
      }
    }
    return {
      documents: this.documents.map((document) => ({ ...document, holders: this.holdersOf(document.holders) })),
      notRead: this.notRead.map((source) => ({ ...source, holders: this.holdersOf(source.holders) })),
    };
  }

  /**
   * Who holds what `holders` receive: each of them and each user of a group among them, under the conditions of the
   * resource that defines the principal (its `Condition`: it exists only when that holds).
   */
  private holdersOf(holders: readonly Holder[]): Holder[] {
    return this.withGroupMembers(holders).flatMap((holder) => {
      const defined = holder.principal.definedIn;
      const when = defined ? both(holder.when, this.conditionOf(defined.template, defined.logicalId)) : holder.when;
      return when ? [{ ...holder, when }] : [];
    });
  }

  /** The condition under which the resource `logicalId` of `template` exists (its `Condition`), as conditions. */
  private conditionOf(template: TemplateSource, logicalId: string): Conditions {
    // Only called for a resource that holds a document or defines a principal: it exists, and is an object.
    const condition = this.set.resource(template, logicalId).Condition;
    return typeof condition === 'string' ? [condition] : ALWAYS;
  }

  /** The holders, and each user of a group among them (through that group, under both's conditions). */
  private withGroupMembers(holders: readonly Holder[]): Holder[] {
    const members = holders.filter((holder) => holder.principal.kind === 'group').flatMap((holder) =>
      (this.members.get(holder.principal.key) ?? []).flatMap(({ user, when }) => {
        const under = both(holder.when, when);
        return under ? [{ principal: user, when: under, via: holder.principal }] : [];
      }));
    return [...holders, ...members];
  }

  private readTransforms(template: TemplateSource): void {
    for (const { value } of listElements(template.json.Transform)) {
      const name = renderValue(value).text;
      if (name !== SAM_TRANSFORM) {
        this.skip(template, name, 'transform', 'Transform',
          'the check does not expand this transform: what it adds to the template is not read', []);
      }
    }
    if (JSON.stringify(template.json.Resources ?? {}).includes('"Fn::Transform"')) {
      this.skip(template, 'Fn::Transform', 'transform', 'Resources',
        'the check does not expand Fn::Transform (AWS::Include, macros): what it adds to the template is not read', []);
    }
  }

  /** Managed policies attached by `ManagedPolicyArns`, and group memberships. */
  private readAttachments(template: TemplateSource, logicalId: string, resource: any): void {
    const props = resource?.Properties ?? {};
    const kind = KINDS.get(resource?.Type);
    if (kind) {
      const self = this.principalAt(template, logicalId, kind.name);
      const holder = { principal: self, when: ALWAYS };
      for (const arn of listElements(props.ManagedPolicyArns)) {
        this.attachManagedPolicy(template, logicalId, `Properties/ManagedPolicyArns/${arn.index}`, arn, { ...holder, when: arn.when });
      }
      if (kind.name === 'user') {
        for (const group of listElements(props.Groups)) {
          this.addMembership(self, this.principalsIn(template, group, 'group'));
        }
      }
    } else if (SAM_TYPES.includes(resource?.Type) && isServerless(template)) {
      // In this pass, since SAM's `Policies` may attach managed policies of the templates.
      this.readSamPolicies(template, logicalId, this.pathOf(template, logicalId), resource);
    } else if (resource?.Type === 'AWS::IAM::UserToGroupAddition') {
      for (const group of this.principalsNamedBy(template, props.GroupName, 'group')) {
        for (const user of listElements(props.Users).flatMap((element) => this.principalsIn(template, element, 'user'))) {
          const when = both(group.when, user.when);
          if (when) {
            this.addMembership(user.principal, [{ principal: group.principal, when }]);
          }
        }
      }
    }
  }

  private addMembership(user: Principal, groups: readonly Holder[]): void {
    for (const { principal: group, when } of groups) {
      this.members.set(group.key, [...this.members.get(group.key) ?? [], { user, when }]);
    }
  }

  /** The documents a resource holds: inline policies, policy resources, SAM functions' `Policies`. */
  private readDocuments(template: TemplateSource, logicalId: string, resource: any): void {
    const props = resource?.Properties ?? {};
    const where = this.pathOf(template, logicalId);
    const kind = KINDS.get(resource?.Type);
    if (kind) {
      const self = this.principalAt(template, logicalId, kind.name);
      for (const policy of listElements(props.Policies)) {
        this.inlinePolicy(template, logicalId, where, policy, [{ principal: self, when: ALWAYS }]);
      }
      this.readBoundary(template, where, props.PermissionsBoundary, self);
    } else if (resource?.Type === 'AWS::IAM::Policy' || resource?.Type === 'AWS::IAM::ManagedPolicy') {
      const listed = IDENTITY_KINDS.flatMap((k) =>
        listElements(props[k.listProperty]).flatMap((element) => this.principalsIn(template, element, k.name)));
      const attached = this.attachedByPrincipal.get(`${template.path} ${logicalId}`) ?? [];
      this.addDocument({
        template,
        logicalId,
        location: 'Properties/PolicyDocument',
        where,
        document: props.PolicyDocument,
        when: ALWAYS,
        holders: [...listed, ...attached],
      });
    } else if (resource?.Type && IDENTITY_KINDS.some((k) => k.singlePolicy.resourceType === resource.Type)) {
      const k = IDENTITY_KINDS.find((candidate) => candidate.singlePolicy.resourceType === resource.Type)!;
      const holders = this.principalsNamedBy(template, props[k.singlePolicy.nameProperty], k.name);
      this.addDocument({ template, logicalId, location: 'Properties/PolicyDocument', where, document: props.PolicyDocument, when: ALWAYS, holders });
    } else if (resource?.Type === 'AWS::CloudFormation::Stack' || resource?.Type === 'AWS::Serverless::Application') {
      if (!this.set.nestedTemplate(template, logicalId)) {
        const url = props.TemplateURL ?? props.Location;
        this.skip(template, renderValue(url ?? logicalId).text, 'nested-stack', `${where} (${logicalId})`,
          'the template of this nested stack is not among the templates read: its policies are not read', []);
      }
    }
  }

  /**
   * An element of a principal's `Policies`: `{ PolicyName, PolicyDocument }`. A list known only at deploy time is not
   * read; nor is an element that is not a mapping (`null`, a number, a text, a list), which CloudFormation rejects.
   */
  private inlinePolicy(template: TemplateSource, logicalId: string, where: string, policy: ListElement, holders: readonly Holder[]): void {
    const skip = (source: string, reason: string) => this.skip(template, source, 'policy-document', `${where} (Policies)`, reason,
      holders.map((holder) => ({ ...holder, when: policy.when })));
    if (policy.unknownList) {
      skip(renderValue(policy.value).text, 'the inline policies are known only at deploy time');
      return;
    }
    if (typeof policy.value !== 'object' || policy.value === null || Array.isArray(policy.value)) {
      skip(JSON.stringify(policy.value), 'an inline policy is a mapping { PolicyName, PolicyDocument }, not this: CloudFormation rejects the template');
      return;
    }
    const { PolicyName: policyName, PolicyDocument: document } = policy.value as Record<string, unknown>;
    const name = typeof policyName === 'string' ? policyName : String(policy.index);
    this.addDocument({
      template,
      logicalId,
      location: `Properties/Policies/${policy.index}/PolicyDocument`,
      where: `${where}/Policies/${name}`,
      document,
      when: policy.when,
      holders,
    });
  }

  /** A permissions boundary of `principal`: not read. */
  private readBoundary(template: TemplateSource, where: string, boundary: unknown, principal: Principal): void {
    for (const { value, when } of variants(boundary)) {
      if (value !== undefined) {
        this.skip(template, renderValue(value, { set: this.set, template }).text, 'permissions-boundary', `${where} (PermissionsBoundary)`,
          'a permissions boundary limits what the policies allow; the check does not read it, so access it denies is still listed',
          [{ principal, when }]);
      }
    }
  }

  /**
   * The role SAM creates for a function or state machine, with what its `Policies` give it. SAM reads a property that
   * is `null` as one not set (`Policies: null` gives nothing); an entry of `Policies` that is neither a text, nor an
   * intrinsic, nor a mapping (`null`, a number, a list) is not read: SAM rejects the template.
   */
  private readSamPolicies(template: TemplateSource, logicalId: string, where: string, resource: any): void {
    const props = resource.Properties ?? {};
    if (hasOwnRole(resource)) {
      // SAM gives the function the role it names, and ignores `Policies`: that role's policies are read where it is.
      return;
    }
    const role = this.samRole(template, logicalId, resource.Type);
    const holders = [{ principal: role, when: ALWAYS }];
    this.readBoundary(template, where, props.PermissionsBoundary ?? template.json.Globals?.Function?.PermissionsBoundary, role);
    for (const policy of listElements(props.Policies ?? undefined)) {
      const location = `Properties/Policies/${policy.index}`;
      const value = policy.value;
      const fn = intrinsic(value);
      if (typeof value === 'string' || fn || policy.unknownList) {
        // A managed policy: an ARN, or the name of an AWS managed policy.
        const arn = typeof value === 'string' && !value.startsWith('arn:') ? awsManagedArn(value) : value;
        this.attachManagedPolicy(template, logicalId, location, { ...policy, value: arn }, { principal: role, when: policy.when });
      } else if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        this.skip(template, JSON.stringify(value), 'policy-document', `${where} (Policies)`, "an entry of SAM's Policies is a managed " +
          'policy (its ARN or name), a policy document or a policy template, not this: SAM rejects the template', [{ principal: role, when: policy.when }]);
      } else if ('Statement' in value) {
        this.addDocument({ template, logicalId, location, where: `${where}/Policies/${policy.index}`, document: value, when: policy.when, holders });
      } else {
        this.samPolicyTemplate(template, logicalId, location, where, value, policy.when, role);
      }
    }
  }

  /** `{ "<TemplateName>": { <parameters> } }`: SAM's policy template with the values given. */
  private samPolicyTemplate(template: TemplateSource, logicalId: string, location: string, where: string, value: any, when: Conditions,
    role: Principal): void {
    const holders = [{ principal: role, when: ALWAYS }];
    const [name] = Object.keys(value);
    const known = SAM_TEMPLATES.get(name);
    if (known) {
      const given = value[name] ?? {};
      this.addDocument({
        template,
        logicalId,
        location,
        where: `${where}/Policies/${name}`,
        when,
        holders,
        document: { Statement: known.statements.map(({ index: _index, otherActionsLeftOut: _left, ...statement }) => substitute(statement, given)) },
        statementIndexes: known.statements.map((statement) => statement.index),
      });
    } else if (!SAM_TEMPLATE_NAMES.has(name)) {
      this.skip(template, name ?? JSON.stringify(value), 'policy-template', `${where} (Policies)`,
        `SAM's policy templates (${SAM_POLICY_TEMPLATES_SOURCE.repository} at ${SAM_POLICY_TEMPLATES_SOURCE.commit.slice(0, 7)}) ` +
        'have no template of this name', [{ principal: role, when }]);
    }
  }

  /**
   * A managed policy attached to `holder` by `arn` (an element of `ManagedPolicyArns`, or of a SAM function's
   * `Policies`): one of these templates by reference, ARN or name, an AWS managed policy, or a source not read.
   */
  private attachManagedPolicy(template: TemplateSource, logicalId: string, location: string,
    arn: { value: unknown; when: Conditions; unknownList: boolean }, holder: Holder): void {
    const target = arn.unknownList ? undefined : this.set.follow(template, arn.value);
    if (target && this.set.resource(target.template, target.logicalId)?.Type === 'AWS::IAM::ManagedPolicy') {
      this.attach(target, holder);
      return;
    }
    const rendered = renderValue(arn.value, { set: this.set, template });
    // `Properties/<property>/<index>`: the property.
    const where = `${this.pathOf(template, logicalId)} (${location.split('/')[1]})`;
    const skip = (reason: string) => this.skip(template, rendered.text, 'managed-policy', where, reason, [holder]);
    if (arn.unknownList || isUndecided(rendered)) {
      skip('the managed policy ARN is known only at deploy time (a parameter, an import of another app)');
      return;
    }
    const match = /^arn:[^:]*:iam::([^:]*):policy\/(.+)/s.exec(rendered.pattern);
    if (!match) {
      skip('this is not the ARN of a managed policy');
      return;
    }
    const [, account, resource] = match;
    if (account === 'aws') {
      this.attachAwsManaged(template, logicalId, location, resource, holder, skip);
      return;
    }
    const own = account === TOKEN || template.env.account === undefined || account === template.env.account;
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    const path = `/${resource.slice(0, resource.lastIndexOf('/') + 1)}`;
    const targets = own && !name.includes(TOKEN) ? this.set.named('AWS::IAM::ManagedPolicy', 'ManagedPolicyName', name)
      .filter((t) => (this.set.resource(t.template, t.logicalId).Properties.Path ?? '/') === path) : [];
    if (targets.length === 1) {
      this.attach(targets[0], holder);
    } else {
      skip(own ? 'no managed policy of the templates read has this name' : `a managed policy of another account (${account})`);
    }
  }

  private attachAwsManaged(template: TemplateSource, logicalId: string, location: string, resource: string, holder: Holder,
    skip: (reason: string) => void): void {
    const policy = AWS_MANAGED.get(resource);
    if (policy) {
      this.addDocument({
        template,
        logicalId,
        location,
        where: `${this.pathOf(template, logicalId)}/${location.startsWith('Properties/Policies') ? 'Policies' : 'ManagedPolicyArns'}/${policy.name}`,
        document: { Statement: policy.statements.map(({ index: _index, otherActionsLeftOut: _left, ...statement }) => statement) },
        statementIndexes: policy.statements.map((statement) => statement.index),
        when: ALWAYS,
        holders: [holder],
      });
    } else if (!AWS_MANAGED_NAMES.has(resource)) {
      skip(`an AWS managed policy that is not in the data (${AWS_MANAGED_POLICIES_SOURCE.package} ${AWS_MANAGED_POLICIES_SOURCE.version}, ` +
        `data of ${AWS_MANAGED_POLICIES_SOURCE.dataDate})`);
    }
  }

  private attach(target: Target, holder: Holder): void {
    const key = `${target.template.path} ${target.logicalId}`;
    this.attachedByPrincipal.set(key, [...this.attachedByPrincipal.get(key) ?? [], holder]);
  }

  /** Records a document, which exists only when the resource that holds or attaches it does. */
  private addDocument(document: PolicyDocumentSource): void {
    const when = both(document.when, this.conditionOf(document.template, document.logicalId));
    if (when) {
      this.documents.push({ ...document, when, holders: uniqueBy(document.holders, (holder) => `${holder.principal.key}|${holder.when.join(',')}`) });
    }
  }

  /** Records a source not read, which `holders` (each under its conditions) would receive. */
  private skip(template: TemplateSource, source: string, kind: NotReadSource['kind'], where: string, reason: string,
    holders: readonly Holder[]): void {
    this.notRead.push({ source, kind, reason, template, where, holders });
  }

  /** The principal defined by the resource `logicalId` of `template`. */
  private principalAt(template: TemplateSource, logicalId: string, kind: IdentityKindName): Principal {
    return { key: `${template.path} ${logicalId}`, kind, name: this.pathOf(template, logicalId), definedIn: { template, logicalId } };
  }

  /** The role SAM creates for the function or state machine `logicalId` (SAM names it `<logicalId>Role`). */
  private samRole(template: TemplateSource, logicalId: string, type: string): Principal {
    return {
      key: `${template.path} ${logicalId}Role`,
      kind: 'role',
      name: `${this.pathOf(template, logicalId)}/Role`,
      definedIn: { template, logicalId, via: type },
    };
  }

  /**
   * The principals of kind `kind` that an element of a list (`Roles`, `Users`, `Groups`, a name property) names: one
   * of these templates by reference or by name, the role SAM creates, or, when the templates do not define it, a
   * principal named as the template names it.
   */
  private principalsIn(template: TemplateSource, element: Omit<ListElement, 'index'>, kind: IdentityKindName): Holder[] {
    const when = element.when;
    const target = element.unknownList ? undefined : this.set.follow(template, element.value);
    const resource = target && this.set.resource(target.template, target.logicalId);
    if (target && KINDS.get(resource?.Type)?.name === kind) {
      return [{ principal: this.principalAt(target.template, target.logicalId, kind), when }];
    }
    const sam = kind === 'role' ? this.samRoleRef(template, element.value) : undefined;
    if (sam) {
      return [{ principal: sam, when }];
    }
    const name = renderValue(element.value, { set: this.set, template });
    // A name known only at deploy time is shown as `${...}`, which no IAM name can be: it names none of the templates'.
    const named = this.set.named(KIND_BY_NAME.get(kind)!.resourceType, NAME_PROPERTY[kind], name.text);
    if (named.length === 1) {
      return [{ principal: this.principalAt(named[0].template, named[0].logicalId, kind), when }];
    }
    return [{ principal: { key: `${kind} ${name.text}`, kind, name: name.text }, when }];
  }

  /**
   * The principals of kind `kind` that a property naming one principal (`GroupName`, `RoleName`, ...) names: both ways
   * of an `Fn::If`, each under its condition, none for `AWS::NoValue`, nor when the property is missing or `null` (a
   * template CloudFormation rejects): a role policy without `RoleName` is attached to no principal, and named by its
   * resource as such.
   */
  private principalsNamedBy(template: TemplateSource, value: unknown, kind: IdentityKindName): Holder[] {
    return variants(value).filter((variant) => variant.value !== undefined && variant.value !== null)
      .flatMap((variant) => this.principalsIn(template, { ...variant, unknownList: false }, kind));
  }

  /** The role SAM creates, when `value` is a `Ref` to `<Function>Role` of a SAM function without a role of its own. */
  private samRoleRef(template: TemplateSource, value: unknown): Principal | undefined {
    const fn = intrinsic(value);
    if (fn?.[0] !== 'Ref' || typeof fn[1] !== 'string' || !fn[1].endsWith('Role')) {
      return undefined;
    }
    const functionId = fn[1].slice(0, -'Role'.length);
    const resource = this.set.resource(template, functionId);
    return resource && SAM_TYPES.includes(resource.Type) && !hasOwnRole(resource) && isServerless(template)
      ? this.samRole(template, functionId, resource.Type)
      : undefined;
  }
}

/** Whether `template` has SAM's transform. */
function isServerless(template: TemplateSource): boolean {
  return listElements(template.json.Transform).some(({ value }) => value === SAM_TRANSFORM);
}

/** Whether a SAM function or state machine names a role of its own: a `Role` that is set (SAM reads `null` as not set). */
function hasOwnRole(resource: any): boolean {
  return (resource.Properties?.Role ?? null) !== null;
}

/** The ARN SAM makes of the name of an AWS managed policy in `Policies`. */
function awsManagedArn(name: string): unknown {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` };
}

/** `value` with each `{ "Ref": "<parameter>" }` of a SAM policy template replaced by the value `given` for it. */
function substitute(value: unknown, given: Record<string, unknown>): unknown {
  if (Array.isArray(value)) {
    return value.map((element) => substitute(element, given));
  }
  if (Object(value) !== value) {
    // A primitive (or null): as it is.
    return value;
  }
  const fn = intrinsic(value);
  // The templates' data refers to parameters by name: `{ "Ref": "<parameter>" }`.
  if (fn?.[0] === 'Ref' && Object.prototype.hasOwnProperty.call(given, fn[1])) {
    return given[fn[1]];
  }
  return Object.fromEntries(Object.entries(value as object).map(([key, element]) => [key, substitute(element, given)]));
}

/**
 * The access report: for each role, user and group with Amazon Pinpoint access, each `mobiletargeting` action it is
 * allowed (and denied), the resources, whether the action is one of the six analytics reads, whether its feature ended
 * on 2026-10-30, the statements that grant it, and the template conditions it holds under; every policy source the
 * check could not read, and whose it is; then the findings. Written as JSON and as Markdown (`report-markdown.ts`)
 * next to the templates.
 */
import * as path from 'path';
import {
  CONTINUES_QUOTE,
  END_OF_SUPPORT_DATE,
  END_OF_SUPPORT_PAGE,
  ENDED_QUOTE,
  supportOf,
  SupportStatus,
} from './end-of-support';
import { ANALYTICS_READS } from '../../analytics';
import { sortedBy, uniqueBy } from '../../collections';
import { IdentityKindName } from '../../identity-kinds';
import { AWS_MANAGED_POLICIES_SOURCE } from '../data/aws-managed-policies.generated';
import { SERVICE_AUTHORIZATION_REFERENCE } from '../data/mobiletargeting-actions.generated';
import { SAM_POLICY_TEMPLATES_SOURCE } from '../data/sam-policy-templates.generated';
import { Finding } from '../rules/rules';
import { Holder, NotReadSource, Principal } from '../sources/policy-sources';
import { patternCovers, scopeOf } from '../statements/arn-patterns';
import { ActionGrant, PinpointStatement, whenLabel } from '../statements/statements';
import { Acknowledgement } from '../templates/construct-index';
import { RenderedValue } from '../values/cfn-values';
import { both, Conditions } from '../values/conditions';

/** One action a principal is allowed or denied. */
export interface ReportAction {
  /** `mobiletargeting:<Name>`, or, for actions known only at deploy time, as written (`${Actions}`). */
  readonly action: string;
  /** The action is known only at deploy time: it may be any action, analytics reads included. */
  readonly undecided?: true;
  /** One of the six analytics reads this library grants. */
  readonly analyticsRead: boolean;
  /** Whether its feature ended on 2026-10-30, continues, or AWS's page does not decide. */
  readonly endOfSupport: SupportStatus;
  /** The feature of AWS's page it belongs to. */
  readonly feature?: string;
  /** Its access level in the Service Authorization Reference; absent for a name the reference does not have. */
  readonly accessLevel?: string;
  /** The resources it applies to (`NotResource` ones marked so), each token shown as `${Name}`. */
  readonly resources: readonly string[];
  /** The statements that grant (or deny) it: `<policy>#<Sid or position>`, with its conditions and the group it comes through. */
  readonly statements: readonly string[];
  /**
   * The template conditions it holds under, when it does not hold whatever they are: each list is one way, all of its
   * conditions together (`!Name`: the condition is false).
   */
  readonly onlyWhen?: readonly (readonly string[])[];
  /** For an allowed action: the statements that deny it on all of these resources, whatever the conditions. */
  readonly deniedBy?: readonly string[];
}

/** A role, user or group and its Pinpoint access. */
export interface ReportPrincipal {
  readonly kind: IdentityKindName;
  /** Its construct path, or what the template names when it is not defined in the templates. */
  readonly name: string;
  /** Where it is defined, when it is defined in the templates (for a role SAM creates: the function, and its type). */
  readonly definedIn?: { readonly template: string; readonly logicalId: string; readonly via?: string };
  /** For a user: the groups of these templates it is in, whose access it has. */
  readonly groups?: readonly string[];
  readonly allows: readonly ReportAction[];
  readonly denies: readonly ReportAction[];
  /** The policy sources of this principal the check could not read: indexes into the report's `notRead`. */
  readonly notRead: readonly number[];
  /** What its allowed actions apply to, for the diagram: a project ID, `*`, a token, or a kind of resource. */
  readonly scopes: readonly ReportScope[];
  /** The IDs of the findings about statements it receives. */
  readonly findings: readonly string[];
}

/** What a principal's allowed actions apply to: a project, or resources outside projects, and how many actions. */
export interface ReportScope {
  readonly label: string;
  readonly analyticsReads: number;
  readonly otherActions: number;
}

/** A policy that grants Pinpoint access to no principal of the templates (a managed policy attached to nothing). */
export interface ReportPolicy {
  readonly policy: string;
  readonly allows: readonly ReportAction[];
}

/** A policy source the check could not read. */
export interface ReportNotRead {
  /** What was not read, as written: an ARN, a transform's name, a policy template's name. */
  readonly source: string;
  readonly kind: NotReadSource['kind'];
  readonly reason: string;
  /** The resource and property that name it. */
  readonly where: string;
  /** The principals it belongs to (none for a transform of a whole template). */
  readonly principals: readonly string[];
}

/** A finding, as reported. */
export interface ReportFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly statement: string;
  readonly description: string;
  readonly fix: string;
  /** The template conditions the statement holds under, if any. */
  readonly onlyWhen?: readonly string[];
  /** The ID to acknowledge it with: `<plugin name>::<id>`. */
  readonly acknowledgeWith: string;
  /** Acknowledgements recorded with that ID, wherever in the app. */
  readonly acknowledgements: readonly Acknowledgement[];
}

/** The whole report of one directory. */
export interface AccessReport {
  readonly title: string;
  readonly generator: string;
  /** The templates read, relative to the report. */
  readonly templates: readonly string[];
  readonly summary: {
    /** Principals listed: with Pinpoint access, or with a policy source not read. */
    readonly principals: number;
    /** Principals with Pinpoint access through the policies read. */
    readonly principalsWithAccess: number;
    readonly notRead: number;
    readonly openFindings: number;
    readonly acknowledgedFindings: number;
  };
  readonly principals: readonly ReportPrincipal[];
  readonly unattachedPolicies: readonly ReportPolicy[];
  readonly notRead: readonly ReportNotRead[];
  readonly findings: readonly ReportFinding[];
  readonly sources: {
    readonly serviceAuthorizationReference: typeof SERVICE_AUTHORIZATION_REFERENCE;
    readonly awsManagedPolicies: typeof AWS_MANAGED_POLICIES_SOURCE;
    readonly samPolicyTemplates: typeof SAM_POLICY_TEMPLATES_SOURCE;
    readonly endOfSupport: { readonly page: string; readonly date: string; readonly ended: string; readonly continues: string };
  };
}

/** What the report needs. */
export interface ReportInput {
  readonly pluginName: string;
  /** The directory of the report. */
  readonly directory: string;
  /** The templates read, absolute paths. */
  readonly templates: readonly string[];
  readonly statements: readonly PinpointStatement[];
  readonly notRead: readonly NotReadSource[];
  readonly findings: readonly Finding[];
  readonly acknowledgementsOf: (id: string) => readonly Acknowledgement[];
}

/** The report of `input`. */
export function accessReport(input: ReportInput): AccessReport {
  const principals = new Map<string, PrincipalAccess>();
  const unattached = new Map<string, PrincipalAccess>();
  const accessOf = (principal: Principal) => access(principals, principal.key, () => ({
    kind: principal.kind,
    name: principal.name,
    definedIn: principal.definedIn && {
      template: path.relative(input.directory, principal.definedIn.template.path),
      logicalId: principal.definedIn.logicalId,
      ...(principal.definedIn.via ? { via: principal.definedIn.via } : {}),
    },
  }));
  for (const statement of input.statements) {
    if (statement.source.holders.length === 0) {
      access(unattached, statement.source.where, () => ({ name: statement.source.where })).add(statement, statement.when);
    }
    for (const holder of statement.source.holders) {
      const when = both(statement.when, holder.when);
      if (when) {
        accessOf(holder.principal).add(statement, when, holder.via);
      }
    }
  }
  const notRead: ReportNotRead[] = input.notRead.map((source, i) => {
    for (const holder of source.holders) {
      accessOf(holder.principal).notRead.add(i);
    }
    return {
      source: source.source,
      kind: source.kind,
      reason: source.reason,
      where: source.where,
      principals: [...new Set(source.holders.map((holder: Holder) => holder.principal.name))],
    };
  });
  const acknowledgeWith = (finding: Finding) => `${input.pluginName}::${finding.id}`;
  const findings = input.findings.map((finding): ReportFinding => ({
    id: finding.id,
    rule: finding.rule,
    severity: finding.severity,
    statement: finding.ref,
    description: finding.description,
    fix: finding.fix,
    ...(finding.when.length > 0 ? { onlyWhen: finding.when } : {}),
    acknowledgeWith: acknowledgeWith(finding),
    acknowledgements: input.acknowledgementsOf(acknowledgeWith(finding)),
  }));
  const listed = sortedBy([...principals.values()].filter((p) => p.allows.size > 0 || p.notRead.size > 0),
    (p) => `${p.info.name} ${p.info.kind} ${p.key}`);
  const acknowledged = findings.filter((finding) => finding.acknowledgements.length > 0).length;
  return {
    title: 'Amazon Pinpoint access',
    generator: input.pluginName,
    templates: input.templates.map((template) => path.relative(input.directory, template)),
    summary: {
      principals: listed.length,
      principalsWithAccess: listed.filter((p) => p.allows.size > 0).length,
      notRead: notRead.length,
      openFindings: findings.length - acknowledged,
      acknowledgedFindings: acknowledged,
    },
    principals: listed.map((p) => ({
      kind: p.info.kind!,
      name: p.info.name,
      ...(p.info.definedIn ? { definedIn: p.info.definedIn } : {}),
      ...(p.groups.size > 0 ? { groups: [...p.groups].sort() } : {}),
      allows: p.actions(p.allows),
      denies: p.actions(p.denies),
      // Added in the order of the report's `notRead`: ascending.
      notRead: [...p.notRead],
      scopes: p.scopes(),
      findings: input.findings.filter((finding) => p.statements.has(finding.ref)).map((finding) => finding.id),
    })),
    unattachedPolicies: sortedBy([...unattached.values()].filter((p) => p.allows.size > 0), (p) => p.info.name)
      .map((p) => ({ policy: p.info.name, allows: p.actions(p.allows) })),
    notRead,
    findings,
    sources: {
      serviceAuthorizationReference: SERVICE_AUTHORIZATION_REFERENCE,
      awsManagedPolicies: AWS_MANAGED_POLICIES_SOURCE,
      samPolicyTemplates: SAM_POLICY_TEMPLATES_SOURCE,
      endOfSupport: { page: END_OF_SUPPORT_PAGE, date: END_OF_SUPPORT_DATE, ended: ENDED_QUOTE, continues: CONTINUES_QUOTE },
    },
  };
}

/** Who receives the statements: a principal, or (without a kind) a policy attached to no principal. */
type PrincipalInfo = Partial<Pick<ReportPrincipal, 'kind' | 'definedIn'>> & Pick<ReportPrincipal, 'name'>;

interface ActionEntry {
  readonly grant: ActionGrant;
  /** Shown text -> the resource and whether it is `NotResource`. */
  readonly resources: Map<string, { readonly value: RenderedValue; readonly not: boolean }>;
  readonly statements: Set<string>;
  /** The conditions of each statement that grants it, with whether that statement has an IAM condition. */
  readonly whens: Array<{ readonly when: Conditions; readonly conditional: boolean; readonly ref: string }>;
}

/** What one principal (or one unattached policy) is allowed and denied, gathered statement by statement. */
class PrincipalAccess {
  public readonly allows = new Map<string, ActionEntry>();
  public readonly denies = new Map<string, ActionEntry>();
  /** The statements it receives, by reference. */
  public readonly statements = new Set<string>();
  public readonly notRead = new Set<number>();
  public readonly groups = new Set<string>();

  constructor(public readonly key: string, public readonly info: PrincipalInfo) {}

  public add(statement: PinpointStatement, when: Conditions, via?: Principal): void {
    this.statements.add(statement.ref);
    if (via) {
      this.groups.add(via.name);
    }
    const entries = statement.effect === 'Allow' ? this.allows : this.denies;
    const label = `${statement.ref}${statement.conditional ? ' (with a condition)' : ''}${whenLabel(when)}` +
      `${via ? ` (via group ${via.name})` : ''}`;
    for (const grant of statement.grants) {
      const entry: ActionEntry = entries.get(grant.action.action) ?? { grant, resources: new Map(), statements: new Set(), whens: [] };
      for (const resource of grant.resources) {
        entry.resources.set(statement.notResource ? `NotResource ${resource.text}` : resource.text, { value: resource, not: statement.notResource });
      }
      entry.statements.add(label);
      entry.whens.push({ when, conditional: statement.conditional, ref: statement.ref });
      entries.set(grant.action.action, entry);
    }
  }

  public actions(entries: Map<string, ActionEntry>): ReportAction[] {
    return sortedBy([...entries.entries()], ([action]) => `${isAnalyticsRead(action) ? 0 : 1} ${action}`)
      .map(([action, entry]) => {
        const support = supportOf(entry.grant.action.sar);
        const onlyWhen = onlyWhenOf(entry.whens.map((w) => w.when));
        const deniedBy = entries === this.allows ? this.deniedBy(action, entry) : [];
        return {
          action,
          ...(entry.grant.action.undecided ? { undecided: true as const } : {}),
          analyticsRead: isAnalyticsRead(action),
          endOfSupport: support.status,
          ...(support.feature ? { feature: support.feature } : {}),
          ...(entry.grant.action.sar ? { accessLevel: entry.grant.action.sar.accessLevel } : {}),
          resources: [...entry.resources.keys()].sort(),
          statements: [...entry.statements].sort(),
          ...(onlyWhen ? { onlyWhen } : {}),
          ...(deniedBy.length > 0 ? { deniedBy } : {}),
        };
      });
  }

  /**
   * The statements that deny `action` on every resource the principal is allowed it on, whatever the conditions (no
   * IAM condition, no template condition): then the action is not counted in the diagram.
   */
  private deniedBy(action: string, allow: ActionEntry): string[] {
    const deny = this.denies.get(action);
    if (!deny) {
      return [];
    }
    // With no statement that always denies, the answer below is empty whether or not the resources are covered.
    const always = deny.whens.filter((w) => w.when.length === 0 && !w.conditional);
    const denied = [...deny.resources.values()].filter((r) => !r.not).map((r) => r.value.pattern);
    const covered = [...allow.resources.values()].every((r) => !r.not && denied.some((d) => patternCovers(d, r.value.pattern)));
    return covered ? [...new Set(always.map((w) => w.ref))].sort() : [];
  }

  public scopes(): ReportScope[] {
    const scopeActions = new Map<string, Set<string>>();
    for (const [action, entry] of this.allows) {
      if (this.deniedBy(action, entry).length > 0) {
        continue;
      }
      for (const { value, not } of entry.resources.values()) {
        const label = not ? 'every resource' : scopeLabel(scopeOf(value));
        scopeActions.set(label, (scopeActions.get(label) ?? new Set()).add(action));
      }
    }
    return sortedBy([...scopeActions.entries()], ([label]) => label).map(([label, actions]) => {
      const analyticsReads = [...actions].filter(isAnalyticsRead).length;
      return { label, analyticsReads, otherActions: actions.size - analyticsReads };
    });
  }
}

/**
 * The ways an action holds, when it does not hold whatever the conditions: each way once, and none that another,
 * with fewer conditions, already covers.
 */
function onlyWhenOf(whens: readonly Conditions[]): Conditions[] | undefined {
  if (whens.some((when) => when.length === 0)) {
    return undefined;
  }
  const ways = uniqueBy(whens, (when) => when.join(' '));
  return sortedBy(ways.filter((when) => !ways.some((other) => other !== when && other.every((c) => when.includes(c)))),
    (when) => when.join(' '));
}

function access(map: Map<string, PrincipalAccess>, key: string, info: () => PrincipalInfo): PrincipalAccess {
  let entry = map.get(key);
  if (!entry) {
    entry = new PrincipalAccess(key, info());
    map.set(key, entry);
  }
  return entry;
}

function scopeLabel(scope: ReturnType<typeof scopeOf>): string {
  switch (scope.kind) {
    case 'project': return scope.project === '*' ? 'every project' : `project ${scope.project}`;
    case 'service': return `${scope.resource} (outside projects)`;
    case 'unknown': return 'a resource known at deploy time';
    default: return 'every resource';
  }
}

function isAnalyticsRead(action: string): boolean {
  return ANALYTICS_READS.includes(action);
}


/**
 * The access report: for each role, user and group with Amazon Pinpoint access, each `mobiletargeting` action it is
 * allowed (and denied), the resources, whether the action is one of the six analytics reads, whether its feature ended
 * on 2026-10-30, and the statements that grant it; then the findings. Written as JSON and as Markdown
 * (`report-markdown.ts`) next to the templates.
 */
import * as path from 'path';
import { scopeOf } from './arn-patterns';
import { Acknowledgement } from './construct-index';
import {
  CONTINUES_QUOTE,
  END_OF_SUPPORT_DATE,
  END_OF_SUPPORT_PAGE,
  ENDED_QUOTE,
  supportOf,
  SupportStatus,
} from './end-of-support';
import { SERVICE_AUTHORIZATION_REFERENCE } from './mobiletargeting-actions.generated';
import { PrincipalKind } from './policy-sources';
import { Finding } from './rules';
import { PinpointStatement } from './statements';
import { ALL_GRANTABLE_ACTIONS } from '../analytics';

/** One action a principal is allowed or denied. */
export interface ReportAction {
  /** `mobiletargeting:<Name>`. */
  readonly action: string;
  /** One of the six analytics reads this library grants. */
  readonly analyticsRead: boolean;
  /** Whether its feature ended on 2026-10-30, continues, or AWS's page does not decide. */
  readonly endOfSupport: SupportStatus;
  /** The feature of AWS's page it belongs to. */
  readonly feature?: string;
  /** Its access level in the Service Authorization Reference; absent for a name the reference does not have. */
  readonly accessLevel?: string;
  /** The resources it applies to (`NotResource` ones marked so). */
  readonly resources: readonly string[];
  /** The statements that grant (or deny) it: `<policy>#<Sid or position>`. */
  readonly statements: readonly string[];
}

/** A role, user or group and its Pinpoint access. */
export interface ReportPrincipal {
  readonly kind: PrincipalKind;
  /** Its construct path, or what the template names when it is not defined in the app. */
  readonly name: string;
  /** Where it is defined, when it is defined in the app. */
  readonly definedIn?: { readonly template: string; readonly logicalId: string };
  readonly allows: readonly ReportAction[];
  readonly denies: readonly ReportAction[];
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

/** A policy that grants Pinpoint access to no principal of the app (a managed policy attached to nothing). */
export interface ReportPolicy {
  readonly policy: string;
  readonly allows: readonly ReportAction[];
}

/** A finding, as reported. */
export interface ReportFinding {
  readonly id: string;
  readonly rule: string;
  readonly statement: string;
  readonly description: string;
  readonly fix: string;
  /** The ID to acknowledge it with: `<plugin name>::<id>`. */
  readonly acknowledgeWith: string;
  /** Acknowledgements recorded with that ID, wherever in the app. */
  readonly acknowledgements: readonly Acknowledgement[];
}

/** The whole report of one cloud assembly directory. */
export interface AccessReport {
  readonly title: string;
  readonly generator: string;
  /** The templates read, relative to the report. */
  readonly templates: readonly string[];
  readonly principals: readonly ReportPrincipal[];
  readonly unattachedPolicies: readonly ReportPolicy[];
  readonly findings: readonly ReportFinding[];
  readonly sources: {
    readonly serviceAuthorizationReference: typeof SERVICE_AUTHORIZATION_REFERENCE;
    readonly endOfSupport: { readonly page: string; readonly date: string; readonly ended: string; readonly continues: string };
  };
}

/** What the report needs besides the statements. */
export interface ReportInput {
  readonly pluginName: string;
  /** The directory of the report and of its templates. */
  readonly directory: string;
  /** The templates read, absolute paths. */
  readonly templates: readonly string[];
  readonly statements: readonly PinpointStatement[];
  readonly findings: readonly Finding[];
  readonly acknowledgementsOf: (id: string) => readonly Acknowledgement[];
}

/** The report of `input`. */
export function accessReport(input: ReportInput): AccessReport {
  const principals = new Map<string, PrincipalAccess>();
  const unattached = new Map<string, PrincipalAccess>();
  for (const statement of input.statements) {
    const targets = statement.source.principals.length > 0
      ? statement.source.principals.map((principal) => access(principals, principal.key, () => ({
        kind: principal.kind,
        name: principal.name,
        definedIn: principal.definedIn && {
          template: path.relative(input.directory, principal.definedIn.template.path),
          logicalId: principal.definedIn.logicalId,
        },
      })))
      : [access(unattached, statement.source.where, () => ({ name: statement.source.where }))];
    for (const target of targets) {
      target.add(statement);
    }
  }
  const findingsOf = (statements: Set<PinpointStatement>) =>
    input.findings.filter((finding) => statements.has(finding.statement)).map((finding) => finding.id);
  return {
    title: 'Amazon Pinpoint access',
    generator: input.pluginName,
    templates: input.templates.map((template) => path.relative(input.directory, template)),
    principals: sortedBy([...principals.values()].filter((p) => p.allows.size > 0), (p) => `${p.info.name} ${p.info.kind} ${p.key}`)
      .map((p) => ({
        kind: p.info.kind!,
        name: p.info.name,
        definedIn: p.info.definedIn,
        allows: p.actions(p.allows),
        denies: p.actions(p.denies),
        scopes: p.scopes(),
        findings: findingsOf(p.statements),
      })),
    unattachedPolicies: sortedBy([...unattached.values()].filter((p) => p.allows.size > 0), (p) => p.info.name)
      .map((p) => ({ policy: p.info.name, allows: p.actions(p.allows) })),
    findings: input.findings.map((finding) => ({
      id: finding.id,
      rule: finding.rule,
      statement: finding.statement.ref,
      description: finding.description,
      fix: finding.fix,
      acknowledgeWith: `${input.pluginName}::${finding.id}`,
      acknowledgements: input.acknowledgementsOf(`${input.pluginName}::${finding.id}`),
    })),
    sources: {
      serviceAuthorizationReference: SERVICE_AUTHORIZATION_REFERENCE,
      endOfSupport: { page: END_OF_SUPPORT_PAGE, date: END_OF_SUPPORT_DATE, ended: ENDED_QUOTE, continues: CONTINUES_QUOTE },
    },
  };
}

/** Who receives the statements: a principal, or (without a kind) a policy attached to no principal. */
type PrincipalInfo = Partial<Pick<ReportPrincipal, 'kind' | 'definedIn'>> & Pick<ReportPrincipal, 'name'>;

interface ActionEntry {
  readonly resources: Set<string>;
  readonly statements: Set<string>;
  readonly grant: PinpointStatement['grants'][number];
}

/** What one principal (or one unattached policy) is allowed and denied, gathered statement by statement. */
class PrincipalAccess {
  public readonly allows = new Map<string, ActionEntry>();
  public readonly denies = new Map<string, ActionEntry>();
  public readonly statements = new Set<PinpointStatement>();
  private readonly scopeActions = new Map<string, Set<string>>();

  constructor(public readonly key: string, public readonly info: PrincipalInfo) {}

  public add(statement: PinpointStatement): void {
    this.statements.add(statement);
    const entries = statement.effect === 'Allow' ? this.allows : this.denies;
    const label = `${statement.ref}${statement.conditional ? ' (with a condition)' : ''}`;
    // The actions of a statement share its resources: each resource is shown and placed once.
    const shown = new Map(statement.resources.map((resource) => [resource, statement.notResource ? `NotResource ${resource.text}` : resource.text]));
    const scopes = new Map(statement.effect === 'Allow'
      ? statement.resources.map((resource) => [resource, statement.notResource ? 'every resource' : scopeLabel(scopeOf(resource))])
      : []);
    for (const grant of statement.grants) {
      const entry = entries.get(grant.action.action) ?? { resources: new Set(), statements: new Set(), grant };
      grant.resources.forEach((resource) => entry.resources.add(shown.get(resource)!));
      entry.statements.add(label);
      entries.set(grant.action.action, entry);
      if (statement.effect === 'Allow') {
        for (const scope of new Set(grant.resources.map((resource) => scopes.get(resource)!))) {
          const actions = this.scopeActions.get(scope) ?? new Set();
          actions.add(grant.action.action);
          this.scopeActions.set(scope, actions);
        }
      }
    }
  }

  public actions(entries: Map<string, ActionEntry>): ReportAction[] {
    return sortedBy([...entries.entries()], ([action]) => `${isAnalyticsRead(action) ? 0 : 1} ${action}`)
      .map(([action, entry]) => {
        const support = supportOf(entry.grant.action.sar);
        return {
          action,
          analyticsRead: isAnalyticsRead(action),
          endOfSupport: support.status,
          feature: support.feature,
          accessLevel: entry.grant.action.sar?.accessLevel,
          resources: [...entry.resources].sort(),
          statements: [...entry.statements].sort(),
        };
      });
  }

  public scopes(): ReportScope[] {
    return sortedBy([...this.scopeActions.entries()], ([label]) => label).map(([label, actions]) => {
      const analyticsReads = [...actions].filter(isAnalyticsRead).length;
      return { label, analyticsReads, otherActions: actions.size - analyticsReads };
    });
  }
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
  return ALL_GRANTABLE_ACTIONS.includes(action);
}

/**
 * `items` ordered by `key` in code-unit order (the same on every machine, unlike `localeCompare`), by JavaScript's sort
 * without a comparator. Keys are distinct.
 */
function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as T);
}

/**
 * The construct calls of this library that grant the analytics a hand-written statement grants, for the fix of a
 * finding, never broader than the statement: each analytics action is placed on each resource it applies to, read as
 * the narrowest construct that covers that pair (`CampaignKpiGrant` for one campaign, `JourneyMetricsGrant` for one
 * journey, else `PinpointAnalyticsReadPolicy` for its project, or every project), and calls that grant the same
 * project, region and account are merged only where merging adds nothing (a read policy grants each of its kinds on
 * each of its projects, so projects are merged only between calls of the same kinds).
 *
 * Where the statement is broader than any construct (every account, `*`), the call is narrower: the stack's account
 * and region, the projects it names, the KPIs of its class a KPI with wildcards matches (`email-*`: not a KPI AWS adds
 * later). Where no construct is as narrow as the statement (the KPIs named for every campaign of a project, an
 * activity of every journey, some values of any other field or segment: a wildcard that is not `*` alone, as in a
 * region `us-*`, a project `p1*`, a campaign `c?`, an activity `a?`), where what a wildcard stands for cannot be read
 * (one for the resource type `apps`, one spanning fields, a KPI pattern that may span segments, an ID after a `*` that
 * may be the journey or the activity),
 * or where the resource cannot be read at all (it matches no ARN of the action, or it is known only at deploy time),
 * no call is suggested for that part: `uncovered` lists it.
 * A `NotResource` statement grants every resource but its own: read as `*` (the stack's account and region, every
 * project) where none of them may exclude an analytics resource of the action there, else listed in `uncovered`.
 * A value known only at deploy time is shown as `<token ${Name}>`: pass the construct attribute it stands for
 * (`CfnApp.ref`, say); a part the statement leaves open where a construct needs one value is a placeholder
 * (`'<project of campaign c1>'`).
 */
import { AnalyticsMetrics } from '../../../analytics-metrics';
import { ApplicationKpi } from '../../../application-kpi';
import { CampaignKpi } from '../../../campaign-kpi';
import { JourneyKpi } from '../../../journey-kpi';
import { ALL_METRICS, APPS_RESOURCE, ACTION_OF_METRIC, metricPath } from '../../analytics';
import { Location, uniqueBy } from '../../collections';
import { MatchedAction, wildcardRegex } from '../statements/action-patterns';
import { ActionGrant, mayApplyTo } from '../statements/statements';
import { isUndecided, RenderedValue, renderValue, textOf, TOKEN } from '../values/cfn-values';

/** The construct calls that grant analytics of a statement, and what of it no construct grants as narrowly. */
export interface Replacement {
  readonly calls: readonly string[];
  /** `<action> on <resource>` that no construct grants without granting more. */
  readonly uncovered: readonly string[];
  /** The `GetReports` resources, for which no construct is needed: `arn:...:reports`, region by region. */
  readonly reports: readonly string[];
}

/**
 * The construct calls that grant the analytics of `grants` (analytics actions only, each with its resources) from a
 * stack in `env`: a region or account that is the stack's is left to its default. With `notResource`, the resources
 * of each grant are the ones it is allowed on all but.
 */
export function replacementFor(grants: readonly ActionGrant[], env: Location, notResource = false): Replacement {
  const campaigns = new Map<string, CallSpec>();
  const journeys = new Map<string, CallSpec>();
  const projects = new Map<string, CallSpec>();
  const reports = new Map<string, { region?: string; account?: string }>();
  const uncovered: string[] = [];
  // Every account (`*`) is narrowed to the stack's: no construct grants on another account's projects and every one.
  const location = (named: Named) => ({
    region: own(named.region, '${AWS::Region}', env.region),
    account: named.account === '*' ? undefined : own(named.account, '${AWS::AccountId}', env.account),
  });

  for (const grant of grants) {
    const metric = ALL_METRICS.find((m) => ACTION_OF_METRIC[m] === grant.action.action);
    if (notResource && grant.resources.some((resource) => mayExclude(resource, grant.action, env))) {
      uncovered.push(`${grant.action.action} on every resource but NotResource ${grant.resources.map((r) => r.text).join(' and ')}`);
      continue;
    }
    for (const resource of notResource ? [EVERY_RESOURCE] : grant.resources) {
      const named = readable(resource, grant.action) ? nameOf(resource, metric) : undefined;
      if (!named) {
        uncovered.push(`${grant.action.action} on ${resource.text}`);
        continue;
      }
      const { region, account } = location(named);
      if (!metric) {
        reports.set(`${region}|${account}`, { region, account });
        continue;
      }
      const oneRegion = region === '*' ? '<region of the project>' : region;
      const project = named.project ?? '*';
      if (metric === AnalyticsMetrics.CAMPAIGN_KPIS && named.child) {
        const projectId = project === '*' ? `<project of campaign ${named.child}>` : project;
        add(campaigns, [projectId, named.child, oneRegion, account], {
          construct: 'CampaignKpiGrant',
          projectId,
          childId: named.child,
          region: oneRegion,
          account,
          metrics: [metric],
          kpis: named.kpi,
        });
      } else if (JOURNEY_KINDS.includes(metric) && named.child) {
        const projectId = project === '*' ? `<project of journey ${named.child}>` : project;
        add(journeys, [projectId, named.child, oneRegion, account], {
          construct: 'JourneyMetricsGrant',
          projectId,
          childId: named.child,
          region: oneRegion,
          account,
          metrics: [metric],
          kpis: named.kpi,
          activities: named.activity,
        });
      } else if ((metric === AnalyticsMetrics.APPLICATION_KPIS || !named.kpi) && !named.activity) {
        add(projects, [project, region, account, metric], {
          construct: 'PinpointAnalyticsReadPolicy',
          projectId: project,
          region,
          account,
          metrics: [metric],
          // A KPI is named here only for the project's own KPIs: another kind with a KPI named is not read as a project.
          kpis: named.kpi,
        });
      } else {
        uncovered.push(`${grant.action.action} on ${resource.text}`);
      }
    }
  }

  const readPolicies = mergeProjects([...projects.values()]);
  const reportLocations = [...reports.values()];
  const calls = [
    ...[...campaigns.values()].map((spec) => call(spec, env)),
    ...[...journeys.values()].map((spec) => call(spec, env)),
    ...readPolicies.map((spec) => {
      const consoleReports = reportLocations.filter((r) => r.account === spec.account && spec.regions!.includes(r.region ?? STACK_REGION));
      consoleReports.forEach((r) => reportLocations.splice(reportLocations.indexOf(r), 1));
      return call({ ...spec, consoleReports: consoleReports.length === spec.regions!.length }, env);
    }),
  ];
  const reportArn = (r: { region?: string; account?: string }) => `arn:<partition>:mobiletargeting:${r.region ?? '<stack region>'}:${r.account ?? '<stack account>'}:reports`;
  return { calls, uncovered, reports: reportLocations.map(reportArn) };
}

/**
 * Whether what `resource` names may be read for `action`: some ARN of a resource type of the action may match it
 * (`mayApplyTo`), and it can be placed (it does not start with a token). A resource that matches no ARN of the action
 * (`arn:...:apps`, an empty region, a literal where `daterange` stands) grants nothing through it, and one known only
 * at deploy time may be anything: neither is read as naming a project, a campaign or a KPI. (Neither comes here from
 * a template: `statements.ts` leaves the first out, `rules.ts` reports the second apart.)
 */
function readable(resource: RenderedValue, action: MatchedAction): boolean {
  return !isUndecided(resource) && mayApplyTo(resource, action);
}

/** `*`: what a `NotResource` statement that excludes nothing of the stack's analytics is read as. */
const EVERY_RESOURCE = renderValue('*');

/**
 * Whether `NotResource` with `resource` may take away some of what `action` is allowed on in the stack's account and
 * region (every project): it may match an ARN of a resource type of the action, and it is not an ARN whose literal
 * region or account is another than the stack's. Where it cannot tell, it says it may: no is always right.
 */
function mayExclude(resource: RenderedValue, action: MatchedAction, env: Location): boolean {
  if (mayApplyTo(resource, action)) {
    const fields = split(resource.pattern, ':', 0);
    // Five literal fields: the ARNs it matches have exactly that region and account. (A pattern with fewer `:` and no
    // wildcard or token matches only itself, no ARN of the action: only one with six fields comes here so.)
    const aligned = fields.slice(0, 5).every((field) => !/[*?]/.test(field.text) && !field.text.includes(TOKEN));
    return !aligned || ((env.region === undefined || fields[3].text === env.region) && (env.account === undefined || fields[4].text === env.account));
  }
  return false;
}

/**
 * The kinds of metric whose ARNs end in the name of a KPI (`undefined`, `GetReports`, is none of them), each with the
 * KPIs of its class (its constants: `Object.values` leaves out the method `of`).
 */
const KPI_NAMES = new Map<AnalyticsMetrics | undefined, readonly string[]>([
  [AnalyticsMetrics.APPLICATION_KPIS, Object.values(ApplicationKpi).map((kpi: ApplicationKpi) => kpi.name)],
  [AnalyticsMetrics.CAMPAIGN_KPIS, Object.values(CampaignKpi).map((kpi: CampaignKpi) => kpi.name)],
  [AnalyticsMetrics.JOURNEY_KPIS, Object.values(JourneyKpi).map((kpi: JourneyKpi) => kpi.name)],
]);

/** The journey kinds of metric. */
const JOURNEY_KINDS: readonly AnalyticsMetrics[] = [
  AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS,
];

/** One construct call, before it is written. `undefined` KPIs or activities: every one. */
interface CallSpec {
  readonly construct: 'CampaignKpiGrant' | 'JourneyMetricsGrant' | 'PinpointAnalyticsReadPolicy';
  readonly projectId: string;
  readonly projectIds?: readonly string[];
  readonly childId?: string;
  readonly region?: string;
  readonly regions?: readonly string[];
  readonly account?: string;
  readonly metrics: readonly AnalyticsMetrics[];
  readonly kpis?: string | readonly string[];
  readonly activities?: string | readonly string[];
  readonly consoleReports?: boolean;
}

/** Adds `spec` to the call of the same key, uniting kinds, KPIs and activities (each all when one says all). */
function add(calls: Map<string, CallSpec>, key: ReadonlyArray<string | undefined>, spec: CallSpec): void {
  const k = JSON.stringify(key);
  const existing = calls.get(k);
  if (!existing) {
    calls.set(k, { ...spec, kpis: listOf(spec.kpis), activities: listOf(spec.activities) });
    return;
  }
  const unite = (a: CallSpec['kpis'], b: CallSpec['kpis'], metric: AnalyticsMetrics) => {
    const aHas = existing.metrics.includes(metric);
    const bHas = spec.metrics.includes(metric);
    if ((!aHas && !bHas) || (aHas && a === undefined) || (bHas && b === undefined)) {
      return undefined;
    }
    return [...new Set([...(aHas ? listOf(a)! : []), ...(bHas ? listOf(b)! : [])])];
  };
  calls.set(k, {
    ...existing,
    metrics: ALL_METRICS.filter((m) => existing.metrics.includes(m) || spec.metrics.includes(m)),
    kpis: unite(existing.kpis, spec.kpis, spec.construct === 'PinpointAnalyticsReadPolicy' ? AnalyticsMetrics.APPLICATION_KPIS
      : spec.construct === 'CampaignKpiGrant' ? AnalyticsMetrics.CAMPAIGN_KPIS : AnalyticsMetrics.JOURNEY_KPIS),
    activities: unite(existing.activities, spec.activities, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS),
  });
}

function listOf(value: CallSpec['kpis']): readonly string[] | undefined {
  return typeof value === 'string' ? [value] : value;
}

/**
 * Read policies: the kinds of one project, region and account united; then the projects of calls alike in all else
 * (region, account, kinds, KPIs); then the regions of calls alike in all else (projects included). A read policy grants
 * each kind on each project in each region, so only calls that differ in one of these are merged.
 */
function mergeProjects(specs: readonly CallSpec[]): CallSpec[] {
  const byProject = new Map<string, CallSpec>();
  for (const spec of specs) {
    add(byProject, [spec.projectId, spec.region, spec.account], spec);
  }
  const unite = (list: readonly CallSpec[], key: (spec: CallSpec) => unknown, merge: (a: CallSpec, b: CallSpec) => CallSpec) => {
    const merged = new Map<string, CallSpec>();
    for (const spec of list) {
      const k = JSON.stringify(key(spec));
      const existing = merged.get(k);
      merged.set(k, existing ? merge(existing, spec) : spec);
    }
    return [...merged.values()];
  };
  const projectsUnited = unite(
    [...byProject.values()].map((spec) => ({ ...spec, projectIds: [spec.projectId] })),
    (spec) => [spec.region, spec.account, spec.metrics, spec.kpis],
    (a, b) => ({ ...a, projectIds: [...a.projectIds!, ...b.projectIds!] }));
  return unite(
    projectsUnited.map((spec) => ({
      ...spec,
      projectIds: spec.projectIds!.includes('*') ? ['*'] : [...spec.projectIds!].sort(),
      regions: [spec.region ?? STACK_REGION],
    })),
    (spec) => [spec.projectIds, spec.account, spec.metrics, spec.kpis],
    (a, b) => ({ ...a, regions: [...a.regions!, ...b.regions!] }));
}

/** Stands for the stack's region in a merged list of regions. */
// Stryker disable next-line StringLiteral: no region read from a resource is empty (an empty field names none), so an empty marker is as distinct.
const STACK_REGION = '\u0000stack';

/** `value` unless it is the stack's own (`token`, or the stack's literal `own`): then `undefined`, the default. */
function own(value: string | undefined, token: string, stackValue?: string): string | undefined {
  return value === token || value === stackValue ? undefined : value;
}

function call(spec: CallSpec, env: Location): string {
  const kinds = (list: readonly AnalyticsMetrics[]) => `[${list.map((metric) => `AnalyticsMetrics.${metric}`).join(', ')}]`;
  const strings = (list: readonly string[]) => `[${list.map(literal).join(', ')}]`;
  const kpiClass = spec.construct === 'CampaignKpiGrant' ? 'CampaignKpi' : spec.construct === 'JourneyMetricsGrant' ? 'JourneyKpi' : 'ApplicationKpi';
  const kpis = listOf(spec.kpis);
  const kpiProp = kpis ? [`${spec.construct === 'PinpointAnalyticsReadPolicy' ? 'applicationKpis' : 'kpis'}: ` +
    `[${kpis.map((kpi) => `${kpiClass}.of(${literal(kpi)})`).join(', ')}]`] : [];
  const accountProp = spec.account ? [`account: ${literal(spec.account)}`] : [];
  if (spec.construct === 'PinpointAnalyticsReadPolicy') {
    const regions = spec.regions!;
    // The stack's literal region was read as the stack's (`own`): it is `STACK_REGION` here.
    const ownRegionOnly = regions.length === 1 && regions[0] === STACK_REGION;
    const projectIds = spec.projectIds!;
    return write(spec.construct, 'PinpointAnalytics', [
      ...(projectIds.includes('*') ? [] : [`projectIds: ${strings(projectIds)}`]),
      ...(ownRegionOnly ? [] : [`regions: ${strings(regions.map((r) => (r === STACK_REGION ? env.region ?? '<stack region>' : r)))}`]),
      ...accountProp,
      ...(spec.metrics.length < ALL_METRICS.length ? [`metrics: ${kinds(spec.metrics)}`] : []),
      ...kpiProp,
      ...(spec.consoleReports ? ['includeConsoleReports: true'] : []),
    ]);
  }
  const location = [...(spec.region ? [`region: ${literal(spec.region)}`] : []), ...accountProp];
  if (spec.construct === 'CampaignKpiGrant') {
    return write(spec.construct, 'CampaignKpis', [`projectId: ${literal(spec.projectId)}`, `campaignId: ${literal(spec.childId!)}`, ...kpiProp, ...location]);
  }
  const activities = listOf(spec.activities);
  return write(spec.construct, 'JourneyMetrics', [
    `projectId: ${literal(spec.projectId)}`,
    `journeyId: ${literal(spec.childId!)}`,
    ...(spec.metrics.length < JOURNEY_KINDS.length ? [`metrics: ${kinds(spec.metrics)}`] : []),
    ...kpiProp,
    ...(activities ? [`activityIds: ${strings(activities)}`] : []),
    ...location,
  ]);
}

function write(construct: string, id: string, props: readonly string[]): string {
  return `new ${construct}(this, '${id}'${props.length > 0 ? `, { ${props.join(', ')} }` : ''}).grantTo(grantee)`;
}

/** A value as TypeScript: a string literal, `<token ${Name}>` for a value known only at deploy time, a placeholder as is. */
function literal(text: string): string {
  if (text.startsWith('<')) {
    return `'${text}'`;
  }
  return text.includes('${') ? `<token ${text}>` : `'${text}'`;
}

/** What one resource names: each of these that is not absent (`*` where it is a wildcard). */
interface Named {
  readonly region?: string;
  readonly account?: string;
  readonly project?: string;
  /** The campaign or journey (`undefined`: every one). */
  readonly child?: string;
  /** The KPI, for a kind of KPI; the KPIs of its class a pattern (`email-*`) matches. */
  readonly kpi?: string | readonly string[];
  readonly activity?: string;
}

/** A part of a pattern and where it is. */
interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What `resource` names for the kind `metric` (`undefined`: `GetReports`), read from its pattern (an ARN's fields, then
 * the segments of its resource): a field that is `*` is every one; `*` for the fields from one on (`*`,
 * `arn:aws:mobiletargeting:*`) names none of them; a KPI with wildcards, the KPIs it matches (`kpisMatching`).
 * A segment is read at the place of the ARN it stands at (`placesOf`), which a `*` before it may move.
 * `undefined`: a field or segment read holds a wildcard but is not `*` (`us-*`, `c?`: some of its values, which no
 * construct names), a KPI pattern matches no KPI, an ID's place cannot be told, or what a wildcard stands for cannot
 * be read (`arn:*:reports`, `.../*-metrics`, a wildcard for `apps`).
 *
 * Only a resource some ARN of the action may match comes here (`readable`): a field or segment without wildcards is
 * then that of the ARN (`arn`, a region, `daterange`), never empty, and the pattern has no more `:` than the ARN.
 */
function nameOf(resource: RenderedValue, metric: AnalyticsMetrics | undefined): Named | undefined {
  const fields = split(resource.pattern, ':', 0);
  const wildcard = (piece: Piece) => /[*?]/.test(piece.text) || piece.text.includes(TOKEN);
  if (fields.length < 6) {
    // Fewer than five `:`: a last field `*` stands for the rest of the ARN; a wildcard elsewhere may stand for any field.
    const last = fields[fields.length - 1];
    return last.text === '*' && fields.slice(0, -1).every((field) => !wildcard(field))
      ? { region: fields.length === 5 ? fields[3].text : undefined } : undefined;
  }
  // Five `:` as those of an ARN: each field is read as that field (a wildcard spans no `:`). A segment past the last
  // is absent (`apps/*/campaigns` has no campaign). Only `*` is every value: a piece that holds a wildcard but is not
  // `*` (`us-*`, `c?`) stands for some of them, which no construct names.
  const exact = (piece: Piece | undefined) => (piece === undefined ? undefined : textOf(resource, piece.start, piece.end));
  const partial = (piece: Piece | undefined) => piece !== undefined && piece.text !== '*' && /[*?]/.test(piece.text);
  const segments = split(fields[5].text, '/', fields[5].start);
  if (partial(fields[3]) || partial(fields[4])) {
    return undefined;
  }
  if (segments[0].text !== APPS_RESOURCE) {
    // A wildcard for the resource type (`*/kpis/...`) is not read: IAM does not match it as `apps/<project>`.
    return fields[5].text === '*' || !wildcard(segments[0]) ? { region: exact(fields[3]), account: exact(fields[4]) } : undefined;
  }
  // (GetReports, whose `metric` is `undefined`, has no ARN of `apps`: its resources do not come here.)
  const arn = `${APPS_RESOURCE}/${metricPath(metric!, { projectId: '*', kpiName: '*' })}`.split('/');
  const at = placesOf(segments, arn);
  if (at === undefined) {
    return undefined;
  }
  const project = at.get(1);
  const child = ['campaigns', 'journeys'].includes(arn[2]) ? at.get(3) : undefined;
  const activity = arn[4] === 'activities' ? at.get(5) : undefined;
  // The ARNs of a KPI end in its name: `kpis/*/<kpi>` names it as `kpis/daterange/<kpi>` does, and `apps/*/campaigns`
  // is the KPI `campaigns` of every campaign, not every KPI. One with wildcards names the KPIs it matches.
  const kpi = KPI_NAMES.has(metric) ? at.get(arn.length - 1) : undefined;
  const kpis = partial(kpi) ? kpisMatching(kpi!, metric!) : undefined;
  if ([project, child, activity].some(partial) || kpis?.length === 0) {
    return undefined;
  }
  return {
    region: exact(fields[3]),
    account: exact(fields[4]),
    project: exact(project),
    child: exact(child),
    kpi: kpis ?? exact(kpi),
    activity: exact(activity),
  };
}

/**
 * The segment of a resource that stands at each place of its ARN (`arn`: the ARN's segments, `*` for an ID) where that
 * can be told. A resource's segments may cover the ARN's in several ways: a segment with a `*` covers one or more, any
 * other one, which must fit the ARN's word where it stands (`kpis`, `daterange`). A segment other than `*` that covers
 * one place, the same in every way, stands there (`c1` in `apps/*\/c1/kpis/daterange/<kpi>`, the campaign of every
 * project); `*` names nothing, so a place only `*`s cover is every ID. `undefined` when the resource cannot be read
 * so: it covers the ARN in no way, or a segment other than `*` covers an ID in one way but is not always that one ID
 * alone (`apps/*\/j1/*` of an activity's metrics: `j1` is a journey or an activity; `*-rate` at the end of
 * `.../campaigns/<c>/*-rate` spans the KPI).
 */
function placesOf(segments: readonly Piece[], arn: readonly string[]): Map<number, Piece> | undefined {
  // Each way: for each segment, its first place and how many it covers.
  const ways: Array<Array<[number, number]>> = [];
  const cover = (j: number, start: number, way: Array<[number, number]>): void => {
    if (j === segments.length) {
      if (start === arn.length) {
        ways.push(way);
      }
      return;
    }
    const spans = segments[j].text.includes('*');
    for (let count = 1; start + count <= arn.length && (count === 1 || spans); count++) {
      if (count > 1 || arn[start] === '*' || wildcardRegex(segments[j].text).test(arn[start])) {
        cover(j + 1, start + count, [...way, [start, count]]);
      }
    }
  };
  cover(0, 0, []);
  const places = new Map<number, Piece>();
  for (const [j, segment] of segments.entries()) {
    if (segment.text === '*') {
      // Every value of whatever it covers: it names nothing.
      continue;
    }
    const placings = uniqueBy(ways.map((way) => way[j]), ([start, count]) => `${start}/${count}`);
    if (placings.length === 1 && placings[0][1] === 1) {
      places.set(placings[0][0], segment);
    } else if (placings.some(([start, count]) => arn.slice(start, start + count).includes('*'))) {
      return undefined;
    }
  }
  return ways.length === 0 ? undefined : places;
}

/**
 * The KPIs of `metric`'s class that `kpi`, the last segment of a resource, matches (`email-*`: the email KPIs; a KPI
 * AWS adds later is not among them).
 */
function kpisMatching(kpi: Piece, metric: AnalyticsMetrics): readonly string[] {
  // A pattern with a character no KPI name has (`.`, a token) matches none.
  const regex = wildcardRegex(kpi.text);
  return KPI_NAMES.get(metric)!.filter((name) => regex.test(name));
}

/** `text` cut at each `separator` (one character), with positions from `offset`. */
function split(text: string, separator: string, offset: number): Piece[] {
  let start = offset;
  return text.split(separator).map((part) => {
    const piece = { text: part, start, end: start + part.length };
    start = piece.end + 1;
    return piece;
  });
}

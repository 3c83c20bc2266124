/**
 * The construct call of this library that grants the analytics a hand-written statement grants, for the fix of a
 * finding: `CampaignKpiGrant` when the statement reads one campaign, `JourneyMetricsGrant` when it reads one journey,
 * else `PinpointAnalyticsReadPolicy` for its projects (every project when a resource does not name one), regions and
 * kinds of metric. A value known only at deploy time is shown as `<token ${Name}>`: pass the construct attribute it
 * stands for (`CfnApp.ref`, say).
 */
import { RenderedValue, textOf } from './cfn-values';
import { StackEnv } from './policy-sources';
import { ActionGrant } from './statements';
import { AnalyticsMetrics } from '../../analytics-metrics';
import { ALL_METRICS, APPS_RESOURCE, GET_REPORTS, JOURNEY_METRICS, METRIC_ACTION } from '../analytics';

/**
 * The construct call that grants the analytics of `grants` (analytics actions only, each with its resources) from a
 * stack in `env`: a region or account that is the stack's is left to its default.
 */
export function constructCallFor(grants: readonly ActionGrant[], env: StackEnv): string {
  const metrics = ALL_METRICS.filter((metric) => grants.some((grant) => grant.action.action === METRIC_ACTION[metric]));
  const consoleReports = grants.some((grant) => grant.action.action === GET_REPORTS);
  if (metrics.length === 0) {
    return `name the action ${GET_REPORTS} on arn:<partition>:mobiletargeting:<region>:<account>:reports`;
  }
  const named = grants.flatMap((grant) => grant.resources.map(nameOf));
  const same = (key: keyof Named): string | undefined => {
    const values = new Set(named.map((n) => n[key]));
    return values.size === 1 ? [...values][0] : undefined;
  };
  const [project, campaign, journey, region, account] = [same('project'), same('campaign'), same('journey'), same('region'), same('account')];
  const kinds = (list: readonly AnalyticsMetrics[]) => `[${list.map((metric) => `AnalyticsMetrics.${metric}`).join(', ')}]`;
  const stacks = (value: string, token: string, own?: string) => value === token || value === own;
  const accountProp = account && !stacks(account, '${AWS::AccountId}', env.account) ? [`account: ${literal(account)}`] : [];
  const location = [
    ...(region && !stacks(region, '${AWS::Region}', env.region) ? [`region: ${literal(region)}`] : []),
    ...accountProp,
  ];
  const oneRegion = region !== undefined && region !== '*';

  if (!consoleReports && oneRegion && project && campaign && metrics.every((m) => m === AnalyticsMetrics.CAMPAIGN_KPIS)) {
    const kpis = named.every((n) => n.kpi) ? [`kpis: [${unique(named.map((n) => `CampaignKpi.of(${literal(n.kpi!)})`)).join(', ')}]`] : [];
    return call('CampaignKpiGrant', 'CampaignKpis',
      [`projectId: ${literal(project)}`, `campaignId: ${literal(campaign)}`, ...kpis, ...location]);
  }
  if (!consoleReports && oneRegion && project && journey && metrics.every((m) => JOURNEY_METRICS.includes(m))) {
    const narrower = metrics.length < JOURNEY_METRICS.length ? [`metrics: ${kinds(metrics)}`] : [];
    return call('JourneyMetricsGrant', 'JourneyMetrics',
      [`projectId: ${literal(project)}`, `journeyId: ${literal(journey)}`, ...narrower, ...location]);
  }
  const regions = unique(named.map((n) => n.region ?? '*'));
  return call('PinpointAnalyticsReadPolicy', 'PinpointAnalytics', [
    ...(named.every((n) => n.project) ? [`projectIds: [${unique(named.map((n) => literal(n.project!))).join(', ')}]`] : []),
    ...(regions.includes('*') ? ["regions: ['*']"] : []),
    ...(regions.includes('*') || (regions.length === 1 && stacks(regions[0], '${AWS::Region}', env.region)) ? []
      : [`regions: [${regions.map(literal).join(', ')}]`]),
    ...accountProp,
    ...(metrics.length < ALL_METRICS.length ? [`metrics: ${kinds(metrics)}`] : []),
    ...(consoleReports ? ['includeConsoleReports: true'] : []),
  ]);
}

/** What one resource names: each of these that is neither a wildcard nor absent. */
interface Named {
  readonly region?: string;
  readonly account?: string;
  readonly project?: string;
  readonly campaign?: string;
  readonly journey?: string;
  readonly kpi?: string;
}

/** A part of a pattern and where it is. */
interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What `resource` names, read from its pattern (an ARN's fields, then the segments of its resource). */
function nameOf(resource: RenderedValue): Named {
  const fields = split(resource.pattern, ':', 0, 5);
  if (fields.length < 6 || fields[0].text !== 'arn') {
    return {};
  }
  const exact = (piece: Piece | undefined) => (piece && piece.text !== '' && !/[*?]/.test(piece.text)
    ? textOf(resource, piece.start, piece.end) : undefined);
  const segments = split(fields[5].text, '/', fields[5].start);
  const under = segments[0].text === APPS_RESOURCE;
  const child = (kind: string) => (under && segments[2]?.text === kind ? exact(segments[3]) : undefined);
  const kpis = segments.findIndex((segment) => segment.text === 'kpis');
  const kpiNamed = kpis > 0 && segments[kpis + 1]?.text === 'daterange' && segments.length === kpis + 3;
  return {
    region: fields[3].text === '*' ? '*' : exact(fields[3]),
    account: exact(fields[4]),
    project: under ? exact(segments[1]) : undefined,
    campaign: child('campaigns'),
    journey: child('journeys'),
    kpi: kpiNamed ? exact(segments[kpis + 2]) : undefined,
  };
}

/** `text` cut at each `separator` (at most `limit` times), with positions from `offset`. */
function split(text: string, separator: string, offset: number, limit = Infinity): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let at = text.indexOf(separator);
  while (at >= 0 && pieces.length < limit) {
    pieces.push({ text: text.slice(start, at), start: offset + start, end: offset + at });
    start = at + 1;
    at = text.indexOf(separator, start);
  }
  pieces.push({ text: text.slice(start), start: offset + start, end: offset + text.length });
  return pieces;
}

function call(construct: string, id: string, props: readonly string[]): string {
  return `new ${construct}(this, '${id}'${props.length > 0 ? `, { ${props.join(', ')} }` : ''}).grantTo(grantee)`;
}

/** A value as TypeScript: a string literal, or `<token ${Name}>` for a value known only at deploy time. */
function literal(text: string): string {
  return text.includes('${') ? `<token ${text}>` : `'${text}'`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

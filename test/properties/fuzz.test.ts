/**
 * Input fuzzing: every string input of every construct, fed arbitrary strings (ARN metacharacters, IAM wildcards and
 * policy variables, white space, control characters, unicode, long strings, and well-formed values).
 *
 * For each value, exactly one of:
 * - the construct rejects it with our error: the message starts with the construct's name, names the property and
 *   shows the value; nothing is left behind (no construct anywhere in the app, no statement on any principal);
 * - the construct accepts it: the value holds none of the characters that change what an ARN matches or where its
 *   segments end, every ARN granted has exactly the shape of docs/facts.md's formats, and the value is exactly its own
 *   segment (or field) in them; the stack synthesizes (no error from inside aws-cdk-lib).
 *
 * Tokens are accepted for every string input and land in the same place. Seeded: `FUZZ_SEED`, `FUZZ_RUNS`.
 *
 * The values of one input are built into one app, a stack each, synthesized once (support/properties.ts); when that
 * fails, fast-check runs the property again, one app per value, and reports the smallest failing value it finds.
 */
import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  batchThenOneByOne,
  CAMPAIGN_ID,
  identityPoliciesOf,
  JOURNEY_ID,
  newRole,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  propertyValues,
  testApp,
  testStack,
} from '../support';

const SEED = Number(process.env.FUZZ_SEED ?? 31337);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

// ---------------------------------------------------------------------------------------------------------------------
// Strings.

/** Pieces that are dangerous in an ARN or a policy, or just unusual. */
const PIECES = ['/', ':', '*', '?', '$', '{', '}', '${aws:username}', '${*}', ' ', '\t', '\n', '\r', '\u00a0', '\u200b',
  '\u2028', '\u0000', '\u007f', 'é', 'ß', 'İ', '😀', '\ud800', '#', '"', "'", '\\', ',', '[', ']', '.', '..', '-', '--', '_',
  '+', '=', '@', 'arn:aws:', 'apps/', '/kpis/daterange/', '%2F', 'a', 'Z', '0', '9', 'kpi', 'us-east-1'];

const fuzzString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((pieces) => pieces.join('')),
  // Well-formed and nearly well-formed values, some too long.
  fc.stringMatching(/^[A-Za-z0-9_-]{1,140}$/),
  fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}$/),
  fc.stringMatching(/^[a-z]{2}(-[a-z]{2,9}){1,2}-[0-9]{1,3}$/),
  fc.stringMatching(/^[0-9]{10,13}$/),
  fc.constantFrom('', '*', '?', ' ', '-', 'a', '*-east-1', 'us-east-?', '12345678901*', 'email-open-*'),
);

/** What must never survive into an accepted ID, KPI name, region or account: it changes what an ARN matches. */
const ARN_UNSAFE = /[/:*?${}\s\p{C}]/u;

// ---------------------------------------------------------------------------------------------------------------------
// Targets: one per string input.

type Grantor = { grantTo(grantee: iam.IGrantable): iam.Grant; toPolicyStatements(): iam.PolicyStatement[] };
type ConstructName = 'PinpointAnalyticsReadPolicy' | 'CampaignKpiGrant' | 'JourneyMetricsGrant';

/** Where in an ARN a value goes: a path segment of the resource (by shape), or a field of the ARN. */
type Place = 'project' | 'campaign' | 'journey' | 'kpi' | 'activity' | 'region' | 'account';

interface Target {
  readonly construct: ConstructName;
  /** The input, as users write it: `projectIds`, `kpis` (via `CampaignKpi.of`), ... */
  readonly input: string;
  /** Builds the construct with `value` in the input; `index` places it in a list input. */
  readonly make: (scope: Stack, id: string, value: string, index: number) => Grantor;
  /** The property the error message must name, for `value` at `index`. */
  readonly property: (index: number) => string;
  /** Where an accepted value appears: in the ARNs, or in the managed policy. */
  readonly place: Place | 'ManagedPolicyName' | 'Description';
  /** Accepted values that are not IDs (regions' `*`). */
  readonly alsoAccepts?: readonly string[];
}

/** A list of valid values with `value` at `index` (the index wraps to the list's length). */
function listWith(valid: string[], value: string, index: number): string[] {
  const list = [...valid];
  list.splice(index % (valid.length + 1), 0, value);
  return list;
}
const at = (name: string, valid: readonly unknown[]) => (index: number) => `${name}[${index % (valid.length + 1)}]`;

const PROJECTS = [PROJECT_ID, OTHER_PROJECT_ID];
const REGIONS = ['us-east-1', 'eu-west-1'];
const APPLICATION_KPIS = ['txn-sms-sent'];
const CAMPAIGN_KPIS = ['email-open-rate', 'sms-spend'];
const JOURNEY_KPIS = ['journey-emails-opened'];
const ACTIVITIES = ['welcome-email', 'wait_1'];

const TARGETS: Target[] = [
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'projectIds',
    place: 'project',
    property: at('projectIds', PROJECTS),
    make: (s, id, v, i) => new PinpointAnalyticsReadPolicy(s, id, { projectIds: listWith(PROJECTS, v, i), includeConsoleReports: true }),
  },
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'regions',
    place: 'region',
    property: (i) => (i % 2 === 0 ? 'regions[0]' : at('regions', REGIONS)(i)),
    alsoAccepts: ['*'],
    // A single-element list is where '*' is accepted.
    make: (s, id, v, i) => new PinpointAnalyticsReadPolicy(s, id, {
      projectIds: [PROJECT_ID], regions: i % 2 === 0 ? [v] : listWith(REGIONS, v, i), includeConsoleReports: true,
    }),
  },
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'applicationKpis (ApplicationKpi.of)',
    place: 'kpi',
    property: at('applicationKpis', APPLICATION_KPIS),
    make: (s, id, v, i) => new PinpointAnalyticsReadPolicy(s, id, {
      projectIds: [PROJECT_ID], applicationKpis: listWith(APPLICATION_KPIS, v, i).map((k) => ApplicationKpi.of(k)),
    }),
  },
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'account',
    place: 'account',
    property: () => 'account',
    make: (s, id, v) => new PinpointAnalyticsReadPolicy(s, id, { account: v, includeConsoleReports: true }),
  },
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'managedPolicyName',
    place: 'ManagedPolicyName',
    property: () => 'managedPolicyName',
    make: (s, id, v) => new PinpointAnalyticsReadPolicy(s, id, { managedPolicyName: v }),
  },
  {
    construct: 'PinpointAnalyticsReadPolicy',
    input: 'description',
    place: 'Description',
    property: () => 'description',
    make: (s, id, v) => new PinpointAnalyticsReadPolicy(s, id, { description: v }),
  },
  {
    construct: 'CampaignKpiGrant',
    input: 'projectId',
    place: 'project',
    property: () => 'projectId',
    make: (s, id, v) => new CampaignKpiGrant(s, id, { projectId: v, campaignId: CAMPAIGN_ID }),
  },
  {
    construct: 'CampaignKpiGrant',
    input: 'campaignId',
    place: 'campaign',
    property: () => 'campaignId',
    make: (s, id, v) => new CampaignKpiGrant(s, id, { projectId: PROJECT_ID, campaignId: v }),
  },
  {
    construct: 'CampaignKpiGrant',
    input: 'kpis (CampaignKpi.of)',
    place: 'kpi',
    property: at('kpis', CAMPAIGN_KPIS),
    make: (s, id, v, i) => new CampaignKpiGrant(s, id, {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: listWith(CAMPAIGN_KPIS, v, i).map((k) => CampaignKpi.of(k)),
    }),
  },
  {
    construct: 'CampaignKpiGrant',
    input: 'region',
    place: 'region',
    property: () => 'region',
    make: (s, id, v) => new CampaignKpiGrant(s, id, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, region: v }),
  },
  {
    construct: 'CampaignKpiGrant',
    input: 'account',
    place: 'account',
    property: () => 'account',
    make: (s, id, v) => new CampaignKpiGrant(s, id, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: v }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'projectId',
    place: 'project',
    property: () => 'projectId',
    make: (s, id, v) => new JourneyMetricsGrant(s, id, { projectId: v, journeyId: JOURNEY_ID }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'journeyId',
    place: 'journey',
    property: () => 'journeyId',
    make: (s, id, v) => new JourneyMetricsGrant(s, id, { projectId: PROJECT_ID, journeyId: v }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'kpis (JourneyKpi.of)',
    place: 'kpi',
    property: at('kpis', JOURNEY_KPIS),
    make: (s, id, v, i) => new JourneyMetricsGrant(s, id, {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: listWith(JOURNEY_KPIS, v, i).map((k) => JourneyKpi.of(k)),
    }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'activityIds',
    place: 'activity',
    property: at('activityIds', ACTIVITIES),
    make: (s, id, v, i) => new JourneyMetricsGrant(s, id, {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      activityIds: listWith(ACTIVITIES, v, i),
      metrics: [AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'region',
    place: 'region',
    property: () => 'region',
    make: (s, id, v) => new JourneyMetricsGrant(s, id, { projectId: PROJECT_ID, journeyId: JOURNEY_ID, region: v }),
  },
  {
    construct: 'JourneyMetricsGrant',
    input: 'account',
    place: 'account',
    property: () => 'account',
    make: (s, id, v) => new JourneyMetricsGrant(s, id, { projectId: PROJECT_ID, journeyId: JOURNEY_ID, account: v }),
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// ARNs: docs/facts.md's formats, as shapes of the resource part ('·' is one path segment of an ID or a KPI name).

const SHAPES: ReadonlyArray<{ shape: string[]; places: Partial<Record<Place, number>> }> = [
  { shape: ['apps', '·', 'kpis', '*'], places: { project: 1 } },
  { shape: ['apps', '·', 'kpis', 'daterange', '·'], places: { project: 1, kpi: 4 } },
  { shape: ['apps', '·', 'campaigns', '·', 'kpis', '*'], places: { project: 1, campaign: 3 } },
  { shape: ['apps', '·', 'campaigns', '·', 'kpis', 'daterange', '·'], places: { project: 1, campaign: 3, kpi: 6 } },
  { shape: ['apps', '·', 'journeys', '·', 'kpis', '*'], places: { project: 1, journey: 3 } },
  { shape: ['apps', '·', 'journeys', '·', 'kpis', 'daterange', '·'], places: { project: 1, journey: 3, kpi: 6 } },
  { shape: ['apps', '·', 'journeys', '·', 'execution-metrics'], places: { project: 1, journey: 3 } },
  { shape: ['apps', '·', 'journeys', '·', 'activities', '·', 'execution-metrics'], places: { project: 1, journey: 3, activity: 5 } },
  { shape: ['reports'], places: {} },
];

/**
 * The value at `place` in `arn`, after checking that the ARN has exactly six fields and one of the shapes; `undefined`
 * when this ARN has no such place (a campaign ID in a `reports` ARN).
 */
function valueAt(arn: string, place: Place): string | undefined {
  const fields = arn.split(':');
  expect({ arn, fieldCount: fields.length, arnPrefix: fields.slice(0, 3) })
    .toEqual({ arn, fieldCount: 6, arnPrefix: ['arn', 'aws', 'mobiletargeting'] });
  if (place === 'region') {
    return fields[3];
  }
  if (place === 'account') {
    return fields[4];
  }
  const segments = fields[5].split('/');
  const match = SHAPES.filter(({ shape }) => shape.length === segments.length
    && shape.every((s, i) => (s === '·' ? segments[i].length > 0 : s === segments[i])));
  if (match.length === 0) {
    throw new Error(`${arn} has none of the ARN formats of docs/facts.md`);
  }
  const index = match[0].places[place];
  return index === undefined ? undefined : segments[index];
}

/** Every resource ARN of `statements`, resolved (a stack with an explicit environment: plain strings). */
function arnsOf(stack: Stack, statements: iam.PolicyStatement[]): string[] {
  return statements.flatMap((s) => [stack.resolve(s.toStatementJson()).Resource].flat());
}

// ---------------------------------------------------------------------------------------------------------------------
// The checks.

const WELL_FORMED: Record<Target['place'], string> = {
  project: 'p1',
  campaign: 'c-1',
  journey: 'j_1',
  kpi: 'new-kpi-1',
  activity: 'Activity-1',
  region: 'ap-southeast-2',
  account: '111122223333',
  ManagedPolicyName: 'Analytics+Reader@1',
  Description: 'Reads analytics.',
};

/** How many values of one input were accepted and how many rejected. */
interface Outcomes {
  accepted: number;
  rejected: number;
}

/**
 * Tries `value` (at `index` of a list input) in `target`'s input, as the construct `Fuzzed` of `stack`. A rejection is
 * checked at once: our error (the construct, the property, the value), and nothing left behind (so the next value can
 * be tried in the same stack). An accepted value is granted to `role`, and the check of what the synthesized template
 * holds is returned.
 */
function attempt(target: Target, stack: Stack, role: iam.Role, value: string, index: number, outcomes?: Outcomes):
((template: any) => void) | undefined {
  const app = stack.node.root;
  const constructsBefore = app.node.findAll().length;
  let grantor: Grantor;
  try {
    grantor = target.make(stack, 'Fuzzed', value, index);
  } catch (error) {
    if (outcomes) {
      outcomes.rejected++;
    }
    // Our error: names the construct first, then the property, then shows the value; not aws-cdk-lib's.
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.startsWith(`${target.construct} '${stack.node.path}/Fuzzed': `)).toBe(true);
    const property = target.property(index);
    const listName = property.replace(/\[\d+\]$/, '');
    const shown = JSON.stringify(value) ?? String(value);
    const namesProperty = message.includes(`: ${property} is ${shown}: `)
      || message.includes(`: ${listName} is [`) && message.includes(shown);
    if (!namesProperty) {
      throw new Error(`the message does not name ${property} and show ${JSON.stringify(value)}: ${message}`);
    }
    // Nothing left behind: no construct anywhere in the app, nothing on the principal.
    expect(app.node.findAll().length).toBe(constructsBefore);
    expect(stack.node.tryFindChild('Fuzzed')).toBeUndefined();
    return undefined;
  }
  if (outcomes) {
    outcomes.accepted++;
  }
  const statements = grantor.toPolicyStatements();
  grantor.grantTo(role);
  return (template) => {
    if (target.place === 'ManagedPolicyName' || target.place === 'Description') {
      const policies = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
      expect(policies.map((p) => p.Properties[target.place])).toEqual([value]);
      return;
    }
    if (!(target.alsoAccepts ?? []).includes(value) && ARN_UNSAFE.test(value)) {
      throw new Error(`${target.construct} accepted ${target.input} ${JSON.stringify(value)}, which changes what its ARNs match`);
    }
    const arns = arnsOf(stack, statements);
    const found = arns.map((arn) => valueAt(arn, target.place as Place)).filter((v) => v !== undefined);
    expect(found).toContain(value);
    // The same ARNs reach the principal.
    const granted = identityPoliciesOf(template, stack.getLogicalId(role.node.defaultChild as iam.CfnRole))
      .flatMap((p) => [p.policy.Statement].flat().flatMap((s: any) => [s.Resource].flat()));
    expect(new Set(granted)).toEqual(new Set(arns));
  };
}

/** One value, in an app of its own: fast-check's run of the property, value by value. */
function fuzzOnce(target: Target, value: string, index: number): void {
  const stack = testStack();
  // no error from inside aws-cdk-lib for an accepted value: the stack synthesizes
  attempt(target, stack, newRole(stack, 'Grantee'), value, index)?.(Template.fromStack(stack).toJSON());
}

/**
 * Every value in one app, synthesized once (for the first template read): values are tried in a stack until one is
 * accepted, which keeps that stack; the next value goes to a new one.
 */
function fuzzAll(target: Target, values: ReadonlyArray<readonly [string, number]>, outcomes: Outcomes): void {
  const app = testApp();
  const checks: Array<[Stack, (template: any) => void]> = [];
  const next = () => {
    const stack = testStack(app, `Values${checks.length}`);
    return { stack, role: newRole(stack, 'Grantee') };
  };
  let { stack, role } = next();
  for (const [value, index] of values) {
    const check = attempt(target, stack, role, value, index, outcomes);
    if (check) {
      checks.push([stack, check]);
      ({ stack, role } = next());
    }
  }
  for (const [accepted, check] of checks) {
    check(Template.fromStack(accepted).toJSON());
  }
}

describe(`fuzzing every string input (seed ${SEED}, ${RUNS} runs per input)`, () => {
  test.each(TARGETS.map((t, i) => [`${t.construct} ${t.input}`, t, i] as const))(
    '%s: rejected with our message and nothing left behind, or literally its own ARN segment; both outcomes reached',
    async (_name, target, i) => {
      // One well-formed and one malformed value always, so both outcomes are checked however few the runs.
      const parameters = { seed: SEED + i, numRuns: RUNS, examples: [[WELL_FORMED[target.place], 1], ['a/b*', 0]] as Array<[string, number]> };
      const outcomes: Outcomes = { accepted: 0, rejected: 0 };
      await batchThenOneByOne(
        () => fuzzAll(target, propertyValues(fc.tuple(fuzzString, fc.nat(4)), parameters), outcomes),
        () => fc.assert(fc.property(fuzzString, fc.nat(4), (value, index) => fuzzOnce(target, value, index)), parameters),
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.rejected).toBeGreaterThan(0);
    },
  );
});

describe(`JavaScript callers: a value that is not a string (seed ${SEED})`, () => {
  test.each(TARGETS.map((t, i) => [`${t.construct} ${t.input}`, t, i] as const))('%s is rejected with our message', (_name, target, i) => {
    const notAString = fc.anything().filter((v) => v !== undefined && typeof v !== 'string');
    // One stack for every value: a rejected value leaves nothing behind (checked), so the next can be tried there.
    const stack = testStack();
    const role = newRole(stack, 'Grantee');
    fc.assert(fc.property(notAString, fc.nat(4), (value, index) => {
      expect(attempt(target, stack, role, value as string, index)).toBeUndefined();
    }), { seed: SEED + i, numRuns: Math.ceil(RUNS / 4) });
  });
});

test('a value JSON cannot show (a BigInt, a circular object) is still named and shown in our message', () => {
  const circular: any = { id: 'p' };
  circular.self = circular;
  expect(() => new CampaignKpiGrant(testStack(), 'Probe', { projectId: BigInt(7) as any, campaignId: CAMPAIGN_ID }))
    .toThrow("CampaignKpiGrant 'TestStack/Probe': projectId is 7: ");
  expect(() => new JourneyMetricsGrant(testStack(), 'Probe', { projectId: PROJECT_ID, journeyId: circular }))
    .toThrow("JourneyMetricsGrant 'TestStack/Probe': journeyId is [object Object]: ");
});

test('a value JSON has no text for (a function, a symbol) is shown as JavaScript writes it', () => {
  expect(() => new CampaignKpiGrant(testStack(), 'Probe', { projectId: PROJECT_ID, campaignId: (() => 'c') as any }))
    .toThrow("CampaignKpiGrant 'TestStack/Probe': campaignId is () => 'c': ");
  expect(() => new JourneyMetricsGrant(testStack(), 'Probe', { projectId: Symbol('p') as any, journeyId: JOURNEY_ID }))
    .toThrow("JourneyMetricsGrant 'TestStack/Probe': projectId is Symbol(p): ");
});

describe('tokens are accepted for every string input and land in their place', () => {
  const TOKEN_VALUES: Record<Target['place'], string> = {
    project: 'tokenproject',
    campaign: 'tokencampaign',
    journey: 'tokenjourney',
    kpi: 'token-kpi',
    activity: 'token-activity',
    region: 'ap-south-1',
    account: '999988887777',
    ManagedPolicyName: 'TokenPolicyName',
    Description: 'token description',
  };

  /** One stack per input, each with a token in it, in one app: each test reads its stack's template. */
  const app = testApp();
  const stacks = new Map(TARGETS.map((target, i) => {
    const stack = testStack(app, `Target${i}`);
    const param = new CfnParameter(stack, 'Input', { type: 'String' });
    target.make(stack, 'WithToken', param.valueAsString, 0).grantTo(newRole(stack, 'Grantee'));
    return [target, stack];
  }));

  test.each(TARGETS.map((t) => [`${t.construct} ${t.input}`, t] as const))('%s', (_name, target) => {
    const stack = stacks.get(target)!;
    const template = Template.fromStack(stack).toJSON();
    const value = TOKEN_VALUES[target.place];
    if (target.place === 'ManagedPolicyName' || target.place === 'Description') {
      const policies = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
      expect(policies.map((p) => p.Properties[target.place])).toEqual([{ Ref: 'Input' }]);
      return;
    }
    const role = stack.node.findChild('Grantee') as iam.Role;
    const arns = identityPoliciesOf(template, stack.getLogicalId(role.node.defaultChild as iam.CfnRole), { refs: { Input: value } })
      .flatMap((p) => [p.policy.Statement].flat().flatMap((s: any) => [s.Resource].flat()));
    expect(arns.map((arn) => valueAt(arn, target.place as Place))).toContain(value);
  });
});

/**
 * lib/private/grant/canonical.ts on its own. `pack`: statements cut into pieces that fit aws-cdk-lib's splitter and a
 * managed policy, by both size measures, and into documents of given sizes (a user's or group's inline policies, then
 * managed policies). The constructs' tests reach it only with real ARNs, whose two measures are close; here each
 * measure is driven to its limit alone, exactly, and one character past it. The Sids: `sidForActions`, the names of a
 * canonical Sid, and the pieces of `pack` around the Sids other statements have (the allocation at synthesis:
 * sids.test.ts).
 */
import * as fc from 'fast-check';
import {
  canonicalGroups,
  canonicalSidOf,
  inlineThenManaged,
  nextFreeSid,
  ONE_DOCUMENT,
  pack,
  sidForActions,
  sidName,
  SizedResource,
  Statement,
} from '../../../../lib/private/grant/canonical';
import { statementOverhead } from '../../../../lib/private/size/policy-size';
import {
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
} from '../../../support';

/** A managed policy's limit less its document around the statements: `{"Version":"2012-10-17","Statement":[]}`. */
const DOCUMENT_OVERHEAD = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;
const DEPLOYED_LIMIT = 6_144 - DOCUMENT_OVERHEAD;
/** What aws-cdk-lib's splitter places in one OverflowPolicy, by its estimate (`MAX_MANAGEDPOL_SIZE` in aws-iam/lib/role.ts). */
const SPLITTER_LIMIT = 6_000;

const SID = 'QueryCampaignAnalytics';
const ACTIONS = ['mobiletargeting:GetCampaignDateRangeKpi'];

function resource(arn: string, deployed: number, splitter: number): SizedResource {
  return { arn, key: arn, size: { deployed, splitter } };
}

/** One statement of `resources`, cut into pieces that each fit a managed policy. */
function chunkStatement(sid: string, actions: string[], resources: SizedResource[]): Statement[] {
  return pack([{ sid, actions, resources }], ONE_DOCUMENT).flat();
}

/** The resources of each chunk. */
function chunksOf(resources: SizedResource[]): string[][] {
  return chunkStatement(SID, ACTIONS, resources).map((chunk) => [...chunk.resources]);
}

describe.each([
  ['as deployed', 'deployed', DEPLOYED_LIMIT],
  ['by the splitter\'s estimate', 'splitter', SPLITTER_LIMIT],
] as const)('a chunk fills up to the limit %s', (_, measure, limit) => {
  /** A resource of `chars` by this measure and 1 by the other. */
  const sized = (arn: string, chars: number) =>
    resource(arn, measure === 'deployed' ? chars : 1, measure === 'splitter' ? chars : 1);
  /** What the Sid, Effect, actions and brackets of the first chunk take by this measure. */
  const overhead = statementOverhead(SID, ACTIONS)[measure];

  test('exactly at the limit: one chunk', () => {
    expect(chunksOf([sized('a', 100), sized('b', limit - overhead - 100)])).toEqual([['a', 'b']]);
  });

  test('one character over it: the last resource starts a second chunk', () => {
    expect(chunksOf([sized('a', 100), sized('b', limit - overhead - 100 + 1)])).toEqual([['a'], ['b']]);
  });

  test('a second chunk counts its own Sid, one digit longer, and fills up to the limit too', () => {
    const second = statementOverhead(`${SID}2`, ACTIONS)[measure];
    // aws-cdk-lib's estimate leaves the Sid out
    expect(second).toBe(measure === 'deployed' ? overhead + 1 : overhead);
    // b fills the second chunk exactly, c would pass it by one character
    expect(chunksOf([sized('a', limit - overhead), sized('b', limit - second), sized('c', 1)]))
      .toEqual([['a'], ['b'], ['c']]);
    expect(chunksOf([sized('a', limit - overhead), sized('b', limit - second - 1), sized('c', 1)]))
      .toEqual([['a'], ['b', 'c']]);
  });

  test('a resource larger than the limit on its own gets a chunk of its own, never an empty one', () => {
    expect(chunksOf([sized('huge', limit * 2)])).toEqual([['huge']]);
    expect(chunksOf([sized('a', 10), sized('huge', limit * 2), sized('b', 10)])).toEqual([['a'], ['huge'], ['b']]);
  });
});

test('no resources: no statement', () => {
  expect(chunkStatement(SID, ACTIONS, [])).toEqual([]);
});

test('Sids: the statement\'s own for the first chunk, then numbered from 2; every chunk has the exact actions', () => {
  const big = resource('x', DEPLOYED_LIMIT, SPLITTER_LIMIT);
  const chunks = chunkStatement(SID, ACTIONS, [big, big, big]);
  expect(chunks.map((chunk) => chunk.sid)).toEqual([SID, `${SID}2`, `${SID}3`]);
  chunks.forEach((chunk) => expect(chunk.actions).toEqual(ACTIONS));
});

test('any resources: in order, each chunk within both limits unless it is one resource, and no chunk could take the next resource', () => {
  const sizedResource = fc.record({
    deployed: fc.integer({ min: 1, max: 3_000 }),
    splitter: fc.integer({ min: 1, max: 3_000 }),
  });
  fc.assert(fc.property(fc.array(sizedResource, { maxLength: 60 }), (sizes) => {
    const resources = sizes.map((size, i) => resource(`r${i}`, size.deployed, size.splitter));
    const chunks = chunkStatement(SID, ACTIONS, resources);
    const sizeOf = new Map(resources.map((r) => [r.arn, r.size]));
    const total = (sid: string, arns: readonly string[], measure: 'deployed' | 'splitter') =>
      statementOverhead(sid, ACTIONS)[measure] + arns.reduce((sum, arn) => sum + sizeOf.get(arn)![measure], 0);

    // every resource once, in the given order
    expect(chunks.flatMap((chunk) => chunk.resources)).toEqual(resources.map((r) => r.arn));
    chunks.forEach((chunk, i) => {
      expect(chunk.resources.length).toBeGreaterThan(0);
      if (chunk.resources.length > 1) {
        expect(total(chunk.sid, chunk.resources, 'deployed')).toBeLessThanOrEqual(DEPLOYED_LIMIT);
        expect(total(chunk.sid, chunk.resources, 'splitter')).toBeLessThanOrEqual(SPLITTER_LIMIT);
      }
      const next = chunks[i + 1]?.resources[0];
      if (next !== undefined) {
        const taken = [...chunk.resources, next];
        expect(total(chunk.sid, taken, 'deployed') > DEPLOYED_LIMIT || total(chunk.sid, taken, 'splitter') > SPLITTER_LIMIT).toBe(true);
      }
    });
  }), { seed: 20261126, numRuns: Number(process.env.MODEL_RUNS ?? 100) });
});

describe('documents of given sizes: a user\'s or group\'s inline policies, then managed policies', () => {
  /** A document's characters: the document around its statements, and each statement with its resources. */
  const documentChars = (statements: Statement[], sizes: Map<string, number>) => DOCUMENT_OVERHEAD +
    statements.reduce((total, s) => total + statementOverhead(s.sid, s.actions).deployed +
      s.resources.reduce((sum, arn) => sum + sizes.get(arn)!, 0), 0);
  const JOURNEY_SID = 'QueryJourneyAnalytics';
  const JOURNEY_ACTIONS = [
    'mobiletargeting:GetJourneyDateRangeKpi',
    'mobiletargeting:GetJourneyExecutionMetrics',
    'mobiletargeting:GetJourneyExecutionActivityMetrics',
  ];

  test('the first document fills up to its size, the rest go into documents of 6,144, continuing the statement as sid2, ...', () => {
    const resources = Array.from({ length: 100 }, (_, i) => resource(`r${i}`, 135, 1));
    const documents = pack([{ sid: SID, actions: ACTIONS, resources }], inlineThenManaged(2_048));
    const sizes = new Map(resources.map((r) => [r.arn, r.size.deployed]));

    // 2,048 less the document (39) and the statement (115) holds 14 resources of 135; 6,144 less 39 and 116 holds 44
    expect(documents.map((d) => d.flatMap((s) => s.resources).length)).toEqual([14, 44, 42]);
    expect(documents.map((d) => d.map((s) => s.sid))).toEqual([[SID], [`${SID}2`], [`${SID}3`]]);
    expect(documentChars(documents[0], sizes)).toBeLessThanOrEqual(2_048);
    expect(documentChars(documents[0], sizes) + 135).toBeGreaterThan(2_048);
    documents.slice(1).forEach((d) => expect(documentChars(d, sizes)).toBeLessThanOrEqual(6_144));
    expect(documents.flat().flatMap((s) => s.resources)).toEqual(resources.map((r) => r.arn));
  });

  test('several statements share a document; each statement keeps its own actions', () => {
    const campaign = Array.from({ length: 3 }, (_, i) => resource(`c${i}`, 135, 1));
    const journey = Array.from({ length: 3 }, (_, i) => resource(`j${i}`, 135, 1));
    const documents = pack([
      { sid: SID, actions: ACTIONS, resources: campaign },
      { sid: JOURNEY_SID, actions: JOURNEY_ACTIONS, resources: journey },
    ], inlineThenManaged(2_048));
    expect(documents).toEqual([[
      { sid: SID, actions: ACTIONS, resources: ['c0', 'c1', 'c2'] },
      { sid: JOURNEY_SID, actions: JOURNEY_ACTIONS, resources: ['j0', 'j1', 'j2'] },
    ]]);
  });

  test('a resource that fills the document to its last character stays in it', () => {
    // GIVEN a first document of 2,048: after the document (39) and the statement around the first resource, `rest`
    // characters are left, and the second resource is exactly that long
    const rest = 2_048 - DOCUMENT_OVERHEAD - statementOverhead(SID, ACTIONS).deployed - 135;
    const resources = [resource('a', 135, 1), resource('b', rest, 1), resource('c', 1, 1)];
    // THEN
    expect(pack([{ sid: SID, actions: ACTIONS, resources }], inlineThenManaged(2_048)).map((d) => d.flatMap((s) => s.resources)))
      .toEqual([['a', 'b'], ['c']]);
  });

  test('a new statement that fills the document to its last character stays in it', () => {
    // GIVEN a campaign statement, and a journey statement whose one resource fills what is left exactly
    const rest = 2_048 - DOCUMENT_OVERHEAD - statementOverhead(SID, ACTIONS).deployed - 135 -
      statementOverhead(JOURNEY_SID, JOURNEY_ACTIONS).deployed;
    const documents = pack([
      { sid: SID, actions: ACTIONS, resources: [resource('c', 135, 1)] },
      { sid: JOURNEY_SID, actions: JOURNEY_ACTIONS, resources: [resource('j', rest, 1), resource('k', 1, 1)] },
    ], inlineThenManaged(2_048));
    // THEN both statements share the first document, and the next resource starts the next
    expect(documents.map((d) => d.map((st) => `${st.sid}: ${st.resources.join(' ')}`)))
      .toEqual([[`${SID}: c`, `${JOURNEY_SID}: j`], [`${JOURNEY_SID}2: k`]]);
  });

  test('nothing to pack: no document at all, not one empty document', () => {
    expect(pack([], inlineThenManaged(2_048))).toEqual([]);
    expect(pack([], ONE_DOCUMENT)).toEqual([]);
  });

  test('no room in the first document: it stays empty, and everything goes into the next', () => {
    const resources = [resource('a', 135, 1), resource('b', 135, 1)];
    expect(pack([{ sid: SID, actions: ACTIONS, resources }], inlineThenManaged(100)))
      .toEqual([[], [{ sid: SID, actions: ACTIONS, resources: ['a', 'b'] }]]);
  });

  test('a resource larger than a document on its own gets a document of its own, never an empty one after the first', () => {
    const resources = [resource('a', 135, 1), resource('huge', 10_000, 1), resource('b', 135, 1)];
    expect(pack([{ sid: SID, actions: ACTIONS, resources }], inlineThenManaged(2_048)).map((d) => d.flatMap((s) => s.resources)))
      .toEqual([['a'], ['huge'], ['b']]);
  });

  test('any resources: in order, every document after the first non-empty, each within its size unless one resource passes it', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 7_000 }), { maxLength: 80 }), fc.integer({ min: 0, max: 6_000 }), (sizeList, first) => {
      const resources = sizeList.map((size, i) => resource(`r${i}`, size, 1));
      const sizes = new Map(resources.map((r) => [r.arn, r.size.deployed]));
      const documents = pack([{ sid: SID, actions: ACTIONS, resources }], inlineThenManaged(first));
      expect(documents.flat().flatMap((s) => s.resources)).toEqual(resources.map((r) => r.arn));
      documents.forEach((document, i) => {
        const limit = i === 0 ? first : 6_144;
        if (i > 0) {
          expect(document.length).toBeGreaterThan(0);
        }
        if (document.flatMap((s) => s.resources).length > 1) {
          expect(documentChars(document, sizes)).toBeLessThanOrEqual(limit);
        }
      });
      // Sids unique across all documents
      const sids = documents.flat().map((s) => s.sid);
      expect(new Set(sids).size).toBe(sids.length);
    }), { seed: 20261202, numRuns: Number(process.env.MODEL_RUNS ?? 100) });
  });
});

describe('canonicalGroups: the resources of one statement in the order of the developer guide', () => {
  test('project KPIs, campaign KPIs, journey KPIs, journey execution metrics, activity execution metrics, then others', () => {
    const arn = (relative: string) => `arn:aws:mobiletargeting:us-east-1:123456789012:${relative}`;
    const inGuideOrder = [
      arn('apps/p/kpis/*'),
      arn('apps/p/campaigns/c/kpis/*'),
      arn('apps/p/journeys/j/kpis/*'),
      arn('apps/p/journeys/j/execution-metrics'),
      arn('apps/p/journeys/j/activities/a/execution-metrics'),
      arn('reports'),
    ];
    const formOf = (key: string) => ({ key, size: { deployed: key.length, splitter: key.length } });
    const groups = canonicalGroups([{ actions: ACTIONS, resources: [...inGuideOrder].reverse() }], formOf);
    expect(groups.map((group) => group.resources.map((r) => r.arn))).toEqual([inGuideOrder]);
  });
});

/** `count` resources, each as large as a managed policy holds alone: one piece each. */
function wholePieces(count: number): SizedResource[] {
  return Array.from({ length: count }, (_, i) => ({ arn: `arn-${i}`, key: `arn-${i}`, size: { deployed: 5_000, splitter: 5_000 } }));
}

describe('the names of a canonical Sid', () => {
  test('are the Sid, then the Sid followed by 2, 3, ...', () => {
    expect([1, 2, 3, 10].map((n) => sidName(SID, n))).toEqual([SID, `${SID}2`, `${SID}3`, `${SID}10`]);
  });

  test('lead back to the canonical Sid', () => {
    expect([SID, `${SID}2`, `${SID}17`].map(canonicalSidOf)).toEqual([SID, SID, SID]);
  });

  test('the next free one skips every name taken', () => {
    expect(nextFreeSid(SID, 0, new Set())).toEqual([SID, 1]);
    expect(nextFreeSid(SID, 0, new Set([SID, `${SID}2`, `${SID}4`]))).toEqual([`${SID}3`, 3]);
    expect(nextFreeSid(SID, 3, new Set([`${SID}4`]))).toEqual([`${SID}5`, 5]);
  });
});

describe('pack, around the Sids other statements have', () => {
  test('without any taken, the pieces are named in order', () => {
    const pieces = pack([{ sid: SID, actions: ['a'], resources: wholePieces(3) }], ONE_DOCUMENT).flat();
    expect(pieces.map((piece) => piece.sid)).toEqual([SID, `${SID}2`, `${SID}3`]);
  });

  test('the pieces skip the names taken, in order', () => {
    const pieces = pack([{ sid: SID, actions: ['a'], resources: wholePieces(3) }], ONE_DOCUMENT, new Set([SID, `${SID}3`])).flat();
    expect(pieces.map((piece) => piece.sid)).toEqual([`${SID}2`, `${SID}4`, `${SID}5`]);
  });

  test('a name taken for another canonical Sid changes nothing', () => {
    const pieces = pack([{ sid: SID, actions: ['a'], resources: wholePieces(2) }], ONE_DOCUMENT, new Set(['QueryJourneyAnalytics2'])).flat();
    expect(pieces.map((piece) => piece.sid)).toEqual([SID, `${SID}2`]);
  });
});

describe('sidForActions', () => {
  test('the sets the developer guide names keep its Sids, whatever the order', () => {
    expect(sidForActions([GET_CAMPAIGN_KPI])).toBe('QueryCampaignAnalytics');
    expect(sidForActions([GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION])).toBe('QueryJourneyAnalytics');
    expect(sidForActions([GET_ACTIVITY_EXECUTION, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION])).toBe('QueryJourneyAnalytics');
    expect(sidForActions([GET_REPORTS])).toBe('ViewAnalyticsConsoleReports');
  });

  test('all five analytics actions are the guide\'s QueryProjectAnalytics; with the console\'s GetReports they are spelled out', () => {
    const five = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION];
    expect(sidForActions(five)).toBe('QueryProjectAnalytics');
    expect(sidForActions([...five].reverse())).toBe('QueryProjectAnalytics');
    expect(sidForActions([...five, GET_REPORTS])).toBe('QueryApplicationDateRangeKpiCampaignDateRangeKpiJourneyDateRangeKpi' +
      'JourneyExecutionMetricsJourneyExecutionActivityMetricsReports');
  });

  test('any other set is spelled out in the guide\'s order of actions, so different sets never share a Sid', () => {
    expect(sidForActions([GET_JOURNEY_EXECUTION])).toBe('QueryJourneyExecutionMetrics');
    expect(sidForActions([GET_ACTIVITY_EXECUTION, GET_JOURNEY_KPI])).toBe('QueryJourneyDateRangeKpiJourneyExecutionActivityMetrics');
    expect(sidForActions([GET_JOURNEY_KPI, GET_ACTIVITY_EXECUTION])).toBe('QueryJourneyDateRangeKpiJourneyExecutionActivityMetrics');
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_JOURNEY_KPI])).toBe('QueryCampaignDateRangeKpiJourneyDateRangeKpi');
    // a superset of a named set is not that set
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]))
      .toBe('QueryCampaignDateRangeKpiJourneyDateRangeKpiJourneyExecutionMetricsJourneyExecutionActivityMetrics');
    // duplicates do not count
    expect(sidForActions([GET_CAMPAIGN_KPI, GET_CAMPAIGN_KPI])).toBe('QueryCampaignAnalytics');
  });

  test('every Sid is one IAM accepts: letters and digits only, and never ends in a digit', () => {
    const actions = [GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION, GET_REPORTS];
    // every non-empty subset
    const subsets = actions.reduce<string[][]>((all, action) => [...all, ...all.map((s) => [...s, action])], [[]]).slice(1);
    const sids = subsets.map(sidForActions);
    for (const sid of sids) {
      expect(sid).toMatch(/^[A-Za-z0-9]*[A-Za-z]$/);
    }
    expect(new Set(sids).size).toBe(subsets.length);
  });
});

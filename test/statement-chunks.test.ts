/**
 * lib/private/statement-chunks.ts on its own: one statement cut into chunks that fit aws-cdk-lib's splitter and a
 * managed policy, by both size measures. The constructs' tests reach it only with real ARNs, whose two measures are
 * close; here each measure is driven to its limit alone, exactly, and one character past it.
 */
import * as fc from 'fast-check';
import { statementOverhead } from '../lib/private/policy-size';
import { chunkStatement, SizedResource } from '../lib/private/statement-chunks';

/** A managed policy's limit less its document around the statements: `{"Version":"2012-10-17","Statement":[]}`. */
const DEPLOYED_LIMIT = 6_144 - JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;
/** What aws-cdk-lib's splitter places in one OverflowPolicy, by its estimate (`MAX_MANAGEDPOL_SIZE` in aws-iam/lib/role.ts). */
const SPLITTER_LIMIT = 6_000;

const SID = 'QueryCampaignAnalytics';
const ACTIONS = ['mobiletargeting:GetCampaignDateRangeKpi'];

function resource(arn: string, deployed: number, splitter: number): SizedResource {
  return { arn, size: { deployed, splitter } };
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

/**
 * How Sids are named (lib/private/grant/canonical.ts, lib/private/grant/sids.ts) on their own: a canonical Sid's names, the pieces
 * of `pack` around the Sids other statements have, and the allocation at synthesis. The constructs' tests
 * (test/constructs/sids.test.ts) check the same on synthesized policies.
 */
import * as fc from 'fast-check';
import { canonicalSidOf, nextFreeSid, ONE_DOCUMENT, pack, SizedResource, sidName } from '../../lib/private/grant/canonical';
import { allocateSids } from '../../lib/private/grant/sids';

const SID = 'QueryCampaignAnalytics';

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

describe('allocateSids, at synthesis', () => {
  test('keeps every name no other statement has', () => {
    expect(allocateSids([SID, `${SID}2`, 'QueryJourneyAnalytics'], new Set(['Other']))).toEqual([SID, `${SID}2`, 'QueryJourneyAnalytics']);
  });

  test('a name another statement took since the render goes: our statement takes the next free name of its Sid', () => {
    // the second piece's name stays; the first takes the first name neither the other statement nor ours has
    expect(allocateSids([SID, `${SID}2`], new Set([SID]))).toEqual([`${SID}3`, `${SID}2`]);
  });

  test('several taken names: each renamed statement takes a name of its own', () => {
    expect(allocateSids([SID, `${SID}2`, 'QueryJourneyAnalytics'], new Set([SID, `${SID}2`, 'QueryJourneyAnalytics'])))
      .toEqual([`${SID}3`, `${SID}4`, 'QueryJourneyAnalytics2']);
  });

  test('never repeats a name, nor takes one another statement has, whatever is taken (property)', () => {
    const name = fc.tuple(fc.constantFrom(SID, 'QueryJourneyAnalytics'), fc.integer({ min: 1, max: 6 }))
      .map(([sid, n]) => sidName(sid, n));
    fc.assert(fc.property(fc.uniqueArray(name, { maxLength: 8 }), fc.uniqueArray(name, { maxLength: 8 }), (preferred, taken) => {
      const sids = allocateSids(preferred, new Set(taken));
      expect(new Set(sids).size).toBe(sids.length);
      expect(sids.filter((sid) => taken.includes(sid))).toEqual([]);
      // each keeps its canonical Sid, and its name where it is free
      expect(sids.map(canonicalSidOf)).toEqual(preferred.map(canonicalSidOf));
      preferred.forEach((sid, i) => !taken.includes(sid) && expect(sids[i]).toBe(sid));
    }), { seed: 20261203, numRuns: 200 });
  });
});

/**
 * Which `mobiletargeting` actions an `Action` or `NotAction` list allows, judged by the independent IAM evaluator
 * (`@cloud-copilot/iam-simulate`): for every action of the Service Authorization Reference, a policy with the list on
 * `Resource: "*"` allows a request for the action exactly when `matchActions` lists it.
 */
import * as fc from 'fast-check';
import {
  MOBILETARGETING_ACTIONS,
  MOBILETARGETING_RESOURCE_TYPES,
} from '../../../../../lib/private/access-check/data/mobiletargeting-actions.generated';
import { matchActions } from '../../../../../lib/private/access-check/statements/action-patterns';
import { ACCOUNT, decide, REGION } from '../../../../support';

describe('action-patterns.ts', () => {
  /** A request ARN of the action's first resource type: every variable of the ARN format filled in. */
  function requestArn(resourceType: string): string {
    return MOBILETARGETING_RESOURCE_TYPES[resourceType]
      .replace('${Partition}', 'aws').replace('${Region}', REGION).replace('${Account}', ACCOUNT)
      .replace(/\$\{\w+\}/g, 'x1');
  }

  /** The actions the evaluator allows with `patterns` as `Action` (or `NotAction`) on `Resource: "*"`. */
  async function allowedByEvaluator(patterns: string[], notAction: boolean): Promise<string[]> {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', [notAction ? 'NotAction' : 'Action']: patterns, Resource: '*' }],
    };
    const allowed: string[] = [];
    for (const action of MOBILETARGETING_ACTIONS) {
      const name = `mobiletargeting:${action.name}`;
      if (await decide([{ name: 'policy', policy }], name, requestArn(action.resourceTypes[0])) === 'Allowed') {
        allowed.push(name);
      }
    }
    return allowed;
  }

  const allowedByUs = (patterns: string[], notAction: boolean) =>
    matchActions(patterns, notAction).filter((m) => m.sar).map((m) => m.action);

  describe('matchActions agrees with the IAM evaluator', () => {
    const cases: Array<[string, string[], boolean]> = [
      ['one action by name', ['mobiletargeting:GetCampaignDateRangeKpi'], false],
      ['a name in another case', ['MobileTargeting:getcampaigndaterangekpi'], false],
      ['the service wildcard', ['mobiletargeting:*'], false],
      ['every action of every service', ['*'], false],
      ['a prefix wildcard', ['mobiletargeting:Get*'], false],
      ['a wildcard inside the name, any case', ['MOBILETARGETING:get*KPI'], false],
      ['a one-character wildcard', ['mobiletargeting:?etReports', 'mobiletargeting:GetJourney????'], false],
      ['another service only', ['s3:GetObject', 's3:*'], false],
      ['NotAction of one action', ['mobiletargeting:SendMessages'], true],
      ['NotAction of a wildcard', ['mobiletargeting:Get*', 'mobiletargeting:List*'], true],
      ['NotAction of another service', ['s3:*'], true],
      ['NotAction of every mobiletargeting action', ['mobiletargeting:*'], true],
    ];

    test.each(cases)('%s', async (_name, patterns, notAction) => {
      // GIVEN a statement with these patterns
      // WHEN we and the evaluator decide which actions it allows
      const ours = allowedByUs(patterns, notAction);
      const theirs = await allowedByEvaluator(patterns, notAction);
      // THEN we agree, action by action
      expect(ours).toEqual(theirs);
    });

    test('on random patterns built from pieces of action names, wildcards and case changes', async () => {
      const piece = fc.constantFrom('Get', 'Campaign', 'Date', 'Range', 'Kpi', 'Journey', 'Execution', 'Metrics', 'Send',
        'Messages', 'Update', 'Channel', 'Sms', 'Reports', 'Otp', 'OTP', 'App', 's', 'e', '*', '?', '**');
      const name = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''));
      // The evaluator rejects a wildcard in the service prefix as malformed (see the test below).
      const service = fc.constantFrom('mobiletargeting', 'MobileTargeting', 'MOBILETARGETING', 's3');
      const pattern = fc.tuple(service, name, fc.boolean()).map(([s, n, upper]) => {
        const text = `${s}:${n}`;
        return upper ? text.toUpperCase() : text;
      });
      await fc.assert(fc.asyncProperty(fc.array(pattern, { minLength: 1, maxLength: 3 }), fc.boolean(), async (patterns, notAction) => {
        expect(allowedByUs(patterns, notAction)).toEqual(await allowedByEvaluator(patterns, notAction));
      }), { seed: 20261212, numRuns: Number(process.env.MODEL_RUNS ?? 25) });
    });
  });

  describe('matchActions', () => {
    test('marks an action matched by its name as named, one matched only by a wildcard or NotAction as not', () => {
      const named = matchActions(['mobiletargeting:GetReports', 'mobiletargeting:Get*'], false);
      expect(named.find((m) => m.action === 'mobiletargeting:GetReports')?.viaWildcard).toBe(false);
      expect(named.find((m) => m.action === 'mobiletargeting:GetApp')?.viaWildcard).toBe(true);
      expect(matchActions(['s3:*'], true).every((m) => m.viaWildcard)).toBe(true);
    });

    test('lists a mobiletargeting name the Service Authorization Reference lacks as written, without its data', () => {
      expect(matchActions(['mobiletargeting:GetCampaignKpis', 's3:GetObject'], false))
        .toEqual([{ action: 'mobiletargeting:GetCampaignKpis', viaWildcard: false }]);
    });

    test('ignores a name the reference lacks in NotAction (it excludes nothing that exists)', () => {
      expect(matchActions(['mobiletargeting:GetCampaignKpis'], true)).toHaveLength(MOBILETARGETING_ACTIONS.length);
    });

    test('matches a wildcard in the service prefix like one in the name, so such a statement is not overlooked', () => {
      // IAM's grammar has the service prefix as letters, digits and hyphens, and the evaluator rejects such a policy as
      // malformed, so it cannot judge these: the expected lists come from the table's names.
      const deletes = MOBILETARGETING_ACTIONS.filter((action) => action.name.startsWith('Delete')).map((a) => `mobiletargeting:${a.name}`);
      expect(allowedByUs(['mobile*:Delete*'], false)).toEqual(deletes);
      expect(allowedByUs(['*:GetReports', 'm?biletargeting:GetApp'], false)).toEqual(['mobiletargeting:GetApp', 'mobiletargeting:GetReports']);
    });

    test('takes regular-expression characters in a pattern literally', () => {
      expect(matchActions(['mobiletargeting:Get.*', 'mobiletargeting:(Get)*', 'mobiletargeting:[G]et*'], false)).toEqual([]);
    });
  });
});

/**
 * Resource patterns of the access check (lib/private/access-check/statements/arn-patterns.ts): against the Service
 * Authorization Reference's ARN formats, judged by the IAM evaluator, against the developer guide's analytics
 * resources, and against each other (whether a Deny on one takes away all an Allow on another gives).
 */
import * as fc from 'fast-check';
import {
  MOBILETARGETING_ACTIONS,
  MOBILETARGETING_RESOURCE_TYPES,
} from '../../../../../lib/private/access-check/data/mobiletargeting-actions.generated';
import { canMatchResourceType, fitsAnalyticsShape, patternCovers, scopeOf } from '../../../../../lib/private/access-check/statements/arn-patterns';
import { renderValue, TOKEN } from '../../../../../lib/private/access-check/values/cfn-values';
import { ACCOUNT, decide, PROJECT_ID, REGION } from '../../../../support';

describe('arn-patterns.ts', () => {
  const A = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
  const TYPES = Object.keys(MOBILETARGETING_RESOURCE_TYPES);

  /** An action that needs `type`, to ask the evaluator about an ARN of that type. */
  const actionFor = (type: string) => `mobiletargeting:${MOBILETARGETING_ACTIONS.find((a) => a.resourceTypes[0] === type)!.name}`;

  async function evaluatorAllows(pattern: string, type: string, arn: string): Promise<boolean> {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:*', Resource: pattern }] };
    return await decide([{ name: 'policy', policy }], actionFor(type), arn) === 'Allowed';
  }

  describe('canMatchResourceType', () => {
    // [pattern, resource type, an ARN of that type the evaluator must allow with the pattern, or undefined for none]
    const cases: Array<[string, string, string | undefined]> = [
      [`${A}:apps/p1/kpis/*`, 'application-metrics', `${A}:apps/p1/kpis/daterange/k1`],
      [`${A}:apps/p1/kpis/*`, 'campaign-metrics', undefined],
      // An IAM `*` matches `/`: every project's campaign KPIs match the application pattern (the developer guide's caution).
      [`${A}:apps/*/kpis/*`, 'campaign-metrics', `${A}:apps/p1/campaigns/c1/kpis/daterange/k1`],
      // ... and a KPI named `execution-metrics` of any journey matches the pattern of journey execution metrics.
      [`${A}:apps/p1/journeys/*/execution-metrics`, 'journey-metrics', `${A}:apps/p1/journeys/j1/kpis/daterange/execution-metrics`],
      [`${A}:apps/p1/journeys/j1/execution-metrics`, 'journey-metrics', undefined],
      ['*', 'reports', `${A}:reports`],
      [`${A}:reports`, 'app', undefined],
      // `?` is any one character: a letter of the format, or its `/`.
      [`${A}:report?`, 'reports', `${A}:reports`],
      [`${A}:apps?p1`, 'app', `${A}:apps/p1`],
      [`${A}:apps/p1`, 'app', `${A}:apps/p1`],
      [`${A}:apps/p1/*`, 'app', undefined],
      [`${A}:apps/p1/*`, 'segment', `${A}:apps/p1/segments/s1`],
      // The resource type `apps` is `.../apps/*` itself: only a pattern that matches that string applies.
      [`${A}:apps/*`, 'apps', `${A}:apps/*`],
      [`${A}:apps/p1/kpis/*`, 'apps', undefined],
      [`arn:aws:mobiletargeting:*:${ACCOUNT}:phone/number/validate`, 'phone-number-validate', `${A}:phone/number/validate`],
      ['arn:aws:mobiletargeting:*', 'template', `${A}:templates/t1/sms`],
      [`arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:templates/?1/*`, 'template', `${A}:templates/t1/email`],
      ['arn:aws:s3:::bucket/*', 'app', undefined],
      [`arn:aws:mobiletargeting:${REGION}::apps/p1`, 'app', undefined],
    ];

    test.each(cases)('%s on %s', async (pattern, type, witness) => {
      expect(canMatchResourceType(pattern, type)).toBe(witness !== undefined);
      if (witness) {
        expect(await evaluatorAllows(pattern, type, witness)).toBe(true);
      }
    });

    test('reads every word of the formats as a variable, the literal `*` or letters and `-` (no other regex character)', () => {
      const words = Object.values(MOBILETARGETING_RESOURCE_TYPES).flatMap((format) => format.split(/[:/]/));
      expect(words.filter((word) => !/^(?:\$\{\w+\}|\*|[a-z-]+)$/.test(word))).toEqual([]);
    });

    test('takes a token as one path segment of any value', () => {
      const pattern = `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/campaigns/c1/kpis/*`;
      expect(canMatchResourceType(pattern, 'campaign-metrics')).toBe(true);
      expect(canMatchResourceType(pattern, 'journey-metrics')).toBe(false);
      expect(canMatchResourceType(`${A}:${TOKEN}/p1`, 'app')).toBe(false);
      // One project, never the literal `apps/*` the resource type `apps` is.
      expect(canMatchResourceType(`${A}:apps/${TOKEN}`, 'apps')).toBe(false);
    });

    test("takes a format's partition, region and account as any characters but `:`, its other variables also not `/`", () => {
      // ARNs the evaluator refuses to judge: the check answers as the formats, so read, say.
      expect([
        `arn:aws/x:mobiletargeting:${REGION}:${ACCOUNT}:reports`,
        `arn:aws:mobiletargeting:${REGION}/x:${ACCOUNT}:reports`,
        `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}/x:reports`,
      ].map((pattern) => canMatchResourceType(pattern, 'reports'))).toEqual([true, true, true]);
      expect(canMatchResourceType(`${A}:templates/t1/x/sms`, 'template')).toBe(false);
    });

    test('never says no where the evaluator allows an ARN of the type (random patterns and ARNs)', async () => {
      const value = fc.constantFrom('p1', 'c1', 'kpis', 'daterange', 'execution-metrics', 'x', 'sms');
      const arn = fc.tuple(fc.constantFrom(...TYPES), fc.array(value, { minLength: 6, maxLength: 6 }), fc.constantFrom(REGION, 'eu-west-1'))
        .map(([type, values, region]) => {
          let i = 0;
          const text = MOBILETARGETING_RESOURCE_TYPES[type]
            .replace('${Partition}', 'aws').replace('${Region}', region).replace('${Account}', ACCOUNT)
            .replace(/\$\{\w+\}/g, () => values[i++]);
          return { type, text };
        });
      const RUNS = Number(process.env.MODEL_RUNS ?? 300);
      // A pattern: an ARN with some of its characters turned into wildcards and the end maybe cut at a `*`.
      const patternOf = (text: string, positions: number[], wildcard: string, cut: number | null) => {
        const chars = [...text];
        positions.forEach((p) => { chars[p % chars.length] = wildcard; });
        const joined = chars.join('');
        return cut === null ? joined : `${joined.slice(0, cut % joined.length)}*`;
      };
      // Half the time the ARN is the one the pattern was made from (with another type's ARN, mostly a denial).
      const wildcards = fc.tuple(fc.array(fc.nat(), { maxLength: 3 }), fc.constantFrom('*', '?'), fc.option(fc.nat()));
      const caseOf = fc.tuple(arn, fc.boolean(), wildcards, arn)
        .map(([own, same, [positions, wildcard, cut], other]) => ({
          pattern: patternOf(own.text, positions, wildcard, cut),
          request: same ? own : other,
        }));
      let allowed = 0;
      await fc.assert(fc.asyncProperty(caseOf, async ({ pattern: p, request }) => {
        if (await evaluatorAllows(p, request.type, request.text)) {
          allowed++;
          expect(canMatchResourceType(p, request.type)).toBe(true);
        }
      }), { seed: 20261213, numRuns: RUNS });
      // The property is not vacuous: the evaluator allowed a good share of the requests.
      expect(allowed).toBeGreaterThan(RUNS / 5);
    });
  });

  describe('fitsAnalyticsShape', () => {
    test.each([
      `${A}:apps/${PROJECT_ID}/kpis/*`,
      `${A}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`,
      `${A}:apps/${PROJECT_ID}/kpis/daterange/email-*`,
      `${A}:apps/*/campaigns/*/kpis/*`,
      `${A}:apps/p1/campaigns/c1/kpis/daterange/unique-deliveries`,
      `${A}:apps/p1/journeys/j1/kpis/*`,
      `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/journeys/*/execution-metrics`,
      `${A}:apps/p1/journeys/j1/activities/welcome-email/execution-metrics`,
      `${A}:reports`,
      `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/campaigns/${TOKEN}/kpis/*`,
    ])('the analytics resource %s fits', (pattern) => {
      expect(fitsAnalyticsShape(pattern)).toBe(true);
    });

    test.each([
      '*',
      'arn:aws:mobiletargeting:*',
      `${A}:*`,
      `${A}:apps/*`,
      `${A}:apps/p1/*`,
      `${A}:apps/p1/campaigns/*`,
      `${A}:apps/p1/journeys/j1/*`,
      `${A}:apps/p1/kpis`,
      `${A}:apps/p1/segments/s1`,
      `${A}:report?`,
      `arn:aws:mobiletargeting:${REGION}:*:apps/p1/kpis/*`,
      `arn:aws:mobiletargeting:${REGION}::apps/p1/kpis/*`,
      `arn:*:mobiletargeting:${REGION}:${ACCOUNT}:apps/p1/kpis/*`,
      `arn:aws:mobile*:${REGION}:${ACCOUNT}:apps/p1/kpis/*`,
      `arn:aws:mobiletargeting::${ACCOUNT}:apps/p1/kpis/*`,
      `${A}:apps/p1/kpis/*:more`,
      `*:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/p1/kpis/*`,
    ])('the broader or other resource %s does not fit', (pattern) => {
      expect(fitsAnalyticsShape(pattern)).toBe(false);
    });
  });

  describe('patternCovers', () => {
    test.each([
      [`${A}:apps/*`, `${A}:apps/p1/kpis/*`],
      [`${A}:apps/*/kpis/*`, `${A}:apps/p1/kpis/daterange/email-open-rate`],
      ['*', `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/kpis/*`],
    ])('a Deny on %s takes away all an Allow on %s gives', (outer, inner) => {
      expect(patternCovers(outer, inner)).toBe(true);
    });

    test.each([
      // The project itself, not its KPIs.
      [`${A}:apps/p1`, `${A}:apps/p1/kpis/*`],
      [`${A}:apps/p1/kpis/*`, `${A}:apps/*/kpis/*`],
      // `?` is one character, which `?` of the Deny may not be.
      [`${A}:apps/p1/kpis/daterange/?`, `${A}:apps/p1/kpis/daterange/?`],
      // Two tokens (two parameters, say) may stand for two projects.
      [`${A}:apps/${TOKEN}/kpis/*`, `${A}:apps/${TOKEN}/kpis/*`],
      // `arn`, then anything, then a whole ARN: longer than that ARN alone (the `*` does not start the ARN over).
      [`arn*${A}:reports`, `${A}:reports`],
    ])('a Deny on %s is not known to take away all an Allow on %s gives', (outer, inner) => {
      expect(patternCovers(outer, inner)).toBe(false);
    });
  });

  describe('scopeOf', () => {
    test.each([
      [`${A}:apps/${PROJECT_ID}/kpis/*`, { kind: 'project', project: PROJECT_ID }],
      [`${A}:apps/*/kpis/*`, { kind: 'project', project: '*' }],
      // A line break is a character like any other (the expression needs no flag for it).
      [`${A}:apps/p\n1/kpis/*`, { kind: 'project', project: 'p\n1' }],
      [`${A}:reports`, { kind: 'service', resource: 'reports' }],
      [`${A}:phone/number/validate`, { kind: 'service', resource: 'phone' }],
      [`${A}:*`, { kind: 'all' }],
      ['*', { kind: 'all' }],
      ['arn:aws:mobiletargeting:*', { kind: 'all' }],
    ])('%s', (text, scope) => {
      expect(scopeOf(renderValue(text))).toEqual(scope);
    });

    test('shows a project that is a token by its name, and a resource that is one token as unknown', () => {
      const value = renderValue({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':',
          { Ref: 'AWS::AccountId' }, ':apps/', { Ref: 'Project' }, '/kpis/*']],
      });
      expect(scopeOf(value)).toEqual({ kind: 'project', project: '${Project}' });
      expect(scopeOf(renderValue({ 'Fn::ImportValue': 'CampaignArn' }))).toEqual({ kind: 'unknown' });
    });
  });
});

/**
 * A suggested fix is never broader than the statement it replaces: the construct calls a finding suggests are run as
 * written, and the IAM evaluator must deny, for the principal that receives them, every analytics request that the
 * original statement does not allow.
 */
import { Construct } from 'constructs';
import * as lib from '../../lib';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  checkRaw,
  decide,
  identityPoliciesOf,
  JOURNEY_ID,
  NamedPolicy,
  newRole,
  OTHER_ACCOUNT,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  OTHER_PROJECT_ID,
  OTHER_REGION,
  PROJECT_ID,
  rawRole,
  REGION,
  template,
  templateOf,
  testStack,
  PINPOINT_ARN as ARN,
} from '../support';


/** Statements that break a rule, each with literal values only. */
const STATEMENTS: Array<[string, Record<string, unknown>]> = [
  ['every resource', { Action: 'mobiletargeting:Get*', Resource: '*' }],
  ['every project of the account', { Action: ['mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:GetJourneyExecutionMetrics'], Resource: `${ARN}:apps/*` }],
  ['one project, everything in it', { Action: 'mobiletargeting:*', Resource: `${ARN}:apps/${PROJECT_ID}/*` }],
  ['one campaign, every account and region', {
    Action: 'mobiletargeting:GetCampaign*',
    Resource: `arn:aws:mobiletargeting:*:*:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*`,
  }],
  ['two journeys, KPIs and activities named', {
    Action: ['mobiletargeting:GetJourney*'],
    Resource: [`${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/daterange/journey-emails-opened`,
      `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/welcome/execution-metrics`, `${ARN}:apps/${PROJECT_ID}/journeys/${OTHER_JOURNEY_ID}/*`],
  }],
  ['kinds on different projects', {
    Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:UpdateCampaign'],
    Resource: [`${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`, `${ARN}:apps/${OTHER_PROJECT_ID}/campaigns/*`],
  }],
  ['two regions and the console', {
    Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetReports'],
    Resource: [`${ARN}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${OTHER_PROJECT_ID}/*`, `${ARN}:reports`],
  }],
  ['one KPI, a wildcard for daterange', { Action: 'mobiletargeting:Get*', Resource: `${ARN}:apps/${PROJECT_ID}/kpis/*/email-open-rate` }],
  ['a wildcard for arn, in another region, and for apps', {
    Action: 'mobiletargeting:Get*',
    Resource: [`*:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/*`, `${ARN}:*/kpis/daterange/email-open-rate`, `${ARN}:*/campaigns/${CAMPAIGN_ID}/kpis/*`],
  }],
  ['wildcards in part of a field or segment', {
    // Each names some of its values (`us-*` this region, `a1*` this project, `w?lcome` this activity), not every one.
    Action: 'mobiletargeting:Get*',
    Resource: [`arn:aws:mobiletargeting:us-*:${ACCOUNT}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${REGION}:2109*:apps/${OTHER_PROJECT_ID}/journeys/*`,
      `${ARN}:apps/a1*`, `${ARN}:apps/${OTHER_PROJECT_ID}/campaigns/f0*/*`, `${ARN}:apps/${OTHER_PROJECT_ID}/journeys/${JOURNEY_ID}/activities/w?lcome/*`,
      `${ARN}:apps/${OTHER_PROJECT_ID}/kpis/daterange/email-*`, `${ARN}:apps/${OTHER_PROJECT_ID}/journeys/${OTHER_JOURNEY_ID}/*`],
  }],
  ['IDs after a `*` that stands for one segment or several', {
    // Each ID is read where the ARN's words put it (a campaign, a journey, an activity), not left out as every one; an ID
    // that may be a journey or an activity is not read.
    Action: 'mobiletargeting:Get*',
    Resource: [`${ARN}:apps/${PROJECT_ID}/*/${CAMPAIGN_ID}/*`, `${ARN}:apps/*/${OTHER_CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
      `${ARN}:apps/${OTHER_PROJECT_ID}/*/${JOURNEY_ID}/execution-metrics`, `${ARN}:apps/${PROJECT_ID}/journeys/${OTHER_JOURNEY_ID}/*/welcome/execution-metrics`,
      `${ARN}:apps/*/${OTHER_JOURNEY_ID}/*`],
  }],
  ['every resource but the projects of another region', {
    Action: 'mobiletargeting:GetApplicationDateRangeKpi',
    NotResource: `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/*`,
  }],
];

/** Concrete analytics requests around the statements' IDs: every action on its own kind of ARN. */
function probes(): Array<[string, string]> {
  const requests: Array<[string, string]> = [];
  for (const region of [REGION, OTHER_REGION]) {
    for (const account of [ACCOUNT, OTHER_ACCOUNT]) {
      const base = `arn:aws:mobiletargeting:${region}:${account}`;
      requests.push(['mobiletargeting:GetReports', `${base}:reports`]);
      for (const p of [PROJECT_ID, OTHER_PROJECT_ID]) {
        requests.push(['mobiletargeting:GetApplicationDateRangeKpi', `${base}:apps/${p}/kpis/daterange/email-open-rate`]);
        requests.push(['mobiletargeting:GetApplicationDateRangeKpi', `${base}:apps/${p}/kpis/daterange/unique-deliveries`]);
        for (const c of [CAMPAIGN_ID, OTHER_CAMPAIGN_ID]) {
          requests.push(['mobiletargeting:GetCampaignDateRangeKpi', `${base}:apps/${p}/campaigns/${c}/kpis/daterange/email-open-rate`]);
        }
        for (const j of [JOURNEY_ID, OTHER_JOURNEY_ID]) {
          requests.push(['mobiletargeting:GetJourneyDateRangeKpi', `${base}:apps/${p}/journeys/${j}/kpis/daterange/journey-emails-opened`]);
          requests.push(['mobiletargeting:GetJourneyDateRangeKpi', `${base}:apps/${p}/journeys/${j}/kpis/daterange/journey-runs`]);
          requests.push(['mobiletargeting:GetJourneyExecutionMetrics', `${base}:apps/${p}/journeys/${j}/execution-metrics`]);
          for (const a of ['welcome', 'reminder']) {
            requests.push(['mobiletargeting:GetJourneyExecutionActivityMetrics', `${base}:apps/${p}/journeys/${j}/activities/${a}/execution-metrics`]);
          }
        }
      }
    }
  }
  return requests;
}

/**
 * What the fix's construct calls grant to a role of a stack in the test's account and region. A placeholder stands for
 * the one value the statement leaves open (the project of a campaign, the region of a project): the test's.
 */
function fixPolicies(fix: string): NamedPolicy[] {
  const calls = (fix.match(/new \w+\(this, '[^']+'(?:, \{.*?\})?\)\.grantTo\(grantee\)/g) ?? [])
    .map((call) => call.replace(/'<project of \w+ [^>]+>'/g, `'${PROJECT_ID}'`).replace(/'<region of the project>'/g, `'${REGION}'`));
  // Every construct call of the fix is taken (none is missed by the pattern above).
  expect(calls.length).toBe((fix.match(/new /g) ?? []).length);
  const stack = testStack();
  const grantee = newRole(stack, 'Grantee');
  calls.forEach((call, i) => {
    const scope = new Construct(stack, `Fix${i}`);
    new Function('lib', 'grantee', `const { ${Object.keys(lib).join(', ')} } = lib; ${call};`).call(scope, lib, grantee);
  });
  return identityPoliciesOf(templateOf(stack), stack.getLogicalId(grantee.node.defaultChild as any));
}

describe('the fix a finding suggests', () => {
  test.each(STATEMENTS)('is never broader than the statement: %s', async (_name, statement) => {
    // GIVEN a statement that breaks a rule
    const original = [{ name: 'original', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] } }];
    const { findings } = checkRaw([{
      name: 'Stack',
      json: template({ Role: rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: original[0].policy }] }) }),
      env: { account: ACCOUNT, region: REGION },
    }]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((finding) => finding.fix.includes('.grantTo(grantee)'))).toBe(true);
    for (const finding of findings) {
      // WHEN its construct calls are run as written
      const fixed = fixPolicies(finding.fix);
      // THEN whatever they allow, the original allows
      const broader: string[] = [];
      for (const [action, arn] of probes()) {
        if (fixed.length > 0 && await decide(fixed, action, arn) === 'Allowed' && await decide(original, action, arn) !== 'Allowed') {
          broader.push(`${action} on ${arn}`);
        }
      }
      expect({ fix: finding.fix, broader }).toEqual({ fix: finding.fix, broader: [] });
    }
  });

  test('grants, together with what it names, everything of analytics the statement allows on the probes', async () => {
    // The calls of one statement that breaks a rule, and what they leave to be named.
    const statement = STATEMENTS.find(([name]) => name === 'two regions and the console')![1];
    const original = [{ name: 'original', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] } }];
    const { findings } = checkRaw([{
      name: 'Stack',
      json: template({ Role: rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: original[0].policy }] }) }),
      env: { account: ACCOUNT, region: REGION },
    }]);
    const fixed = fixPolicies(findings[0].fix);
    const missing: string[] = [];
    for (const [action, arn] of probes()) {
      if (await decide(original, action, arn) === 'Allowed' && await decide(fixed, action, arn) !== 'Allowed') {
        missing.push(`${action} on ${arn}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/**
 * The comparison of the access check's report with the judge, on hand-made reports: what it must catch (a missed
 * action, a missed principal, condition-only access without onlyWhen, an onlyWhen that excludes a world where access
 * holds) and what it must accept (tokens, wildcards, undecided actions, NotResource, a user's access shown through its
 * group), and the extras it lists.
 */
import {
  ACCOUNT, arns, enumerateAssignments, extraAccess, GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_REPORTS, iamPatternMatches,
  JudgedWorld, judgeWorlds, JudgeTemplate, missedAccess, PROJECT_ID, OTHER_PROJECT_ID, REGION, ReportActionLike,
  ReportLike, ReportPrincipalLike, resolveWorld, unexplainedExtras,
} from '../support';

const ARN = 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:';

/** A template: ReportingRole reads the project's KPIs always, and the console's reports only when WithReports. */
const TEMPLATE: JudgeTemplate = {
  name: 'reporting.json',
  stackName: 'Reporting',
  json: {
    Parameters: { ProjectId: { Type: 'String', Default: PROJECT_ID } },
    Conditions: { WithReports: { 'Fn::Equals': ['yes', 'yes'] } },
    Resources: {
      ReportingRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [{
            PolicyName: 'reads',
            PolicyDocument: {
              Statement: [
                { Sid: 'Kpis', Effect: 'Allow', Action: GET_APPLICATION_KPI, Resource: { 'Fn::Sub': `${ARN}apps/\${ProjectId}/kpis/*` } },
                { 'Fn::If': ['WithReports', { Sid: 'Reports', Effect: 'Allow', Action: GET_REPORTS, Resource: { 'Fn::Sub': `${ARN}reports` } }, { Ref: 'AWS::NoValue' }] },
              ],
            },
          }],
        },
      },
      Analysts: {
        Type: 'AWS::IAM::Group',
        Properties: {
          Policies: [{
            PolicyName: 'campaigns',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: GET_CAMPAIGN_KPI, Resource: { 'Fn::Sub': `${ARN}apps/${PROJECT_ID}/campaigns/*/kpis/*` } },
              ],
            },
          }],
        },
      },
      Alice: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Analysts' }] } },
    },
  },
};

let judged: JudgedWorld[];

beforeAll(async () => {
  const worlds = enumerateAssignments([TEMPLATE]).assignments.map((a) => resolveWorld([TEMPLATE], a));
  judged = await judgeWorlds(worlds);
});

const KPIS = 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${ProjectId}/kpis/*';
const REPORTS = 'arn:aws:mobiletargeting:us-east-1:123456789012:reports';
const CAMPAIGNS = `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/campaigns/*/kpis/*`;

function role(allows: ReportActionLike[]): ReportPrincipalLike {
  return { kind: 'role', name: 'Reporting/ReportingRole', definedIn: { template: 'cdk.out/reporting.json', logicalId: 'ReportingRole' }, allows };
}
function group(allows: ReportActionLike[]): ReportPrincipalLike {
  return { kind: 'group', name: 'Reporting/Analysts', definedIn: { template: 'reporting.json', logicalId: 'Analysts' }, allows };
}
function alice(allows: ReportActionLike[], groups = ['Reporting/Analysts']): ReportPrincipalLike {
  return { kind: 'user', name: 'Reporting/Alice', definedIn: { template: 'reporting.json', logicalId: 'Alice' }, groups, allows };
}

/** The report the check should write for TEMPLATE. */
function exactReport(): ReportLike {
  return {
    principals: [
      role([
        { action: GET_APPLICATION_KPI, resources: [KPIS], statements: ['reads#Kpis'] },
        { action: GET_REPORTS, resources: [REPORTS], statements: ['reads#Reports'], onlyWhen: [['WithReports']] },
      ]),
      group([{ action: GET_CAMPAIGN_KPI, resources: [CAMPAIGNS] }]),
      alice([{ action: GET_CAMPAIGN_KPI, resources: [CAMPAIGNS], statements: ['campaigns#0 (via group Reporting/Analysts)'] }]),
    ],
  };
}

describe('iamPatternMatches', () => {
  test('matches IAM wildcards: * any run (across /), ? one character, case-sensitive', () => {
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:apps/*/kpis/*', arns.applicationKpi(PROJECT_ID, 'x'))).toBe(true);
    expect(iamPatternMatches('arn:aws:mobiletargeting:us-east-?:*:apps/*', arns.applicationKpi(PROJECT_ID, 'x'))).toBe(true);
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:APPS/*', arns.applicationKpi(PROJECT_ID, 'x'))).toBe(false);
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:apps/*/campaigns/*', arns.applicationKpi(PROJECT_ID, 'x'))).toBe(false);
  });

  test('reads a token as the world\'s value of its name, and as any run when the world does not know it', () => {
    const tokens = new Map([['ProjectId', new Set([PROJECT_ID])], ['Wide', new Set(['*'])]]);
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:apps/${ProjectId}/kpis/*', arns.applicationKpi(PROJECT_ID, 'x'), tokens)).toBe(true);
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:apps/${ProjectId}/kpis/*', arns.applicationKpi(OTHER_PROJECT_ID, 'x'), tokens)).toBe(false);
    expect(iamPatternMatches('arn:aws:mobiletargeting:*:*:apps/${Wide}', arns.applicationKpi(OTHER_PROJECT_ID, 'x'), tokens)).toBe(true);
    expect(iamPatternMatches('${Import:kpi-arn}', arns.applicationKpi(OTHER_PROJECT_ID, 'x'), tokens)).toBe(true);
  });
});

describe('missedAccess', () => {
  test('finds nothing missed in the report that shows exactly what the evaluator allows', () => {
    expect(missedAccess(exactReport(), judged)).toEqual([]);
  });

  test('catches an action the report does not show', () => {
    // GIVEN: the report forgets GetReports
    const report = exactReport();
    const principals = [role([report.principals[0].allows[0]]), ...report.principals.slice(1)];

    // WHEN
    const missed = missedAccess({ principals }, judged);

    // THEN
    expect(missed.map((m) => `${m.principal} ${m.action} ${m.arn}`)).toEqual([
      `reporting.json#ReportingRole ${GET_REPORTS} ${arns.reports(REGION, ACCOUNT)}`,
    ]);
    expect(missed[0].reason).toMatch(/no entry of this action/);
  });

  test('catches a principal the report drops, and a resource that does not match', () => {
    const report = exactReport();
    const principals = [
      role([{ ...report.principals[0].allows[0], resources: [`arn:aws:mobiletargeting:*:*:apps/${OTHER_PROJECT_ID}/kpis/*`] }, report.principals[0].allows[1]]),
      report.principals[1],
    ];
    const missed = missedAccess({ principals }, judged);
    expect([...new Set(missed.map((m) => `${m.principal} ${m.action}`))].sort()).toEqual([
      `reporting.json#Alice ${GET_CAMPAIGN_KPI}`,
      `reporting.json#ReportingRole ${GET_APPLICATION_KPI}`,
    ]);
  });

  test('requires onlyWhen on access that holds only under a condition', () => {
    const report = exactReport();
    const principals = [role([report.principals[0].allows[0], { action: GET_REPORTS, resources: [REPORTS] }]), ...report.principals.slice(1)];
    const missed = missedAccess({ principals }, judged);
    expect(missed.map((m) => m.reason)).toEqual(['it holds in 1 of 2 worlds, but the report does not say under which conditions (no onlyWhen)']);
  });

  test('catches an onlyWhen that excludes a world where the access holds', () => {
    const report = exactReport();
    const principals = [role([report.principals[0].allows[0], { action: GET_REPORTS, resources: [REPORTS], onlyWhen: [['!WithReports']] }]), ...report.principals.slice(1)];
    expect(missedAccess({ principals }, judged).map((m) => m.reason)).toEqual([expect.stringMatching(/onlyWhen excludes world/)]);
  });

  test('accepts an undecided action, a whole-value token and NotResource as covering', () => {
    const principals = [
      role([
        { action: '${KpiAction}', undecided: true, resources: ['${Import:kpis}'] },
        { action: GET_REPORTS, resources: [`NotResource arn:aws:mobiletargeting:*:*:apps/${OTHER_PROJECT_ID}/*`], onlyWhen: [['WithReports']] },
      ]),
      group([{ action: GET_CAMPAIGN_KPI, resources: ['arn:aws:mobiletargeting:us-east-1:123456789012:apps/*'] }]),
      alice([{ action: 'mobiletargeting:getcampaigndaterangekpi', resources: [CAMPAIGNS] }]),
    ];
    expect(missedAccess({ principals }, judged)).toEqual([]);
  });

  test('accepts a user\'s access shown on the group the report says it is in', () => {
    const report = exactReport();
    const principals = [report.principals[0], report.principals[1], alice([])];
    expect(missedAccess({ principals }, judged)).toEqual([]);
    expect(missedAccess({ principals: [report.principals[0], report.principals[1], alice([], [])] }, judged).map((m) => m.principal))
      .toEqual(expect.arrayContaining(['reporting.json#Alice']));
  });
});

describe('extraAccess', () => {
  test('lists nothing for the report that shows exactly what the evaluator allows', () => {
    expect(extraAccess(exactReport(), judged)).toEqual([]);
  });

  test('lists an analytics entry the evaluator allows on no probe, and leaves other mobiletargeting actions alone', () => {
    // GIVEN: a journey read on the project that no policy grants, and a SendMessages entry
    const report = exactReport();
    const principals = [
      role([...report.principals[0].allows,
        { action: 'mobiletargeting:GetJourneyDateRangeKpi', resources: [`arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/journeys/*/kpis/*`], statements: ['x#0'] },
        { action: 'mobiletargeting:SendMessages', resources: ['*'] }]),
      ...report.principals.slice(1),
    ];

    // WHEN
    const extras = extraAccess({ principals }, judged);

    // THEN
    expect(extras).toEqual([{
      principal: 'Reporting/ReportingRole',
      kind: 'role',
      definedIn: { template: 'cdk.out/reporting.json', logicalId: 'ReportingRole' },
      action: 'mobiletargeting:GetJourneyDateRangeKpi',
      resource: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PROJECT_ID}/journeys/*/kpis/*`,
      statements: ['x#0'],
    }]);
    expect(unexplainedExtras(extras, [{ principal: 'reporting.json#ReportingRole', action: 'mobiletargeting:GetJourneyDateRangeKpi', resource: extras[0].resource, limit: 'test' }], judged)).toEqual([]);
    expect(unexplainedExtras(extras, [{ principal: 'reporting.json#Alice', action: 'mobiletargeting:GetJourneyDateRangeKpi', resource: extras[0].resource, limit: 'test' }], judged)).toEqual(extras);
  });
});

/**
 * The findings as a reader gets them: each rule's description and fix word by word (the construct calls, the console
 * reports and what no construct grants, joined into one fix), an ID aws-cdk-lib accepts whatever the construct path,
 * and the statements that break no rule however broad they look (a Deny, analytics only on resources known at deploy
 * time, a NotResource that leaves every project).
 */
import {
  ACCOUNT,
  CAMPAIGN_ID,
  checkRaw,
  OTHER_CAMPAIGN_ID,
  OTHER_REGION,
  PROJECT_ID,
  rawRole,
  REGION,
  template,
  PINPOINT_ARN as ARN,
} from '../../../../support';

/** The findings of a template with a role whose one inline policy holds `statements`, in a stack of `ACCOUNT` and `REGION`. */
function findingsOf(...statements: unknown[]) {
  const json = template({
    Role: { ...rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] }), Metadata: { 'aws:cdk:path': 'Stack/Pinpoint::Reader/Resource' } },
  }, { Parameters: { ProjectArn: { Type: 'String' }, Actions: { Type: 'String' } } });
  return checkRaw([{ name: 'Stack', json, env: { account: ACCOUNT, region: REGION } }]).findings;
}

const PROJECT_KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;

describe('statements that break no rule', () => {
  test('a Deny statement, however broad', () => {
    expect(findingsOf({ Sid: 'NoPinpoint', Effect: 'Deny', Action: 'mobiletargeting:*', Resource: '*' })).toEqual([]);
  });

  test('an action wildcard whose analytics are all on a resource known at deploy time: only the warning of that resource', () => {
    const findings = findingsOf({ Sid: 'Reads', Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: { Ref: 'ProjectArn' } });
    expect(findings.map((f) => f.id)).toEqual(['PinpointAnalyticsUndecidedResource[Stack/Pinpoint:Reader/Policies/p#Reads]']);
  });
});

describe('descriptions', () => {
  test('a statement without a Sid is named by its position in the document', () => {
    const findings = findingsOf(
      { Sid: 'Send', Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: `${ARN}:apps/${PROJECT_ID}/messages` },
      { Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: PROJECT_KPIS },
    );
    expect(findings.map((f) => f.description.replace(/ allows .*/, ''))).toEqual(['Stack/Pinpoint::Reader/Policies/p statement #1']);
  });

  test('PinpointAnalyticsWithWriteAction lists five writes in full', () => {
    const [finding] = findingsOf({
      Sid: 'ReadAndWrite',
      Effect: 'Allow',
      Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:CreateCampaign', 'mobiletargeting:DeleteCampaign',
        'mobiletargeting:UpdateCampaign', 'mobiletargeting:UpdateApplicationSettings', 'mobiletargeting:TagResource'],
      Resource: [PROJECT_KPIS, `${ARN}:apps/${PROJECT_ID}`, `${ARN}:apps/${PROJECT_ID}/campaigns/*`],
    });
    expect(finding.description).toBe('Stack/Pinpoint::Reader/Policies/p statement ReadAndWrite allows reading Amazon Pinpoint analytics ' +
      '(mobiletargeting:GetApplicationDateRangeKpi) together with 5 mobiletargeting actions that change Pinpoint or send messages ' +
      '(mobiletargeting:CreateCampaign, mobiletargeting:DeleteCampaign, mobiletargeting:TagResource, mobiletargeting:UpdateApplicationSettings, ' +
      'mobiletargeting:UpdateCampaign).');
  });

  test('PinpointAnalyticsUndecidedAction names the actions and each resource they are allowed on', () => {
    const [finding] = findingsOf({ Sid: 'Chosen', Effect: 'Allow', Action: { Ref: 'Actions' }, Resource: [PROJECT_KPIS, `${ARN}:reports`] });
    expect([finding.id, finding.description, finding.fix]).toEqual([
      'PinpointAnalyticsUndecidedAction[Stack/Pinpoint:Reader/Policies/p#Chosen]',
      `Stack/Pinpoint::Reader/Policies/p statement Chosen allows the actions "\${Actions}", known only at deploy time, on "${PROJECT_KPIS}", ` +
        `"${ARN}:reports": they may include Amazon Pinpoint analytics reads, and more.`,
      'Name the actions in the template, or acknowledge the finding if the value never allows mobiletargeting actions beyond what the ' +
        'principal needs.',
    ]);
  });
});

describe('fixes', () => {
  test('PinpointAnalyticsUndecidedResource: how to build the resource, or which construct grants it', () => {
    const [finding] = findingsOf({ Sid: 'Passed', Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: { Ref: 'ProjectArn' } });
    expect(finding.fix).toBe('Build the resource from the parts the check can read (the ARN by Fn::Sub or Fn::Join, the project as a Ref ' +
      'of the AWS::Pinpoint::App or an ID), or grant with PinpointAnalyticsReadPolicy, CampaignKpiGrant or JourneyMetricsGrant; ' +
      'acknowledge the finding if the value is always an exact analytics resource.');
  });

  test('PinpointAccessUnreadableStatement: what IAM expects of a statement', () => {
    const [finding] = findingsOf({ Effect: 'Allow', Action: 'mobiletargeting:GetReports' });
    expect(finding.fix).toBe('Write the statement as IAM expects it (an object with Effect, Action or NotAction, and Resource or ' +
      'NotResource), or acknowledge the finding once you have checked what it grants.');
  });

  test('the construct calls are joined by "and", the console reports and what no construct grants by commas, the parts by semicolons', () => {
    const campaigns = `${ARN}:apps/${PROJECT_ID}/campaigns`;
    const [finding] = findingsOf({
      Sid: 'Joined',
      Effect: 'Allow',
      Action: 'mobiletargeting:Get*',
      Resource: [`${campaigns}/${CAMPAIGN_ID}/kpis/*`, `${campaigns}/${OTHER_CAMPAIGN_ID}/kpis/*`,
        `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:reports`, `arn:aws:mobiletargeting:ap-southeast-2:${ACCOUNT}:reports`,
        `${campaigns}/*/kpis/daterange/email-open-rate`, `${campaigns}/*/kpis/daterange/sms-spend`],
    });
    expect(finding.fix).toBe('Name the actions the principal needs instead of the wildcard; grant the analytics with ' +
      `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee) and ` +
      `new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${OTHER_CAMPAIGN_ID}' }).grantTo(grantee); ` +
      `name the action mobiletargeting:GetReports on arn:<partition>:mobiletargeting:${OTHER_REGION}:<stack account>:reports, ` +
      'arn:<partition>:mobiletargeting:ap-southeast-2:<stack account>:reports; name the analytics that no construct grants as narrowly: ' +
      `mobiletargeting:GetCampaignDateRangeKpi on ${campaigns}/*/kpis/daterange/email-open-rate, ` +
      `mobiletargeting:GetCampaignDateRangeKpi on ${campaigns}/*/kpis/daterange/sms-spend.`);
  });

  test('a NotResource that excludes no analytics resource (the project list, a template) leaves every project', () => {
    const allBut = (sid: string, notResource: string[]) =>
      ({ Sid: sid, Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', NotResource: notResource });
    // `apps/*/kpis` matches the ARN of a KPI named `kpis` (`apps/<project>/kpis/daterange/kpis`), which every project grants.
    const findings = findingsOf(allBut('AllButLists', [`${ARN}:apps`]), allBut('AllButTemplate', [`${ARN}:templates/welcome/EMAIL`]),
      allBut('AllButKpis', [`${ARN}:apps`, `${ARN}:apps/*/kpis`]));
    expect(findings.map((f) => f.fix)).toEqual([...[1, 2].map(() => 'Name the analytics resources; grant the analytics with ' +
      "new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)."),
    'Name the analytics resources; name the analytics that no construct grants as narrowly: mobiletargeting:GetApplicationDateRangeKpi ' +
      `on every resource but NotResource ${ARN}:apps and ${ARN}:apps/*/kpis.`]);
  });

  test('a NotResource is every resource but its own: no call grants what it may exclude of the stack\'s analytics, that is named', () => {
    const allBut = (sid: string, action: string, notResource: string) => ({ Sid: sid, Effect: 'Allow', Action: `mobiletargeting:${action}`, NotResource: notResource });
    const otherRegion = `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}`;
    const findings = findingsOf(
      allBut('AllButOther', 'GetApplicationDateRangeKpi', `${ARN}:apps/other/*`),
      allBut('AllButOtherRegion', 'GetApplicationDateRangeKpi', `${otherRegion}:apps/*`),
      allBut('AllButOtherReports', 'GetReports', `${otherRegion}:reports`),
      allBut('AllButReports', 'GetReports', `${ARN}:reports`),
    );
    expect(findings.map((f) => f.fix)).toEqual([
      'Name the analytics resources; name the analytics that no construct grants as narrowly: ' +
        `mobiletargeting:GetApplicationDateRangeKpi on every resource but NotResource ${ARN}:apps/other/*.`,
      'Name the analytics resources; grant the analytics with ' +
        "new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee).",
      'Name the analytics resources; name the action mobiletargeting:GetReports on arn:<partition>:mobiletargeting:<stack region>:<stack account>:reports.',
      'Name the analytics resources; name the analytics that no construct grants as narrowly: ' +
        `mobiletargeting:GetReports on every resource but NotResource ${ARN}:reports.`,
    ]);
  });
});

describe('IDs', () => {
  test('a construct path with "::" gives an ID with one ":" there, as aws-cdk-lib reads "::" as the end of the plugin\'s name', () => {
    const findings = findingsOf({ Sid: 'Everything', Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: '*' });
    expect(findings.map((f) => [f.id, f.ref])).toEqual([
      ['PinpointAnalyticsBroadResource[Stack/Pinpoint:Reader/Policies/p#Everything]', 'Stack/Pinpoint::Reader/Policies/p#Everything'],
    ]);
  });
});

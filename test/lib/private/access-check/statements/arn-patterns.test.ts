/**
 * The pure parts of PinpointAccessValidator's check, lib/private/access-check/, one module a block: CloudFormation
 * values, the end-of-support classification, the construct call a fix suggests, action patterns and resource patterns
 * (both judged by the IAM evaluator).
 */
import * as fc from 'fast-check';
import {
  MOBILETARGETING_ACTIONS,
  MOBILETARGETING_RESOURCE_TYPES,
} from '../../../../../lib/private/access-check/data/mobiletargeting-actions.generated';
import { supportOf } from '../../../../../lib/private/access-check/report/end-of-support';
import { replacementFor } from '../../../../../lib/private/access-check/rules/construct-call';
import { matchActions } from '../../../../../lib/private/access-check/statements/action-patterns';
import { canMatchResourceType, fitsAnalyticsShape, scopeOf } from '../../../../../lib/private/access-check/statements/arn-patterns';
import { renderList, renderValue, textOf, TOKEN } from '../../../../../lib/private/access-check/values/cfn-values';
import { ACCOUNT, CAMPAIGN_ID, decide, JOURNEY_ID, OTHER_REGION, PROJECT_ID, REGION } from '../../../../support';

/**
 * CloudFormation values as the access check shows and matches them: literal text stays, each token becomes `${Name}`
 * in the text and one `TOKEN` character in the pattern.
 */
describe('cfn-values.ts', () => {
  const arnJoin = {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
      ':apps/', { Ref: 'Project' }, '/kpis/*']],
  };

  describe('renderValue', () => {
    test('a literal string, number or boolean is its own text and pattern', () => {
      expect(renderValue('arn:aws:mobiletargeting:us-east-1:123456789012:reports'))
        .toEqual({ text: 'arn:aws:mobiletargeting:us-east-1:123456789012:reports', pattern: 'arn:aws:mobiletargeting:us-east-1:123456789012:reports', tokens: [], opaque: false });
      expect(renderValue(12).text).toBe('12');
      expect(renderValue(true).text).toBe('true');
    });

    test('Fn::Join of literals and Refs, as aws-cdk-lib writes ARNs of an environment-agnostic stack', () => {
      expect(renderValue(arnJoin)).toEqual({
        text: 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${Project}/kpis/*',
        pattern: `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/kpis/*`,
        tokens: ['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'Project'],
        opaque: false,
      });
    });

    test('a Ref, an Fn::GetAtt (list or dotted) and an Fn::ImportValue as a whole are opaque tokens', () => {
      expect(renderValue({ Ref: 'Project' })).toEqual({ text: '${Project}', pattern: TOKEN, tokens: ['Project'], opaque: true });
      expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }).text).toBe('${Campaign.Arn}');
      expect(renderValue({ 'Fn::GetAtt': 'Campaign.Arn' }).text).toBe('${Campaign.Arn}');
      expect(renderValue({ 'Fn::ImportValue': 'Shared:ProjectArn' })).toMatchObject({ text: '${Import:Shared:ProjectArn}', opaque: true });
      expect(renderValue({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Arn' } }).text).toBe('${Import:${AWS::StackName}-Arn}');
    });

    test('Fn::Sub: variables given, pseudo parameters and Refs as tokens, ${!Literal} as text', () => {
      expect(renderValue({ 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:*:${AWS::AccountId}:apps/${Project}/kpis/*' }).text)
        .toBe('arn:${AWS::Partition}:mobiletargeting:*:${AWS::AccountId}:apps/${Project}/kpis/*');
      const sub = renderValue({ 'Fn::Sub': ['apps/${Id}/campaigns/${!Literal}/${Other}', { Id: 'p1', Other: { Ref: 'Campaign' } }] });
      expect(sub).toEqual({ text: 'apps/p1/campaigns/${Literal}/${Campaign}', pattern: `apps/p1/campaigns/\${Literal}/${TOKEN}`, tokens: ['Campaign'], opaque: false });
      expect(renderValue({ 'Fn::Sub': ['${Only}', { Only: { Ref: 'X' } }] }).opaque).toBe(true);
      expect(renderValue({ 'Fn::Sub': '' })).toEqual({ text: '', pattern: '', tokens: [], opaque: false });
    });

    test('Fn::Select of a literal list (or Fn::Split of a literal) by a literal index is the element; anything else a token', () => {
      expect(renderValue({ 'Fn::Select': [1, ['a', 'b']] }).text).toBe('b');
      expect(renderValue({ 'Fn::Select': ['0', ['a', 'b']] }).text).toBe('a');
      expect(renderValue({ 'Fn::Select': [2, ['a', 'b']] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b'] }] }).text).toBe('b');
      expect(renderValue({ 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': 'nonsense' }).text).toBe('${Fn::Select}');
    });

    test('malformed Fn::Join and Fn::Sub, other intrinsics and other objects are tokens', () => {
      expect(renderValue({ 'Fn::Join': [',', { Ref: 'List' }] }).text).toBe('${Fn::Join}');
      expect(renderValue({ 'Fn::Join': 'nonsense' }).text).toBe('${Fn::Join}');
      expect(renderValue({ 'Fn::Sub': [{ Ref: 'X' }, {}] }).text).toBe('${Fn::Sub}');
      expect(renderValue({ 'Fn::Sub': ['${A}'] }).text).toBe('${A}');
      expect(renderValue({ 'Fn::If': ['Cond', 'a', 'b'] }).text).toBe('${Fn::If}');
      expect(renderValue({ a: 1, b: 2 }).text).toBe('${{"a":1,"b":2}}');
      expect(renderValue(null).text).toBe('${null}');
    });
  });

  describe('renderList and textOf', () => {
    test('renderList renders each element of a list, or a single value as a list of one', () => {
      expect(renderList(['a', { Ref: 'B' }]).map((v) => v.text)).toEqual(['a', '${B}']);
      expect(renderList('a').map((v) => v.text)).toEqual(['a']);
    });

    test('textOf shows a part of the pattern with its tokens named, counting the tokens before it', () => {
      const value = renderValue(arnJoin);
      const start = value.pattern.indexOf('apps/') + 5;
      expect(textOf(value, start, start + 1)).toBe('${Project}');
      expect(textOf(value, 0, value.pattern.length)).toBe(value.text);
    });
  });
});

/**
 * The end-of-support classification: what AWS's page says about each `mobiletargeting` action, and "unknown" wherever
 * it does not decide.
 */
describe('end-of-support.ts', () => {
  const sar = (name: string) => MOBILETARGETING_ACTIONS.find((action) => action.name === name)!;
  const statusOf = (name: string) => supportOf(sar(name)).status;

  describe('supportOf', () => {
    test('the six analytics reads ended with the analytics feature', () => {
      for (const name of ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi',
        'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics', 'GetReports']) {
        expect(supportOf(sar(name))).toEqual({ status: 'ended', feature: expect.stringContaining('analytics') });
      }
    });

    test.each([
      ['CreateCampaign', 'campaigns'], ['GetCampaigns', 'campaigns'], ['UpdateCampaign', 'campaigns'],
      ['CreateJourney', 'journeys'], ['ListJourneys', 'journeys'], ['GetJourneyRunExecutionMetrics', 'journeys'],
      ['CreateSegment', 'segments'], ['GetSegmentImportJobs', 'segments'],
      ['GetEndpoint', 'endpoints'], ['UpdateEndpointsBatch', 'endpoints'], ['DeleteUserEndpoints', 'endpoints'],
    ])('%s ended with %s', (name, feature) => {
      expect(supportOf(sar(name))).toEqual({ status: 'ended', feature });
    });

    test.each([
      ['GetSmsChannel', 'SMS, voice and mobile push channels'], ['UpdateVoiceChannel', 'SMS, voice and mobile push channels'],
      ['DeleteGcmChannel', 'SMS, voice and mobile push channels'], ['UpdateApnsVoipSandboxChannel', 'SMS, voice and mobile push channels'],
      ['SendOTPMessage', 'OTP'], ['VerifyOTPMessage', 'OTP'], ['PhoneNumberValidate', 'phone number validation'],
    ])('%s continues (%s)', (name, feature) => {
      expect(supportOf(sar(name))).toEqual({ status: 'continues', feature });
    });

    test.each([
      'CreateApp', 'GetApps', 'DeleteApp', 'GetEmailChannel', 'UpdateEmailChannel', 'GetChannels', 'SendMessages',
      'SendUsersMessages', 'CreateSmsTemplate', 'PutEvents', 'PutEventStream', 'CreateExportJob', 'GetInAppMessages',
      'CreateRecommenderConfiguration', 'TagResource', 'RemoveAttributes',
    ])('%s is unknown: the page does not decide it', (name) => {
      expect(supportOf(sar(name))).toEqual({ status: 'unknown' });
    });

    test('an action the Service Authorization Reference lacks is unknown', () => {
      expect(supportOf(undefined)).toEqual({ status: 'unknown' });
    });

    test('every action has a status, and every rule places some action', () => {
      const features = new Set(MOBILETARGETING_ACTIONS.flatMap((action) => supportOf(action).feature?.split('; ') ?? []));
      expect([...features].sort()).toEqual(['OTP', 'SMS, voice and mobile push channels', 'analytics', 'campaigns', 'endpoints',
        'journeys', 'phone number validation', 'segments'].sort());
      const counts = { ended: 0, continues: 0, unknown: 0 };
      MOBILETARGETING_ACTIONS.forEach((action) => counts[supportOf(action).status]++);
      expect(counts.ended + counts.continues + counts.unknown).toBe(MOBILETARGETING_ACTIONS.length);
      expect(statusOf('GetReports')).toBe('ended');
    });
  });
});

/**
 * The construct call a finding's fix suggests: the construct of this library that grants the statement's analytics.
 */
describe('construct-call.ts', () => {
  const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
  const ENV = { account: ACCOUNT, region: REGION };

  /** Grants of `action` on `resources`, as a statement's analysis has them. */
  const grant = (action: string, ...resources: unknown[]) =>
    ({ action: matchActions([`mobiletargeting:${action}`], false)[0], resources: resources.map((r) => renderValue(r)) });
  const callsFor = (grants: ReturnType<typeof grant>[], env: { account?: string; region?: string } = ENV) => replacementFor(grants, env).calls;

  describe('replacementFor', () => {
    test('the KPIs of one campaign: CampaignKpiGrant, with the KPIs when each resource names one', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`]);
      expect(callsFor([grant('GetCampaignDateRangeKpi',
        `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
        `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/daterange/sms-spend`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}', ` +
          "kpis: [CampaignKpi.of('email-open-rate'), CampaignKpi.of('sms-spend')] }).grantTo(grantee)"]);
    });

    test('a campaign or journey of every project, or of every region: the placeholders for its one project and region', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/campaigns/${CAMPAIGN_ID}/kpis/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '<project of campaign ${CAMPAIGN_ID}>', ` +
          `campaignId: '${CAMPAIGN_ID}', region: '<region of the project>' }).grantTo(grantee)`]);
      expect(callsFor([grant('GetJourneyExecutionMetrics', `${ARN}:apps/*/journeys/${JOURNEY_ID}/execution-metrics`)]))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '<project of journey ${JOURNEY_ID}>', journeyId: '${JOURNEY_ID}', ` +
          'metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS] }).grantTo(grantee)']);
    });

    test('the metrics of one journey: JourneyMetricsGrant, with the kinds when not all three; region and account when not the stack\'s', () => {
      expect(callsFor([
        grant('GetJourneyExecutionMetrics', `arn:aws:mobiletargeting:${OTHER_REGION}:210987654321:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`),
      ])).toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
        `metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS], region: '${OTHER_REGION}', account: '210987654321' }).grantTo(grantee)`]);
      const all = ['GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics']
        .map((action) => grant(action, `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/*`));
      expect(callsFor(all))
        .toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}' }).grantTo(grantee)`]);
      expect(callsFor([
        grant('GetJourneyDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/daterange/journey-emails-opened`),
        grant('GetJourneyExecutionActivityMetrics', `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/activities/a1/execution-metrics`),
      ])).toEqual([`new JourneyMetricsGrant(this, 'JourneyMetrics', { projectId: '${PROJECT_ID}', journeyId: '${JOURNEY_ID}', ` +
        "metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS], kpis: [JourneyKpi.of('journey-emails-opened')], " +
        "activityIds: ['a1'] }).grantTo(grantee)"]);
    });

    test('whole projects: PinpointAnalyticsReadPolicy, one call per region unless the projects are alike, the console reports with it', () => {
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/p2/*`),
        grant('GetReports', `${ARN}:reports`),
      ])).toEqual([
        `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          'includeConsoleReports: true }).grantTo(grantee)',
        `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['p2'], regions: ['${OTHER_REGION}'], ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)',
      ]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`, `${ARN}:apps/p2/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}', 'p2'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`]);
      // Different kinds on different projects are not merged: the read policy would grant each kind on both.
      expect(callsFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/*`), grant('GetApplicationDateRangeKpi', `${ARN}:apps/p2/*`)]))
        .toEqual([
          `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee)`,
          "new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['p2'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)",
        ]);
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/email-open-rate`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS], ` +
          "applicationKpis: [ApplicationKpi.of('email-open-rate')] }).grantTo(grantee)"]);
    });

    test('everything: every project, in every region where the statement says so, else the stack\'s', () => {
      const five = ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics',
        'GetJourneyExecutionActivityMetrics'].map((action) => grant(action, '*'));
      // "*" is every region and account: the stack's are narrower.
      expect(callsFor(five)).toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics').grantTo(grantee)"]);
      const everyRegion = five.map((g) => ({ ...g, resources: [renderValue(`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*`)] }));
      expect(callsFor(everyRegion)).toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['*'] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetApplicationDateRangeKpi', `${ARN}:apps/*`)], {}))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { regions: ['${REGION}'], account: '${ACCOUNT}', ` +
          'metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)']);
    });

    test('without the stack\'s region, projects of it and of another region are placed by their regions', () => {
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:\${AWS::Region}:${ACCOUNT}:apps/${PROJECT_ID}/*`.replace('${AWS::Region}', REGION)),
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`),
      ], { account: ACCOUNT })).toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], ` +
        `regions: ['${REGION}', '${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
      expect(callsFor([
        grant('GetApplicationDateRangeKpi', { 'Fn::Sub': `arn:aws:mobiletargeting:\${AWS::Region}:${ACCOUNT}:apps/${PROJECT_ID}/*` }),
        grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:apps/${PROJECT_ID}/*`),
      ], { account: ACCOUNT })).toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], ` +
        `regions: ['<stack region>', '${OTHER_REGION}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
      // An ARN without a region names none: the stack's.
      expect(callsFor([grant('GetApplicationDateRangeKpi', `arn:aws:mobiletargeting::${ACCOUNT}:apps/${PROJECT_ID}/*`)]))
        .toEqual([`new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)`]);
    });

    test('every account is narrowed to the stack\'s, which no construct call can be broader than', () => {
      expect(callsFor([grant('GetCampaignDateRangeKpi', `arn:aws:mobiletargeting:${REGION}:*:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`)]))
        .toEqual([`new CampaignKpiGrant(this, 'CampaignKpis', { projectId: '${PROJECT_ID}', campaignId: '${CAMPAIGN_ID}' }).grantTo(grantee)`]);
    });

    test('tokens: the stack\'s own region and account are left out, others shown as tokens to replace', () => {
      const arn = (project: unknown) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':',
          { Ref: 'AWS::AccountId' }, ':apps/', project, '/*']],
      });
      expect(callsFor([grant('GetApplicationDateRangeKpi', arn({ Ref: 'Project' }))], {}))
        .toEqual(["new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: [<token ${Project}>], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee)"]);
      expect(callsFor([grant('GetCampaignDateRangeKpi', { 'Fn::Sub': `arn:aws:mobiletargeting:\${Region}:${ACCOUNT}:apps/\${Project}/campaigns/c1/*` })]))
        .toEqual(["new CampaignKpiGrant(this, 'CampaignKpis', { projectId: <token ${Project}>, campaignId: 'c1', region: <token ${Region}> }).grantTo(grantee)"]);
    });

    test('what no construct grants as narrowly is named, not replaced by something broader; console reports alone are named', () => {
      expect(replacementFor([grant('GetCampaignDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate`)], ENV))
        .toEqual({ calls: [], uncovered: [`mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate`], reports: [] });
      expect(replacementFor([grant('GetReports', '*')], ENV)).toEqual({ calls: [], uncovered: [], reports: ['arn:<partition>:mobiletargeting:<stack region>:<stack account>:reports'] });
      expect(replacementFor([grant('GetReports', `arn:aws:mobiletargeting:${OTHER_REGION}:${ACCOUNT}:reports`)], ENV).reports)
        .toEqual([`arn:<partition>:mobiletargeting:${OTHER_REGION}:<stack account>:reports`]);
    });
  });
});

/**
 * Which `mobiletargeting` actions an `Action` or `NotAction` list allows, judged by the independent IAM evaluator
 * (`@cloud-copilot/iam-simulate`): for every action of the Service Authorization Reference, a policy with the list on
 * `Resource: "*"` allows a request for the action exactly when `matchActions` lists it.
 */
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

/**
 * Resource patterns against the Service Authorization Reference's ARN formats (judged by the IAM evaluator) and
 * against the developer guide's analytics resources.
 */
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

    test('takes a token as one path segment of any value', () => {
      const pattern = `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/campaigns/c1/kpis/*`;
      expect(canMatchResourceType(pattern, 'campaign-metrics')).toBe(true);
      expect(canMatchResourceType(pattern, 'journey-metrics')).toBe(false);
      expect(canMatchResourceType(`${A}:${TOKEN}/p1`, 'app')).toBe(false);
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
    ])('the broader or other resource %s does not fit', (pattern) => {
      expect(fitsAnalyticsShape(pattern)).toBe(false);
    });
  });

  describe('scopeOf', () => {
    test.each([
      [`${A}:apps/${PROJECT_ID}/kpis/*`, { kind: 'project', project: PROJECT_ID }],
      [`${A}:apps/*/kpis/*`, { kind: 'project', project: '*' }],
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

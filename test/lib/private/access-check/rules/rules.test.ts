/**
 * The rules on the shapes real templates use: the developer guide's resources built by intrinsics pass; values known
 * only at deploy time get findings of their own (warnings), never `PinpointAnalyticsBroadResource`; messages name only
 * what concerns `mobiletargeting`; NotResource is read as IAM reads it.
 */
import {
  App,
  CfnOutput,
  CfnParameter,
  Fn,
  NestedStack,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { PinpointAnalyticsReadPolicy } from '../../../../../lib';
import {
  accessLines,
  ACCOUNT,
  allow,
  appWithRole as setup,
  CAMPAIGN_ID,
  checkRaw,
  identityPoliciesOf,
  isAllowed,
  newRole,
  PROJECT_ID,
  rawRole,
  REGION,
  removeTestOutdirs,
  roleFinding as finding,
  synthWithValidator,
  template,
  templateIn,
  testAppWithOutdir,
  testStack,
  PINPOINT_ARN as ARN,
} from '../../../../support';

afterEach(removeTestOutdirs);


/** A template with a role whose one inline policy holds `statements`, and a Pinpoint project `App`. */
function roleWith(...statements: unknown[]) {
  return template({
    App: { Type: 'AWS::Pinpoint::App', Properties: { Name: 'app' } },
    Campaign: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { Ref: 'App' } } },
    Role: rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] }),
  }, { Parameters: { ProjectArn: { Type: 'String' }, Arns: { Type: 'CommaDelimitedList' }, Region: { Type: 'String' } } });
}

describe("the developer guide's shapes, whatever intrinsic builds them", () => {
  test.each([
    ['Fn::Sub of the project ARN', { 'Fn::Sub': '${App.Arn}/kpis/*' }],
    ['Fn::Sub of the project ARN, campaigns', { 'Fn::Sub': '${App.Arn}/campaigns/*/kpis/*' }],
    ['Fn::Join of Fn::GetAtt <App>.Arn', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['App', 'Arn'] }, '/journeys/*/execution-metrics']] }],
    ['Ref of the App as the project ID', { 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${App}/kpis/*' }],
    ['the ARN of a campaign', { 'Fn::Sub': '${Campaign.Arn}/kpis/daterange/email-open-rate' }],
  ])('%s passes', (_name, resource) => {
    const json = roleWith({
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetCampaignDateRangeKpi',
        'mobiletargeting:GetJourneyExecutionMetrics'],
      Resource: resource,
    });
    const { ids, report } = checkRaw([{ name: 'Stack', json }]);
    expect(ids).toEqual([]);
    expect(report.principals[0].allows.length).toBeGreaterThan(0);
  });

  test('aws-cdk-lib\'s `${app.attrArn}/campaigns/*/kpis/*` passes at synthesis', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const project = new pinpoint.CfnApp(stack, 'Project', { name: 'project' });
    newRole(stack, 'Role').addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['mobiletargeting:GetCampaignDateRangeKpi'],
      resources: [`${project.attrArn}/campaigns/*/kpis/*`],
    }));
    Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'The test defines an AWS::Pinpoint::App' });
    const result = synthWithValidator(app);
    expect(result.findings).toEqual([]);
    expect(result.report.principals[0].allows[0].resources).toEqual(['${Project.Arn}/campaigns/*/kpis/*']);
  });

  test('a resource built from the project ARN but broader than the guide still fails, with a fix no broader than it', () => {
    const json = roleWith({ Sid: 'Broad', Effect: 'Allow', Action: 'mobiletargeting:GetCampaignDateRangeKpi', Resource: { 'Fn::Sub': '${App.Arn}/*' } });
    const { ids, findings } = checkRaw([{ name: 'Stack', json }]);
    expect(ids).toEqual(['PinpointAnalyticsBroadResource[Stack/Role/Policies/p#Broad]']);
    expect(findings[0].fix).toBe("Name the analytics resources; grant the analytics with new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', " +
      '{ projectIds: [<token ${App}>], metrics: [AnalyticsMetrics.CAMPAIGN_KPIS] }).grantTo(grantee).');
  });
});

describe('values known only at deploy time', () => {
  test.each([
    ['a parameter', { Ref: 'ProjectArn' }, '${ProjectArn}'],
    ['an import of another app', { 'Fn::ImportValue': 'Analytics:ProjectKpisArn' }, '${Import:Analytics:ProjectKpisArn}'],
    ['Fn::Select of a parameter list', { 'Fn::Select': [0, { Ref: 'Arns' }] }, '${Fn::Select}'],
    ['an ARN that starts with a parameter', { 'Fn::Sub': '${ProjectArn}/kpis/*' }, '${ProjectArn}/kpis/*'],
  ])('%s: PinpointAnalyticsUndecidedResource, a warning of its own, not PinpointAnalyticsBroadResource', (_name, resource, shown) => {
    const json = roleWith({ Sid: 'Undecided', Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: resource });
    const { ids, findings, report } = checkRaw([{ name: 'Stack', json }]);
    expect(ids).toEqual(['PinpointAnalyticsUndecidedResource[Stack/Role/Policies/p#Undecided]']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].description).toContain(`on "${shown}", known only at deploy time`);
    expect(accessLines(report)).toEqual([`role Stack/Role: mobiletargeting:GetApplicationDateRangeKpi on ${shown}`]);
    expect(report.principals[0].scopes).toEqual([{ label: 'a resource known at deploy time', analyticsReads: 1, otherActions: 0 }]);
  });

  test('analytics with a write action on a resource known at deploy time: both findings; no construct call is suggested', () => {
    const json = roleWith({
      Sid: 'ReadAndWrite',
      Effect: 'Allow',
      Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:UpdateApplicationSettings'],
      Resource: { Ref: 'ProjectArn' },
    });
    const { findings } = checkRaw([{ name: 'Stack', json }]);
    expect(findings.map((f) => [f.rule, f.fix])).toEqual([
      ['PinpointAnalyticsWithWriteAction', 'Keep the write and send actions the principal needs in a statement of their own.'],
      ['PinpointAnalyticsUndecidedResource', expect.stringMatching(/^Build the resource from the parts the check can read/)],
    ]);
  });

  test('a project ID or region that is a parameter inside the ARN is one segment, as the constructs write it: it passes', () => {
    const json = roleWith({
      Effect: 'Allow',
      Action: 'mobiletargeting:GetApplicationDateRangeKpi',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:${Region}:${AWS::AccountId}:apps/${ProjectId}/kpis/*' },
    });
    expect(checkRaw([{ name: 'Stack', json }]).ids).toEqual([]);
  });

  test('at synthesis, a warning is reported and fails nothing; it is acknowledged by its own ID', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const arn = new CfnParameter(stack, 'KpisArn').valueAsString;
    newRole(stack, 'Role').addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'FromParameter', actions: ['mobiletargeting:GetApplicationDateRangeKpi'], resources: [arn] }));
    const result = synthWithValidator(app);
    expect(result.message).toBe('');
    expect(result.findings).toEqual(['PinpointAnalyticsUndecidedResource[TestStack/Role/DefaultPolicy#FromParameter]']);
    expect(result.violations[0].severity).toBe('warning');

    const acknowledged = testAppWithOutdir();
    const again = testStack(acknowledged);
    newRole(again, 'Role').addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'FromParameter',
      actions: ['mobiletargeting:GetApplicationDateRangeKpi'],
      resources: [new CfnParameter(again, 'KpisArn').valueAsString],
    }));
    Validations.of(again).acknowledge({ id: 'PinpointAccessValidator::PinpointAnalyticsUndecidedResource[TestStack/Role/DefaultPolicy#FromParameter]', reason: 'exact ARN' });
    const quiet = synthWithValidator(acknowledged);
    expect([quiet.findings, quiet.acknowledged, quiet.report.summary.acknowledgedFindings]).toEqual([[], [quiet.acknowledged[0]], 1]);
  });
});

describe('messages', () => {
  test('a fix names what no construct grants as narrowly', () => {
    const json = roleWith({
      Sid: 'Named',
      Effect: 'Allow',
      Action: 'mobiletargeting:GetCampaign*',
      Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate`,
    });
    expect(checkRaw([{ name: 'Stack', json }]).findings.map((f) => f.fix)).toEqual([
      'Name the actions the principal needs instead of the wildcard; name the analytics that no construct grants as narrowly: ' +
        `mobiletargeting:GetCampaignDateRangeKpi on ${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/daterange/email-open-rate.`,
    ]);
  });

  test('the wildcard finding names only the wildcards that match mobiletargeting actions', () => {
    const json = roleWith({ Sid: 'Messaging', Effect: 'Allow', Action: ['sms-voice:*', 'mobiletargeting:*', 's3:Get*'], Resource: `${ARN}:apps/${PROJECT_ID}/kpis/*` });
    const { findings } = checkRaw([{ name: 'Stack', json }]);
    expect(findings[0].description).toContain('through the action wildcard "mobiletargeting:*", which matches 123 mobiletargeting actions');
  });

  test('NotResource: only the analytics it leaves are named, and a NotResource that leaves none breaks no rule', () => {
    const leavesReports = roleWith({
      Sid: 'AllButApps',
      Effect: 'Allow',
      Action: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetReports'],
      NotResource: 'arn:*:mobiletargeting:*:*:apps/*',
    });
    const { findings, report } = checkRaw([{ name: 'Stack', json: leavesReports }]);
    expect(findings.map((f) => f.description)).toEqual(['Stack/Role/Policies/p statement AllButApps allows Amazon Pinpoint analytics ' +
      '(mobiletargeting:GetReports) on every resource but NotResource "arn:*:mobiletargeting:*:*:apps/*", broader than the analytics resources ' +
      'of the Amazon Pinpoint developer guide (apps/<project>/kpis/*, apps/<project>/campaigns/<campaign>/kpis/*, ..., reports).']);
    expect(findings[0].fix).toBe('Name the analytics resources; name the action mobiletargeting:GetReports on ' +
      'arn:<partition>:mobiletargeting:<stack region>:<stack account>:reports.');
    expect(accessLines(report)).toEqual(['role Stack/Role: mobiletargeting:GetReports on NotResource arn:*:mobiletargeting:*:*:apps/*']);

    const leavesNothing = roleWith({ Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', NotResource: '*' });
    expect(checkRaw([{ name: 'Stack', json: leavesNothing }]).report.principals).toEqual([]);
  });

  test('a statement the check cannot read is a finding naming the resource and the statement', () => {
    const json = roleWith(
      { Sid: 'NoAction', Effect: 'Allow', Resource: '*' },
      { Sid: 'Audit', Effect: 'Audit', Action: 'mobiletargeting:*', Resource: '*' },
      { Effect: 'Allow', Action: 'mobiletargeting:GetReports' },
      'not a statement',
    );
    const { findings, report } = checkRaw([{ name: 'Stack', json }]);
    expect(findings.map((f) => [f.id, f.severity, f.source.logicalId, f.location])).toEqual([
      ['PinpointAccessUnreadableStatement[Stack/Role/Policies/p#NoAction]', 'error', 'Role', 'Properties/Policies/0/PolicyDocument/Statement/0'],
      ['PinpointAccessUnreadableStatement[Stack/Role/Policies/p#Audit]', 'error', 'Role', 'Properties/Policies/0/PolicyDocument/Statement/1'],
      ['PinpointAccessUnreadableStatement[Stack/Role/Policies/p#2]', 'error', 'Role', 'Properties/Policies/0/PolicyDocument/Statement/2'],
      ['PinpointAccessUnreadableStatement[Stack/Role/Policies/p#3]', 'error', 'Role', 'Properties/Policies/0/PolicyDocument/Statement/3'],
    ]);
    expect(findings.map((f) => f.description.replace(/^.*cannot be read: /, ''))).toEqual([
      'it has neither Action nor NotAction. What it grants is not in the report.',
      'its Effect is "Audit", neither "Allow" nor "Deny". What it grants is not in the report.',
      'it has neither Resource nor NotResource. What it grants is not in the report.',
      'a statement must be an object, not "not a statement". What it grants is not in the report.',
    ]);
    expect(report.principals.map((p) => [p.name, p.notRead])).toEqual([['Stack/Role', [0, 1, 2, 3]]]);
  });

  test('a statement with more template conditions than the check reads every combination of is said not to be read', () => {
    const conditions = Array.from({ length: 9 }, (_, i) => `C${i}`);
    const json = roleWith({ Effect: 'Allow', Action: conditions.map((c) => ({ 'Fn::If': [c, 'mobiletargeting:GetReports', 's3:GetObject'] })), Resource: '*' });
    const { findings } = checkRaw([{ name: 'Stack', json }]);
    expect(findings.map((f) => f.description)).toEqual(['Stack/Role/Policies/p statement 0 cannot be read: it uses more than 8 template conditions, ' +
      'too many to read every combination. What it grants is not in the report.']);
  });
});

describe('in an app', () => {
  test('a PinpointAnalyticsReadPolicy in a NestedStack, granted to a role of its parent', () => {
    const app = testAppWithOutdir();
    const parent = testStack(app);
    const nested = new NestedStack(parent, 'Shared');
    const role = newRole(parent, 'Dashboard');
    new PinpointAnalyticsReadPolicy(nested, 'Read', { projectIds: [PROJECT_ID] }).grantTo(role);
    const result = synthWithValidator(app);
    expect(result.message).toBe('');
    expect(result.report.principals.map((p: any) => [p.name, p.allows.length, p.allows[0].statements])).toEqual([
      ['TestStack/Dashboard', 5, ['TestStack/Shared/Read/Resource#QueryProjectAnalytics']],
    ]);
  });

  test.each(['strong', 'weak'])('a read policy of one stack granted to roles of two others (%s cross-stack references)', (strength) => {
    const app = testAppWithOutdir({ '@aws-cdk/core:defaultCrossStackReferences': strength });
    const shared = testStack(app, 'Shared');
    const read = new PinpointAnalyticsReadPolicy(shared, 'Read', { projectIds: [PROJECT_ID], metrics: undefined });
    read.grantTo(newRole(testStack(app, 'Dashboards'), 'Dashboard'));
    read.grantTo(newRole(testStack(app, 'Reports'), 'Reporter'));
    const result = synthWithValidator(app);
    expect(result.message).toBe('');
    expect(result.report.principals.map((p: any) => p.name)).toEqual(['Dashboards/Dashboard', 'Reports/Reporter']);
    expect(result.report.notRead).toEqual([]);
  });

  test('a role of another stack named by an export of a stack name output is followed through the export', () => {
    const app = testAppWithOutdir();
    const roles = testStack(app, 'Roles');
    const role = newRole(roles, 'Reader');
    new CfnOutput(roles, 'ReaderName', { value: role.roleName, exportName: 'ReaderName' });
    const policies = new Stack(app, 'Policies', { env: { account: ACCOUNT, region: REGION } });
    new iam.CfnPolicy(policies, 'Read', {
      policyName: 'read',
      roles: [Fn.importValue('ReaderName')],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetCampaignDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*` }] },
    });
    const result = synthWithValidator(app as App);
    expect(result.report.principals.map((p: any) => p.name)).toEqual(['Roles/Reader']);
  });
});

/** Each rule at synthesis of an app: a compliant and a non-compliant case, the finding and its message and fix. */
const PROJECT_KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;

describe('rule PinpointAnalyticsWildcardAction', () => {
  test('analytics reads named one by one pass', () => {
    // GIVEN
    const { app, role } = setup();
    // WHEN
    allow(role, { sid: 'Named', actions: ['mobiletargeting:GetApplicationDateRangeKpi'], resources: [PROJECT_KPIS] });
    // THEN
    const result = synthWithValidator(app);
    expect(result.failed).toBe(false);
    expect(result.findings).toEqual([]);
  });

  test.each([
    ['mobiletargeting:Get*'],
    ['mobiletargeting:*'],
    ['*'],
    ['MobileTargeting:get*kpi'],
  ])('fails on the action wildcard %s that allows an analytics read', async (wildcard) => {
    // GIVEN
    const { app, stack, role } = setup();
    // WHEN
    allow(role, { sid: 'Wildcard', actions: [wildcard], resources: [PROJECT_KPIS] });
    const result = synthWithValidator(app);
    // THEN the evaluator allows the analytics read through the wildcard, and the validator says so
    const policies = identityPoliciesOf(templateIn(app, stack), stack.getLogicalId(role.node.defaultChild as iam.CfnRole));
    expect(await isAllowed(policies, 'mobiletargeting:GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1`)).toBe(true);
    expect(result.failed).toBe(true);
    expect(result.findings).toEqual([finding('PinpointAnalyticsWildcardAction', 'Wildcard')]);
    expect(result.violations[0].description).toContain(`the action wildcard "${wildcard}"`);
    expect(result.violations[0].suggestedFix).toContain(
      `new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${PROJECT_ID}'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] })`);
  });

  test('fails on NotAction that leaves an analytics read allowed', async () => {
    const { app, stack, role } = setup();
    allow(role, { sid: 'AllButSend', notActions: ['mobiletargeting:Send*'], resources: [PROJECT_KPIS] });
    const result = synthWithValidator(app);
    const policies = identityPoliciesOf(templateIn(app, stack), stack.getLogicalId(role.node.defaultChild as iam.CfnRole));
    expect(await isAllowed(policies, 'mobiletargeting:GetApplicationDateRangeKpi', `${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1`)).toBe(true);
    expect(result.findings).toEqual([finding('PinpointAnalyticsWildcardAction', 'AllButSend')]);
    expect(result.violations[0].description).toContain('through NotAction "mobiletargeting:Send*"');
    expect(result.violations[0].suggestedFix).toContain('instead of NotAction');
  });

  test('a wildcard or NotAction that allows no analytics read passes', () => {
    const { app, role } = setup();
    allow(role, { actions: ['mobiletargeting:Send*'], resources: [`${ARN}:apps/${PROJECT_ID}/messages`] });
    allow(role, { notActions: ['mobiletargeting:Get*'], resources: [`${ARN}:apps/${PROJECT_ID}/messages`] });
    // A wildcard that would match analytics, on resources no analytics read applies to.
    allow(role, { actions: ['mobiletargeting:Get*'], resources: [`${ARN}:apps/${PROJECT_ID}/segments/*`] });
    expect(synthWithValidator(app).findings).toEqual([]);
  });
});

describe('rule PinpointAnalyticsBroadResource', () => {
  test("the developer guide's resources pass, every project and every region included", () => {
    const { app, role } = setup();
    allow(role, {
      actions: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:GetCampaignDateRangeKpi'],
      resources: [`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/kpis/*`, `${ARN}:apps/*/campaigns/*/kpis/daterange/email-open-rate`],
    });
    allow(role, { actions: ['mobiletargeting:GetReports'], resources: [`${ARN}:reports`] });
    expect(synthWithValidator(app).findings).toEqual([]);
  });

  test.each([
    ['Resource "*"', '*'],
    ['every resource of the service', `${ARN}:*`],
    ['apps/*', `${ARN}:apps/*`],
    ['apps/<project>/*', `${ARN}:apps/${PROJECT_ID}/*`],
    ['every account', `arn:aws:mobiletargeting:${REGION}:*:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`],
  ])('fails on %s with a KPI action', (_name, resource) => {
    const { app, role } = setup();
    allow(role, { sid: 'Broad', actions: ['mobiletargeting:GetCampaignDateRangeKpi'], resources: [resource] });
    const result = synthWithValidator(app);
    expect(result.failed).toBe(true);
    expect(result.findings).toEqual([finding('PinpointAnalyticsBroadResource', 'Broad')]);
    expect(result.violations[0].description).toContain(`on "${resource}", broader than the analytics resources`);
  });

  test('fails on NotResource', () => {
    const { app, role } = setup();
    allow(role, { sid: 'AllBut', actions: ['mobiletargeting:GetJourneyExecutionMetrics'], notResources: [`${ARN}:apps/other/*`] });
    const result = synthWithValidator(app);
    expect(result.findings).toEqual([finding('PinpointAnalyticsBroadResource', 'AllBut')]);
    expect(result.violations[0].description).toContain(`on every resource but NotResource "${ARN}:apps/other/*"`);
  });

  test('a broad resource of an action that is not an analytics read passes', () => {
    const { app, role } = setup();
    allow(role, { actions: ['mobiletargeting:GetCampaign', 'mobiletargeting:GetSegment'], resources: [`${ARN}:apps/${PROJECT_ID}/*`] });
    expect(synthWithValidator(app).findings).toEqual([]);
  });
});

describe('rule PinpointAnalyticsWithWriteAction', () => {
  test('analytics reads with other reads, and writes in a statement of their own, pass', () => {
    const { app, role } = setup();
    allow(role, {
      actions: ['mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:GetCampaign', 'mobiletargeting:GetCampaigns'],
      resources: [`${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`, `${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}`],
    });
    allow(role, { actions: ['mobiletargeting:SendMessages'], resources: [`${ARN}:apps/${PROJECT_ID}/messages`] });
    expect(synthWithValidator(app).findings).toEqual([]);
  });

  test('fails on an analytics read together with a send action (an action the reference lacks counts as a read)', () => {
    const { app, role } = setup();
    allow(role, {
      sid: 'ReadAndSend',
      actions: ['mobiletargeting:GetApplicationDateRangeKpi', 'mobiletargeting:SendMessages', 'mobiletargeting:SendFutureThing'],
      resources: [PROJECT_KPIS, `${ARN}:apps/${PROJECT_ID}/messages`],
    });
    const result = synthWithValidator(app);
    expect(result.findings).toEqual([finding('PinpointAnalyticsWithWriteAction', 'ReadAndSend')]);
    expect(result.violations[0].description).toContain('together with 1 mobiletargeting actions that change Pinpoint or send ' +
      'messages (mobiletargeting:SendMessages)');
  });

  test('fails on an analytics read together with writes allowed through a wildcard, listing the first five', () => {
    const { app, role } = setup();
    allow(role, {
      sid: 'ReadAndUpdate',
      actions: ['mobiletargeting:GetCampaignDateRangeKpi', 'mobiletargeting:Update*', 'mobiletargeting:Delete*'],
      resources: [`${ARN}:apps/${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`, `${ARN}:apps/${PROJECT_ID}/*`],
    });
    const result = synthWithValidator(app);
    expect(result.findings).toEqual([
      finding('PinpointAnalyticsBroadResource', 'ReadAndUpdate'),
      finding('PinpointAnalyticsWithWriteAction', 'ReadAndUpdate'),
    ]);
    expect(result.violations.find((v) => v.ruleName.startsWith('PinpointAnalyticsWithWriteAction')).description)
      .toMatch(/together with \d+ mobiletargeting actions that change Pinpoint or send messages \(mobiletargeting:Delete\w+, (mobiletargeting:\w+, ){3}mobiletargeting:\w+, \.\.\.\)/);
  });
});

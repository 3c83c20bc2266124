/**
 * PinpointAccessValidator: the rules (a compliant and a non-compliant case for each), an app with hand-written
 * statements of each kind beside the library's grants, acknowledgements on the floor and on newer aws-cdk-lib, and
 * the library's own statements, which never break a rule.
 */
import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAccessValidator,
  PinpointAnalyticsReadPolicy,
} from '../../lib';
import {
  ACCOUNT,
  ACKNOWLEDGEMENTS_ARE_SCOPED,
  CAMPAIGN_ID,
  envAgnosticStack,
  identityPoliciesOf,
  isAllowed,
  JOURNEY_ID,
  newFunction,
  newGroup,
  newRole,
  newUser,
  OTHER_ACCOUNT,
  OTHER_REGION,
  PROJECT_ID,
  REGION,
  removeTestOutdirs,
  synthWithValidator,
  templateIn,
  testAppWithOutdir,
  testOutdir,
  testStack,
} from '../support';

afterEach(removeTestOutdirs);

const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
const PROJECT_KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;

/** An app, a stack and a role to write statements into. */
function setup() {
  const app = testAppWithOutdir();
  const stack = testStack(app);
  const role = newRole(stack, 'Role');
  Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W2512', reason: 'The tests write NotAction on purpose' });
  return { app, stack, role };
}

/** Adds a statement to `role`'s default policy. */
function allow(role: iam.Role, props: iam.PolicyStatementProps): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement(props));
}

const finding = (rule: string, statement: string) => `${rule}[TestStack/Role/DefaultPolicy#${statement}]`;

describe('PinpointAccessValidator', () => {
  test('is a policy validation plugin named PinpointAccessValidator with three rules', () => {
    const validator = new PinpointAccessValidator();
    expect(validator.name).toBe('PinpointAccessValidator');
    expect(validator.ruleIds).toEqual(['PinpointAnalyticsWildcardAction', 'PinpointAnalyticsBroadResource', 'PinpointAnalyticsWithWriteAction']);
  });
});

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

describe('an app with hand-written statements of each kind and the library grants', () => {
  /** The acceptance app of issue 12: each rule broken once by hand, beside every construct of the library. */
  function acceptanceApp(): { app: App; stack: Stack; handWritten: string[] } {
    const { app, stack, role } = setup();
    const dashboard = newRole(stack, 'Dashboard');
    new PinpointAnalyticsReadPolicy(stack, 'ReadAll', { projectIds: [PROJECT_ID], includeConsoleReports: true }).grantTo(dashboard);
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(dashboard);
    new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(newUser(stack, 'Analyst'));
    allow(role, { sid: 'Wildcard', actions: ['mobiletargeting:Get*'], resources: [PROJECT_KPIS] });
    allow(role, { sid: 'NotAction', notActions: ['mobiletargeting:Delete*'], resources: [`${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*`] });
    allow(role, { sid: 'Star', actions: ['mobiletargeting:GetJourneyDateRangeKpi'], resources: ['*'] });
    allow(role, { sid: 'AllApps', actions: ['mobiletargeting:GetApplicationDateRangeKpi'], resources: [`${ARN}:apps/*`] });
    allow(role, { sid: 'Project', actions: ['mobiletargeting:GetCampaignDateRangeKpi'], resources: [`${ARN}:apps/${PROJECT_ID}/*`] });
    allow(role, {
      sid: 'Mixed',
      actions: ['mobiletargeting:GetJourneyExecutionMetrics', 'mobiletargeting:UpdateJourney'],
      resources: [`${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}`, `${ARN}:apps/${PROJECT_ID}/journeys/${JOURNEY_ID}/execution-metrics`],
    });
    const handWritten = [
      finding('PinpointAnalyticsWildcardAction', 'Wildcard'),
      finding('PinpointAnalyticsWildcardAction', 'NotAction'),
      finding('PinpointAnalyticsBroadResource', 'Star'),
      finding('PinpointAnalyticsBroadResource', 'AllApps'),
      finding('PinpointAnalyticsBroadResource', 'Project'),
      finding('PinpointAnalyticsWithWriteAction', 'Mixed'),
    ].sort();
    return { app, stack, handWritten };
  }

  test('fails synthesis naming exactly the hand-written statements', () => {
    // GIVEN
    const { app, handWritten } = acceptanceApp();
    // WHEN
    const result = synthWithValidator(app);
    // THEN
    expect(result.failed).toBe(true);
    expect(result.findings).toEqual(handWritten);
    expect(result.violations.every((v) => v.violatingConstructs[0].constructPath === 'TestStack/Role/DefaultPolicy/Resource')).toBe(true);
    for (const id of handWritten) {
      expect(result.message).toContain(`Acknowledge with 'PinpointAccessValidator::${id}'`);
    }
  });

  test('acknowledging one finding with the ID printed after "Acknowledge with" removes it and only it', () => {
    // GIVEN
    const { app, stack, handWritten } = acceptanceApp();
    const acknowledged = finding('PinpointAnalyticsBroadResource', 'Star');
    // WHEN acknowledged on the role, an ancestor of the policy (the scope that works on every version)
    Validations.of(stack.node.findChild('Role')).acknowledge({
      id: `PinpointAccessValidator::${acknowledged}`,
      reason: 'Journey KPIs of every project are read by the reporting job',
    });
    // THEN
    const result = synthWithValidator(app);
    expect(result.failed).toBe(true);
    expect(result.acknowledged).toEqual([acknowledged]);
    expect(result.findings).toEqual(handWritten.filter((id) => id !== acknowledged));
    // The report names the acknowledgement and its reason.
    expect(result.report.findings.find((f: any) => f.id === acknowledged).acknowledgements)
      .toEqual([{ at: 'TestStack/Role', reason: 'Journey KPIs of every project are read by the reporting job' }]);
  });

  test('acknowledging every finding lets synthesis pass', () => {
    const { app, stack, handWritten } = acceptanceApp();
    Validations.of(stack).acknowledge(...handWritten.map((id) => ({ id: `PinpointAccessValidator::${id}`, reason: 'migrating' })));
    const result = synthWithValidator(app);
    expect(result.failed).toBe(false);
    expect(result.acknowledged).toEqual(handWritten);
  });

  test(`an acknowledgement on a construct the finding is not under: ${ACKNOWLEDGEMENTS_ARE_SCOPED ? 'ignored (newer aws-cdk-lib)' : 'applies (aws-cdk-lib 2.262)'}`, () => {
    const { app, stack, handWritten } = acceptanceApp();
    const acknowledged = finding('PinpointAnalyticsWildcardAction', 'Wildcard');
    // The finding is about the role's policy; the acknowledgement is on another role.
    Validations.of(stack.node.findChild('Dashboard')).acknowledge({ id: `PinpointAccessValidator::${acknowledged}`, reason: 'elsewhere' });
    const result = synthWithValidator(app);
    if (ACKNOWLEDGEMENTS_ARE_SCOPED) {
      expect(result.findings).toEqual(handWritten);
    } else {
      expect(result.findings).toEqual(handWritten.filter((id) => id !== acknowledged));
    }
  });

  test('an acknowledgement without the plugin name matches nothing', () => {
    const { app, stack, handWritten } = acceptanceApp();
    Validations.of(stack).acknowledge({ id: finding('PinpointAnalyticsWildcardAction', 'Wildcard'), reason: 'no prefix' });
    expect(synthWithValidator(app).findings).toEqual(handWritten);
  });
});

describe("the library's own statements never break a rule", () => {
  test('every construct and option, granted to roles, users, groups, a Lambda function and an imported role', () => {
    // GIVEN
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const agnostic = envAgnosticStack(app);
    const grantees = (scope: Stack, id: string) => [
      newRole(scope, `${id}Role`),
      newUser(scope, `${id}User`),
      newGroup(scope, `${id}Group`),
      newFunction(scope, `${id}Function`),
      iam.Role.fromRoleArn(scope, `${id}Imported`, `arn:aws:iam::${ACCOUNT}:role/Existing${id}`),
    ];
    const readPolicyProps = [
      {},
      { projectIds: [PROJECT_ID, 'p2'] },
      { regions: ['*'], includeConsoleReports: true },
      { regions: [REGION, OTHER_REGION], account: OTHER_ACCOUNT },
      { metrics: [AnalyticsMetrics.APPLICATION_KPIS], applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.of('new-kpi')] },
      ...Object.values(AnalyticsMetrics).map((metric) => ({ metrics: [metric] })),
      { managedPolicyName: 'ReadAnalytics', description: 'Pinpoint analytics' },
    ];
    const campaignProps = [{}, { kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.of('new-kpi')] }, { region: OTHER_REGION, account: OTHER_ACCOUNT }];
    const journeyProps = [
      {},
      { kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED], activityIds: ['welcome-email', 'reminder'] },
      ...[AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS]
        .map((metric) => ({ metrics: [metric] })),
    ];
    for (const scope of [stack, agnostic]) {
      readPolicyProps.forEach((props, i) => grantees(scope, `Read${i}`)
        .forEach((grantee) => new PinpointAnalyticsReadPolicy(scope, `Read${i}${grantee.node.id}`, props).grantTo(grantee)));
      campaignProps.forEach((props, i) => grantees(scope, `Campaign${i}`).forEach((grantee) =>
        new CampaignKpiGrant(scope, `Campaign${i}${grantee.node.id}`, { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, ...props }).grantTo(grantee)));
      journeyProps.forEach((props, i) => grantees(scope, `Journey${i}`).forEach((grantee) =>
        new JourneyMetricsGrant(scope, `Journey${i}${grantee.node.id}`, { projectId: PROJECT_ID, journeyId: JOURNEY_ID, ...props }).grantTo(grantee)));
    }
    // Tokens: an L1 project and campaign, and a parameter.
    const project = new pinpoint.CfnApp(stack, 'Project', { name: 'spring-sale' });
    const campaign = new pinpoint.CfnCampaign(stack, 'SpringSale', {
      applicationId: project.ref,
      name: 'spring-sale',
      segmentId: 'segment',
      schedule: { startTime: 'IMMEDIATE' },
      messageConfiguration: { emailMessage: { title: 'Spring sale', body: 'Hello' } },
    });
    const role = (id: string) => newRole(stack, id);
    const tokenRole = role('Tokens');
    new PinpointAnalyticsReadPolicy(stack, 'TokenProjects', { projectIds: [project.ref, new CfnParameter(stack, 'ProjectId').valueAsString] })
      .grantTo(tokenRole);
    CampaignKpiGrant.fromCfnCampaign(stack, 'TokenCampaign', campaign).grantTo(tokenRole);
    Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'L1 Pinpoint resources on purpose' });
    // Statements handed out for a document of one's own, and hundreds of grants split into OverflowPolicy.
    new iam.ManagedPolicy(stack, 'OwnPolicy', {
      statements: new PinpointAnalyticsReadPolicy(stack, 'Handed', { projectIds: [PROJECT_ID] }).toPolicyStatements(),
      roles: [role('Own')],
    });
    const many = role('Many');
    for (let i = 0; i < 150; i++) {
      new CampaignKpiGrant(stack, `Many${i}`, { projectId: PROJECT_ID, campaignId: `c${String(i).padStart(31, '0')}` }).grantTo(many);
    }

    // WHEN
    const result = synthWithValidator(app);

    // THEN no finding, and the report lists every principal that received a grant
    expect(result.message).toBe('');
    expect(result.findings).toEqual([]);
    const names = new Set(result.report.principals.map((p: any) => p.name));
    for (const construct of [...stack.node.findAll(), ...agnostic.node.findAll()]) {
      if (construct instanceof iam.Role || construct instanceof iam.User || construct instanceof iam.Group) {
        expect(names).toContain(construct.node.path);
      }
    }
    expect(names).toContain('ExistingRead0');
    expect(result.report.principals.every((p: any) => p.allows.every((a: any) => a.analyticsRead && a.endOfSupport === 'ended'))).toBe(true);
  });

  test('both example apps', () => {
    for (const example of ['analytics-dashboard', 'l1-resources']) {
      // The example's App synthesizes into CDK_OUTDIR, as under the CDK CLI.
      process.env.CDK_OUTDIR = testOutdir();
      // Loaded here, after CDK_OUTDIR is set: the example creates its App when it is loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const app: App = require(`../../examples/${example}/app`).app;
      delete process.env.CDK_OUTDIR;
      const result = synthWithValidator(app, { addPlugin: false });
      expect({ example, message: result.message, findings: result.findings }).toEqual({ example, message: '', findings: [] });
      expect(result.report.principals.length).toBeGreaterThan(0);
    }
  });
});

/**
 * PinpointAccessValidator, the access check for a whole app, as users add it: a validation plugin whose findings fail
 * synthesis and are acknowledged by the IDs it prints, and which finds nothing in what this library grants. (Its rules,
 * the policies it reads, its report: the tests of lib/private/access-check/, beside this file's folder.)
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
  allow,
  appWithRole as setup,
  CAMPAIGN_ID,
  envAgnosticStack,
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
  roleFinding as finding,
  synthWithValidator,
  testAppWithOutdir,
  testOutdir,
  testStack,
  PINPOINT_ARN as ARN,
} from '../support';

afterEach(removeTestOutdirs);

/**
 * PinpointAccessValidator: an app with hand-written statements of each kind beside the library's grants,
 * acknowledgements on the floor and on newer aws-cdk-lib, and the library's own statements, which never break a rule.
 * (Each rule on its own, a compliant and a non-compliant case: private/access-check/rules/rules.test.ts.)
 */
describe('its rules', () => {
  const PROJECT_KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;

  describe('PinpointAccessValidator', () => {
    test('is a policy validation plugin named PinpointAccessValidator with six rules', () => {
      const validator = new PinpointAccessValidator();
      expect(validator.name).toBe('PinpointAccessValidator');
      expect(validator.ruleIds).toEqual(['PinpointAnalyticsWildcardAction', 'PinpointAnalyticsBroadResource', 'PinpointAnalyticsWithWriteAction',
        'PinpointAnalyticsUndecidedResource', 'PinpointAnalyticsUndecidedAction', 'PinpointAccessUnreadableStatement']);
    });
  });

  describe('an app with hand-written statements of each kind and the library grants', () => {
    /** An app with each rule broken once by hand, beside every construct of the library. */
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
});


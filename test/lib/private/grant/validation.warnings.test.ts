/**
 * Warnings with IDs of their own, each acknowledged with `Annotations.of(scope).acknowledgeWarning(id)` on the construct
 * that carries it (the granting construct, or the app reference of `PinpointAnalyticsGrants`), and no other:
 *
 * - `cdk-pinpoint-analytics-grants:unknownKpi`: a KPI name (`CampaignKpi.of`, `ApplicationKpi.of`, `JourneyKpi.of`)
 *   that the developer guide does not define, naming the closest one that it does;
 * - `cdk-pinpoint-analytics-grants:otherAccount`: the analytics of one account granted to a principal whose policies
 *   are in another, which no identity policy can reach (Amazon Pinpoint has no resource-based policies).
 *
 * Under aws-cdk-lib's defaults and the flags of a new app; the evaluator confirms that such a grant allows nothing.
 * (Both warnings are lib/private/grant/validation.ts's.)
 */
import { Annotations as CoreAnnotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { IConstruct } from 'constructs';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsGrants,
  PinpointAnalyticsReadPolicy,
} from '../../../../lib';
import {
  ACCOUNT,
  arns,
  CAMPAIGN_ID,
  decide,
  envAgnosticStack,
  FLAG_SETS,
  GET_CAMPAIGN_KPI,
  identityPoliciesOf,
  JOURNEY_ID,
  logicalIdOf,
  mobiletargetingStatements,
  newRole,
  OTHER_ACCOUNT,
  PROJECT_ID,
  REGION,
  removeTestOutdirs,
  synthesizeValidated,
  templateOf,
  testApp,
  testAppWithOutdir,
  testStack,
  warningsOf,
} from '../../../support';

const UNKNOWN_KPI = 'cdk-pinpoint-analytics-grants:unknownKpi';
const OTHER_ACCOUNT_ID = 'cdk-pinpoint-analytics-grants:otherAccount';

/** The message of an unknown-KPI warning, after the subject. */
function unknownKpi(property: string, name: string, what: string, closestName: string, closest: string): string {
  return `${property} is "${name}": the Amazon Pinpoint developer guide defines no ${what} of that name, so the grant ` +
    `allows a resource that no request reads. The closest defined KPI is "${closestName}" (${closest}). If the name is ` +
    `right, acknowledge this warning. [ack: ${UNKNOWN_KPI}]`;
}

describe.each(FLAG_SETS)('with $name', (flags) => {
  const stackWith = () => testStack(testApp(flags.context));

  describe('a KPI name the developer guide does not define', () => {
    const CASES = [
      ['CampaignKpiGrant kpis', (stack: Stack) => new CampaignKpiGrant(stack, 'Grant', {
        projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.SMS_SPEND, CampaignKpi.of('email-open-rte')],
      }), `/TestStack/Grant: CampaignKpiGrant 'TestStack/Grant': ${unknownKpi('kpis[1]', 'email-open-rte', 'campaign KPI',
        'email-open-rate', 'CampaignKpi.EMAIL_OPEN_RATE')}`],
      ['JourneyMetricsGrant kpis', (stack: Stack) => new JourneyMetricsGrant(stack, 'Grant', {
        projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: [JourneyKpi.of('journey-email-opened')],
      }), `/TestStack/Grant: JourneyMetricsGrant 'TestStack/Grant': ${unknownKpi('kpis[0]', 'journey-email-opened', 'journey KPI',
        'journey-emails-opened', 'JourneyKpi.JOURNEY_EMAILS_OPENED')}`],
      ['PinpointAnalyticsReadPolicy applicationKpis', (stack: Stack) => new PinpointAnalyticsReadPolicy(stack, 'Grant', {
        applicationKpis: [ApplicationKpi.of('txn-sms-send')],
      }), `/TestStack/Grant: PinpointAnalyticsReadPolicy 'TestStack/Grant': ${unknownKpi('applicationKpis[0]', 'txn-sms-send',
        'project KPI', 'txn-sms-sent', 'ApplicationKpi.TXN_SMS_SENT')}`],
      ['PinpointAnalyticsGrants.readCampaignKpis kpis', (stack: Stack) => {
        const project = pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID);
        PinpointAnalyticsGrants.fromApp(project).readCampaignKpis(newRole(stack, 'Reader'), CAMPAIGN_ID, { kpis: [CampaignKpi.of('sms-spnd')] });
        return project;
      }, `/TestStack/Project: PinpointAnalyticsGrants.readCampaignKpis (app 'TestStack/Project'): ${unknownKpi('kpis[0]', 'sms-spnd',
        'campaign KPI', 'sms-spend', 'CampaignKpi.SMS_SPEND')}`],
    ] as const;

    test.each(CASES)('%s: a warning on the construct naming the closest KPI; the name is granted as given', (_, make, warning) => {
      // GIVEN / WHEN
      const stack = stackWith();
      const grant = make(stack);
      if (grant instanceof CampaignKpiGrant || grant instanceof JourneyMetricsGrant || grant instanceof PinpointAnalyticsReadPolicy) {
        grant.grantTo(newRole(stack, 'Reader'));
      }
      // THEN
      expect(warningsOf(stack)).toEqual([warning]);
      const name = warning.match(/ is "([a-z-]+)": /)![1];
      expect(JSON.stringify(mobiletargetingStatements(templateOf(stack)))).toContain(`/kpis/daterange/${name}`);
    });

    test.each(CASES)('%s: acknowledged on the construct that carries it, it is gone', (_, make) => {
      const stack = stackWith();
      newRole(stack, 'Anchor');
      const grant: IConstruct = make(stack);
      CoreAnnotations.of(grant).acknowledgeWarning(UNKNOWN_KPI, 'a KPI AWS added after the guide');
      expect(warningsOf(stack)).toEqual([]);
    });

    test('acknowledging the other warning ID leaves it', () => {
      const stack = stackWith();
      newRole(stack, 'Anchor');
      const grant = CASES[0][1](stack);
      CoreAnnotations.of(grant).acknowledgeWarning(OTHER_ACCOUNT_ID, 'not this one');
      expect(warningsOf(stack)).toEqual([CASES[0][2]]);
    });
  });

  test('every constant of every KPI class, and a defined name given to of(), raise no warning', () => {
    const stack = stackWith();
    const constants = <T>(type: object) => Object.values(type).filter((v): v is T => typeof v === 'object' && v !== null);
    const reader = newRole(stack, 'Reader');
    new CampaignKpiGrant(stack, 'Campaign', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [...constants<CampaignKpi>(CampaignKpi), CampaignKpi.of('sms-spend')],
    }).grantTo(reader);
    new JourneyMetricsGrant(stack, 'Journey', {
      projectId: PROJECT_ID, journeyId: JOURNEY_ID, kpis: [...constants<JourneyKpi>(JourneyKpi), JourneyKpi.of('journey-emails-sent')],
    }).grantTo(reader);
    // (16 project KPIs a policy: all 48 in one would be larger than a managed policy may be)
    const applicationKpis = [...constants<ApplicationKpi>(ApplicationKpi), ApplicationKpi.of('txn-sms-sent')];
    for (let i = 0; i < applicationKpis.length; i += 16) {
      new PinpointAnalyticsReadPolicy(stack, `Read${i}`, { projectIds: [PROJECT_ID], applicationKpis: applicationKpis.slice(i, i + 16) })
        .grantTo(reader);
    }
    expect(constants(CampaignKpi)).toHaveLength(18);
    expect(warningsOf(stack)).toEqual([]);
  });

  describe('a grant of another account\'s analytics', () => {
    /** The message of an other-account warning, after the subject. */
    const otherAccount = (subject: string, to: string, policyAccount = ACCOUNT, analyticsAccount = OTHER_ACCOUNT) =>
      `${subject} grants the analytics of account ${analyticsAccount} to '${to}', whose policies are in account ` +
      `${policyAccount}. Amazon Pinpoint has no resource-based policies, so an identity policy of account ${policyAccount} ` +
      "can never allow reading another account's analytics: this grant cannot take effect. Grant to a role of account " +
      `${analyticsAccount} (in a stack of that account) instead, and let the principals that need the analytics assume ` +
      `that role. [ack: ${OTHER_ACCOUNT_ID}]`;

    test.each([
      ['CampaignKpiGrant', (stack: Stack, account?: string) =>
        new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account })],
      ['JourneyMetricsGrant', (stack: Stack, account?: string) =>
        new JourneyMetricsGrant(stack, 'Grant', { projectId: PROJECT_ID, journeyId: JOURNEY_ID, account })],
    ] as const)('%s with the account of another: a warning at grantTo, naming both accounts, and no access', async (construct, make) => {
      // GIVEN a grant on the project of another account, WHEN granted to a role of this stack's account
      const stack = stackWith();
      const role = newRole(stack, 'Reader');
      make(stack, OTHER_ACCOUNT).grantTo(role);
      // THEN a warning that says why it cannot take effect and what to do
      expect(warningsOf(stack)).toEqual([`/TestStack/Grant: ${otherAccount(`${construct} 'TestStack/Grant'`, 'TestStack/Reader')}`]);
      // and the evaluator agrees: the role's own policy allows the other account's ARN, but the request is denied
      const policies = identityPoliciesOf(templateOf(stack), logicalIdOf(role));
      expect(JSON.stringify(policies)).toContain(`:${OTHER_ACCOUNT}:apps/${PROJECT_ID}/`);
      expect(await decide(policies, GET_CAMPAIGN_KPI, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'sms-spend', REGION, OTHER_ACCOUNT), ACCOUNT))
        .not.toBe('Allowed');
    });

    test.each([
      ['the stack\'s account, given', ACCOUNT],
      ['no account (the stack\'s)', undefined],
    ])('a CampaignKpiGrant with %s: no warning', (_, account) => {
      const stack = stackWith();
      new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account }).grantTo(newRole(stack, 'Reader'));
      expect(warningsOf(stack)).toEqual([]);
    });

    test('a CampaignKpiGrant of another account granted to a role in a stack of that account: no warning, the right way', () => {
      const app = testApp(flags.context);
      const here = testStack(app, 'Here');
      newRole(here, 'Anchor');
      const there = testStack(app, 'There', { account: OTHER_ACCOUNT, region: REGION });
      new CampaignKpiGrant(here, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT })
        .grantTo(newRole(there, 'Reader'));
      expect([...warningsOf(here), ...warningsOf(there)]).toEqual([]);
    });

    test('a CampaignKpiGrant of this account granted to a role of a stack of another account: a warning', () => {
      const app = testApp(flags.context);
      const here = testStack(app, 'Here');
      newRole(here, 'Anchor');
      const there = testStack(app, 'There', { account: OTHER_ACCOUNT, region: REGION });
      new CampaignKpiGrant(here, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID }).grantTo(newRole(there, 'Reader'));
      expect(warningsOf(here)).toEqual([`/Here/Grant: ${otherAccount("CampaignKpiGrant 'Here/Grant'", 'There/Reader', OTHER_ACCOUNT, ACCOUNT)}`]);
    });

    test('in an environment-agnostic stack, whose account is unknown at synth: no warning', () => {
      const stack = envAgnosticStack(testApp(flags.context));
      new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT })
        .grantTo(newRole(stack, 'Reader'));
      new PinpointAnalyticsReadPolicy(stack, 'Read', { account: OTHER_ACCOUNT });
      expect(warningsOf(stack)).toEqual([]);
    });

    test('a PinpointAnalyticsReadPolicy with the account of another: a warning when it is made, granted or not', () => {
      const stack = stackWith();
      new PinpointAnalyticsReadPolicy(stack, 'Read', { account: OTHER_ACCOUNT, metrics: [AnalyticsMetrics.APPLICATION_KPIS] });
      new PinpointAnalyticsReadPolicy(stack, 'Own', { account: ACCOUNT });
      expect(warningsOf(stack)).toEqual(['/TestStack/Read: PinpointAnalyticsReadPolicy \'TestStack/Read\': account is ' +
        `"${OTHER_ACCOUNT}", but the managed policy is created in account ${ACCOUNT}, and only principals of that account ` +
        `can be given it. Amazon Pinpoint has no resource-based policies, so an identity policy of account ${ACCOUNT} can ` +
        "never allow reading another account's analytics: this grant cannot take effect. Create the policy in a stack of " +
        `account ${OTHER_ACCOUNT}, grant it to a role there, and let the principals that need the analytics assume that ` +
        `role. [ack: ${OTHER_ACCOUNT_ID}]`]);
    });

    test.each(['readAnalytics', 'readCampaignKpis', 'readJourneyMetrics'] as const)(
      'PinpointAnalyticsGrants.%s on a project imported from another account\'s ARN: a warning on the app reference', (method) => {
        const stack = stackWith();
        const project = pinpoint.CfnApp.fromAppArn(stack, 'Project', `arn:aws:mobiletargeting:${REGION}:${OTHER_ACCOUNT}:apps/${PROJECT_ID}`);
        const grants = PinpointAnalyticsGrants.fromApp(project);
        const role = newRole(stack, 'Reader');
        if (method === 'readAnalytics') {
          grants.readAnalytics(role);
        } else if (method === 'readCampaignKpis') {
          grants.readCampaignKpis(role, CAMPAIGN_ID);
        } else {
          grants.readJourneyMetrics(role, JOURNEY_ID);
        }
        expect(warningsOf(stack)).toEqual([`/TestStack/Project: ${otherAccount(
          `PinpointAnalyticsGrants.${method} (app 'TestStack/Project')`, 'TestStack/Reader')}`]);
      });

    test('PinpointAnalyticsGrants on a project of this account\'s ARN: no warning', () => {
      const stack = stackWith();
      const project = pinpoint.CfnApp.fromAppArn(stack, 'Project', `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/${PROJECT_ID}`);
      PinpointAnalyticsGrants.fromApp(project).readAnalytics(newRole(stack, 'Reader'));
      expect(warningsOf(stack)).toEqual([]);
    });

    test('acknowledged on the construct that carries it, after grantTo, it is gone; acknowledging unknownKpi does not', () => {
      const stack = stackWith();
      const role = newRole(stack, 'Reader');
      const acknowledged = new CampaignKpiGrant(stack, 'Acknowledged', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT });
      acknowledged.grantTo(role);
      CoreAnnotations.of(acknowledged).acknowledgeWarning(OTHER_ACCOUNT_ID, 'a role of that account assumes this one');
      const other = new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT });
      other.grantTo(role);
      CoreAnnotations.of(other).acknowledgeWarning(UNKNOWN_KPI, 'not this one');
      expect(warningsOf(stack)).toEqual([`/TestStack/Grant: ${otherAccount("CampaignKpiGrant 'TestStack/Grant'", 'TestStack/Reader')}`]);
    });

    test('acknowledged on the stack before the grant, it is never raised', () => {
      const stack = stackWith();
      CoreAnnotations.of(stack).acknowledgeWarning(OTHER_ACCOUNT_ID, 'roles of that account assume ours');
      new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT })
        .grantTo(newRole(stack, 'Reader'));
      expect(warningsOf(stack)).toEqual([]);
    });
  });
});

describe.each(FLAG_SETS)('in the validation report, with $name', (flags) => {
  const inReport = flags.context['@aws-cdk/core:annotationsInValidationReport'] === true;

  test.each([false, true])(`${inReport ? 'a violation Annotation::<id>' : 'nothing'} (acknowledged: %s)`, (acknowledged) => {
    // GIVEN an app that synthesizes as cdk synth does, with its validation report
    const app = testAppWithOutdir(flags.context);
    const stack = testStack(app);
    const grant = new CampaignKpiGrant(stack, 'Grant', {
      projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT, kpis: [CampaignKpi.of('email-open-rte')],
    });
    grant.grantTo(newRole(stack, 'Reader'));
    if (acknowledged) {
      CoreAnnotations.of(grant).acknowledgeWarning(UNKNOWN_KPI, 'a KPI AWS added after the guide');
      CoreAnnotations.of(grant).acknowledgeWarning(OTHER_ACCOUNT_ID, 'a role of that account assumes this one');
    }
    // WHEN
    const { error, violations } = synthesizeValidated(app);
    // THEN the new app's flags put each warning in the report, by its ID, and an acknowledgement takes it out
    expect(error).toBeUndefined();
    const expected = inReport && !acknowledged ? [OTHER_ACCOUNT_ID, UNKNOWN_KPI] : [];
    expect(violations).toEqual(expected.map((id) => ({
      plugin: 'Construct Annotations', rule: `Annotation::${id}`, severity: 'warning', path: 'TestStack/Grant',
    })));
  });
  afterEach(removeTestOutdirs);
});

test('the grantee of a grant that lands nowhere (a service principal) gets no other-account warning: it has no policies', () => {
  const stack = testStack();
  newRole(stack, 'Anchor');
  new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, account: OTHER_ACCOUNT })
    .grantTo(new iam.ServicePrincipal('lambda.amazonaws.com'));
  expect(warningsOf(stack).map((warning) => warning.replace(/^.*\[ack: (.*)\]$/, '$1'))).toEqual(['cdk-pinpoint-analytics-grants:nothingGranted']);
});

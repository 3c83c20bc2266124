/**
 * The stacks of the consumer app (.ci/consumer.sh copies this file over the one `cdk init app --language typescript`
 * makes): every construct of the package, its Grants class, `PinpointAnalyticsStatements` and the KPI classes, used as
 * a user would, with a read policy in a stack of shared policies granted to roles of two other stacks.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import * as cdk from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAnalyticsGrants,
  PinpointAnalyticsReadPolicy,
  PinpointAnalyticsStatements,
} from 'cdk-pinpoint-analytics-grants';

/** The Amazon Pinpoint project, campaign and journey the teams read. */
export const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const CAMPAIGN_ID = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
export const OTHER_CAMPAIGN_ID = 'e1d2c3b4a5968778695a4b3c2d1e0f0a';
export const JOURNEY_ID = '0123456789abcdef0123456789abcdef';

/** One read policy that the teams of other stacks are granted. */
export class SharedPoliciesStack extends cdk.Stack {
  public readonly readPolicy: PinpointAnalyticsReadPolicy;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    this.readPolicy = new PinpointAnalyticsReadPolicy(this, 'ProjectAnalytics', {
      projectIds: [PROJECT_ID],
      metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
      applicationKpis: [ApplicationKpi.EMAIL_OPEN_RATE, ApplicationKpi.UNIQUE_DELIVERIES],
      includeConsoleReports: true,
    });
  }
}

export interface TeamStackProps extends cdk.StackProps {
  /** The shared read policy of `SharedPoliciesStack`. */
  readonly readPolicy: PinpointAnalyticsReadPolicy;
}

/** A dashboard team: a role with the shared policy, one campaign's KPIs and one journey's metrics. */
export class DashboardStack extends cdk.Stack {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TeamStackProps) {
    super(scope, id, props);

    this.role = new iam.Role(this, 'DashboardRole', { assumedBy: new iam.AccountRootPrincipal() });
    props.readPolicy.grantTo(this.role);

    new CampaignKpiGrant(this, 'SpringSaleKpis', {
      projectId: PROJECT_ID,
      campaignId: CAMPAIGN_ID,
      kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
    }).grantTo(this.role);
    new JourneyMetricsGrant(this, 'OnboardingJourney', {
      projectId: PROJECT_ID,
      journeyId: JOURNEY_ID,
      kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED],
      activityIds: ['welcome-email'],
    }).grantTo(this.role);
  }
}

/** A reporting team: a Lambda function with the shared policy, and analysts, granted through the project's Grants. */
export class ReportingStack extends cdk.Stack {
  public readonly reportingFunction: lambda.Function;
  public readonly analysts: iam.Group;

  constructor(scope: Construct, id: string, props: TeamStackProps) {
    super(scope, id, props);

    this.reportingFunction = new lambda.Function(this, 'ReportingFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    props.readPolicy.grantTo(this.reportingFunction);

    // The project, imported by its ID: one line per grant.
    const analytics = PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(this, 'Project', PROJECT_ID));
    analytics.readJourneyMetrics(this.reportingFunction, JOURNEY_ID, {
      metrics: [AnalyticsMetrics.JOURNEY_EXECUTION_METRICS, AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS],
    });

    this.analysts = new iam.Group(this, 'Analysts');
    analytics.readAnalytics(this.analysts, { metrics: [AnalyticsMetrics.JOURNEY_KPIS] });
    analytics.readCampaignKpis(this.analysts, CAMPAIGN_ID, { kpis: [CampaignKpi.SMS_SPEND] });

    // Two campaigns' KPIs in a managed policy of the team's own, merged into canonical statements.
    const campaigns = [CAMPAIGN_ID, OTHER_CAMPAIGN_ID].map((campaignId, i) =>
      new CampaignKpiGrant(this, `Campaign${i}`, { projectId: PROJECT_ID, campaignId }));
    new iam.ManagedPolicy(this, 'CampaignAnalytics', {
      groups: [this.analysts],
      statements: PinpointAnalyticsStatements.merge(campaigns),
    });
  }
}

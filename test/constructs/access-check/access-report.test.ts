/**
 * The access report beside the templates: its Markdown (a diagram, the findings, a table per principal) and JSON, and
 * how it is written when an earlier synthesis left one in the same directory.
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, PinpointAnalyticsReadPolicy } from '../../../lib';
import { writeDeferredReportFiles, writeReportFile } from '../../../lib/private/access-check/report-files';
import {
  ACCOUNT,
  newRole,
  newUser,
  PROJECT_ID,
  REGION,
  removeTestOutdirs,
  resultIn,
  synthWithValidator,
  testApp,
  testAppWithOutdir,
  testOutdir,
  testStack,
} from '../../support';

afterEach(removeTestOutdirs);

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
    expect(markdown).toMatch(/^# Amazon Pinpoint access\n\nWritten by `PinpointAccessValidator` at synthesis from `TestStack.template.json`/);
    expect(markdown).toContain('**2 principals with Pinpoint access**, **3 findings** (each fails `cdk synth` until it is fixed or acknowledged).');
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
    expect(markdown).toContain('| Finding | Acknowledge with | Fix |');
    expect(markdown).toContain('| `PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Sender-"ops"/DefaultPolicy#All]` |');
    expect(markdown).toContain(`### role \`TestStack/Dashboard\`\n\nDefined in \`TestStack.template.json\` as \`${stack.getLogicalId(dashboard.node.defaultChild as iam.CfnRole)}\`.\n`);
    expect(markdown).toContain('| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |');
    expect(markdown).toContain(`| \`mobiletargeting:GetReports\` | yes | ended (analytics) | \`${ARN}:reports\` | \`TestStack/Read/Resource#ViewAnalyticsConsoleReports\` |`);
    expect(markdown).toContain('| `mobiletargeting:SendOTPMessage` | no | continues (OTP) |');
    expect(markdown).toMatch(/## Sources\n\n- Actions, access levels and resource types: the Service Authorization Reference for Amazon Pinpoint, as packaged in @cloud-copilot\/iam-data \S+ \(data of \d{4}-\d\d-\d\d\)\.\n- End of support: AWS's page \[Amazon Pinpoint end of support\]\(https:\/\/docs.aws.amazon.com\/pinpoint\/latest\/userguide\/migrate.html\)/);
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
    expect(markdown).toContain('**0 principals with Pinpoint access**, **0 findings**.');
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
      .toContain('### role `ExistingDashboardRole`\n\nNot defined in these templates: named by a policy of the app.');
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

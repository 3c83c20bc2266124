/**
 * The access report as Markdown: a Mermaid diagram of principals and the projects their Pinpoint access applies to,
 * the findings, then one table per principal. Long lists of resources are cut; the JSON report has them all.
 */
import { AccessReport, ReportAction, ReportPrincipal } from './access-report';

/** Resources shown per action in a table cell; the JSON report has every one. */
const RESOURCES_SHOWN = 5;

/** The report as Markdown. */
export function reportMarkdown(report: AccessReport, jsonFile: string): string {
  const sar = report.sources.serviceAuthorizationReference;
  const managed = report.sources.awsManagedPolicies;
  const sam = report.sources.samPolicyTemplates;
  const eos = report.sources.endOfSupport;
  const lines = [
    `# ${report.title}`,
    '',
    `Written by \`${report.generator}\` from ${list(report.templates.map(code))}: every role, user and group ` +
      'that can use a `mobiletargeting` (Amazon Pinpoint) action, what it can do on what, whether the feature of each ' +
      `action ended with Amazon Pinpoint's end of support on ${eos.date}, and every policy source the check could not ` +
      `read. Everything is also in \`${jsonFile}\`.`,
    '',
    headline(report),
    '',
    ...diagram(report),
    ...findingsSection(report),
    ...notReadSection(report),
    '## Principals',
    '',
    ...(report.principals.length === 0 ? [nobody(report), ''] : []),
    ...report.principals.flatMap((principal) => principalSection(principal, report)),
    ...report.unattachedPolicies.flatMap((policy) => [
      `## Policy ${code(policy.policy)}, attached to no principal of these templates`,
      '',
      ...actionTable(policy.allows, 'Granted by'),
    ]),
    '## Sources',
    '',
    '- Actions, access levels and resource types: the Service Authorization Reference for Amazon Pinpoint, as packaged in ' +
      `${sar.package} ${sar.version} (data of ${sar.updatedAt}).`,
    `- AWS managed policies: ${managed.package} ${managed.version} (data of ${managed.dataDate}, licence ${managed.license}).`,
    `- SAM policy templates: ${sam.repository} \`${sam.path}\` at ${sam.commit.slice(0, 7)} (licence ${sam.license}).`,
    `- End of support: AWS's page [Amazon Pinpoint end of support](${eos.page}): "${eos.ended}" (here: ended), and ` +
      `"${eos.continues}" (here: continues). "unknown" wherever the page does not decide.`,
    '',
  ];
  return lines.join('\n');
}

/** The counts: principals, sources not read, open and acknowledged findings. */
function headline(report: AccessReport): string {
  const { principals, principalsWithAccess: withAccess, notRead, openFindings, acknowledgedFindings } = report.summary;
  const onlyNotRead = principals - withAccess;
  const errors = report.findings.filter((f) => f.severity === 'error' && f.acknowledgements.length === 0).length;
  return `**${count(withAccess, 'principal')} with Pinpoint access**` +
    `${onlyNotRead > 0 ? `, **${onlyNotRead} more with policies not read**` : ''}, ` +
    `**${count(notRead, 'policy source')} not read**, ` +
    `**${count(openFindings, 'open finding')}**${errors > 0 ? ` (${count(errors, 'error')})` : ''}, ` +
    `**${acknowledgedFindings} acknowledged**.`;
}

/** What the report says when no principal is listed: never "none" where something was not read. */
function nobody(report: AccessReport): string {
  const read = 'No role, user or group of these templates can use a `mobiletargeting` action';
  return report.notRead.length === 0 ? `${read}.`
    : `${read} through the policies the check read; ${count(report.notRead.length, 'policy source')} could not be read (see "Not read").`;
}

function notReadSection(report: AccessReport): string[] {
  if (report.notRead.length === 0) {
    return [];
  }
  return [
    '## Not read',
    '',
    'The check could not read these, so the access they give is not in this report. Review them yourself.',
    '',
    '| Not read | Kind | Where | Whose | Why |',
    '|---|---|---|---|---|',
    ...report.notRead.map((source) => `| ${code(source.source)} | ${source.kind} | ${code(source.where)} ` +
      `| ${source.principals.length > 0 ? source.principals.map(code).join('<br>') : 'the whole template'} | ${cell(source.reason)} |`),
    '',
  ];
}

function diagram(report: AccessReport): string[] {
  if (report.principals.length === 0) {
    return [];
  }
  const scopes = [...new Set(report.principals.flatMap((principal) => principal.scopes.map((scope) => scope.label)))].sort();
  const withFindings = report.principals.flatMap((principal, i) => (principal.findings.length > 0 ? [`p${i}`] : []));
  return [
    '```mermaid',
    'flowchart LR',
    ...report.principals.map((principal, i) => `  p${i}["${mermaid(`${principal.kind} ${principal.name}`)}"]`),
    ...scopes.map((label, i) => `  s${i}(["${mermaid(label)}"])`),
    ...report.principals.flatMap((principal, i) => principal.scopes.map((scope) => {
      const label = [
        ...(scope.analyticsReads > 0 ? [count(scope.analyticsReads, 'analytics read')] : []),
        ...(scope.otherActions > 0 ? [count(scope.otherActions, 'other action')] : []),
      ].join(', ');
      return `  p${i} -->|"${label}"| s${scopes.indexOf(scope.label)}`;
    })),
    ...(withFindings.length > 0 ? ['  classDef finding stroke:#d33,stroke-width:3px', `  class ${withFindings.join(',')} finding`] : []),
    '```',
    '',
  ];
}

function findingsSection(report: AccessReport): string[] {
  if (report.findings.length === 0) {
    return [];
  }
  return [
    '## Findings',
    '',
    'An open error fails `cdk synth`, and any open finding fails `pinpoint-access-check` (exit code 1), until it is fixed ' +
      'or acknowledged, with your reason, by the ID after "Acknowledge with": in a CDK app with ' +
      "`Validations.of(scope).acknowledge({ id: '<ID>', reason: '...' })`, in a template in a resource's `Metadata` " +
      '(`PinpointAccessValidator: { acknowledge: [{ id: <ID>, reason: ... }] }`).',
    '',
    '| Finding | Severity | Acknowledge with | Fix |',
    '|---|---|---|---|',
    ...report.findings.map((finding) => {
      const acknowledged = finding.acknowledgements
        .map((ack) => `<br>Acknowledged at ${code(ack.at)}: ${cell(ack.reason)}`).join('');
      const when = finding.onlyWhen ? ` (only when ${finding.onlyWhen.map(code).join(' and ')})` : '';
      return `| ${cell(finding.description)}${when}${acknowledged} | ${finding.acknowledgements.length > 0 ? `${finding.severity}, acknowledged` : finding.severity} ` +
        `| ${code(finding.acknowledgeWith)} | ${cell(finding.fix)} |`;
    }),
    '',
  ];
}

function principalSection(principal: ReportPrincipal, report: AccessReport): string[] {
  const defined = principal.definedIn
    ? `Defined in ${code(principal.definedIn.template)} as ${code(principal.definedIn.logicalId)}` +
      `${principal.definedIn.via ? ` (the role ${principal.definedIn.via} creates)` : ''}.`
    : 'Not defined in these templates: named by a policy.';
  const groups = principal.groups ? ` In the groups ${list(principal.groups.map(code))}, whose access it has.` : '';
  const findings = principal.findings.length > 0 ? ` Findings: ${list(principal.findings.map(code))}.` : '';
  const notRead = principal.notRead.map((i) => report.notRead[i]);
  return [
    `### ${principal.kind} ${code(principal.name)}`,
    '',
    `${defined}${groups}${findings}`,
    '',
    ...(principal.allows.length > 0 ? actionTable(principal.allows, 'Granted by') : ['No Pinpoint access through the policies read.', '']),
    ...(principal.denies.length > 0 ? ['Denied:', '', ...actionTable(principal.denies, 'Denied by')] : []),
    ...(notRead.length > 0 ? [
      `Not read: ${list(notRead.map((source) => `${code(source.source)} (${source.kind})`))}: its access through them is unknown.`, '',
    ] : []),
  ];
}

function actionTable(actions: readonly ReportAction[], by: 'Granted by' | 'Denied by'): string[] {
  return [
    `| Action | Analytics read | Feature after 2026-10-30 | Resources | ${by} |`,
    '|---|---|---|---|---|',
    ...actions.map((action) => {
      const shown = action.resources.slice(0, RESOURCES_SHOWN).map(code);
      const more = action.resources.length - shown.length;
      const name = action.undecided ? `${code(action.action)} (known at deploy time: may be any action)`
        : `${code(action.action)}${action.accessLevel ? '' : ' (not in the Service Authorization Reference)'}`;
      const when = action.onlyWhen ? `<br>only when ${action.onlyWhen.map((w) => w.map(code).join(' and ')).join(', or ')}` : '';
      const denied = action.deniedBy ? `<br>denied by ${action.deniedBy.map(code).join(', ')}` : '';
      return `| ${name} ` +
        `| ${action.analyticsRead ? 'yes' : action.undecided ? 'maybe' : 'no'} ` +
        `| ${action.endOfSupport}${action.feature ? ` (${action.feature})` : ''} ` +
        `| ${[...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('<br>')} ` +
        `| ${action.statements.map(code).join('<br>')}${when}${denied} |`;
    }),
    '',
  ];
}

/** Text in backticks, safe in a table cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function list(items: readonly string[]): string {
  return items.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

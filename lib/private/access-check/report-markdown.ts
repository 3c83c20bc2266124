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
  const eos = report.sources.endOfSupport;
  const findings = report.findings.length;
  const lines = [
    `# ${report.title}`,
    '',
    `Written by \`${report.generator}\` at synthesis from ${list(report.templates.map(code))}: every role, user and group ` +
      'that can use a `mobiletargeting` (Amazon Pinpoint) action, what it can do on what, and whether the feature of each ' +
      `action ended with Amazon Pinpoint's end of support on ${eos.date}. Everything is also in \`${jsonFile}\`.`,
    '',
    `**${count(report.principals.length, 'principal')} with Pinpoint access**, ` +
      `**${count(findings, 'finding')}**${findings > 0 ? ' (each fails `cdk synth` until it is fixed or acknowledged)' : ''}.`,
    '',
    ...diagram(report),
    ...findingsSection(report),
    '## Principals',
    '',
    ...(report.principals.length === 0 ? ['No role, user or group of these templates can use a `mobiletargeting` action.', ''] : []),
    ...report.principals.flatMap(principalSection),
    ...report.unattachedPolicies.flatMap((policy) => [
      `## Policy ${code(policy.policy)}, attached to no principal of these templates`,
      '',
      ...actionTable(policy.allows),
    ]),
    '## Sources',
    '',
    '- Actions, access levels and resource types: the Service Authorization Reference for Amazon Pinpoint, as packaged in ' +
      `${sar.package} ${sar.version} (data of ${sar.updatedAt}).`,
    `- End of support: AWS's page [Amazon Pinpoint end of support](${eos.page}): "${eos.ended}" (here: ended), and ` +
      `"${eos.continues}" (here: continues). "unknown" wherever the page does not decide.`,
    '',
  ];
  return lines.join('\n');
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
    'Acknowledge a finding, with your reason, by the ID after "Acknowledge with": ' +
      "`Validations.of(scope).acknowledge({ id: '<ID>', reason: '...' })`.",
    '',
    '| Finding | Acknowledge with | Fix |',
    '|---|---|---|',
    ...report.findings.map((finding) => {
      const acknowledged = finding.acknowledgements
        .map((ack) => `<br>Acknowledged at ${code(ack.at)}: ${cell(ack.reason)}`).join('');
      return `| ${cell(finding.description)}${acknowledged} | ${code(finding.acknowledgeWith)} | ${cell(finding.fix)} |`;
    }),
    '',
  ];
}

function principalSection(principal: ReportPrincipal): string[] {
  const defined = principal.definedIn
    ? `Defined in ${code(principal.definedIn.template)} as ${code(principal.definedIn.logicalId)}.`
    : 'Not defined in these templates: named by a policy of the app.';
  return [
    `### ${principal.kind} ${code(principal.name)}`,
    '',
    `${defined}${principal.findings.length > 0 ? ` Findings: ${list(principal.findings.map(code))}.` : ''}`,
    '',
    ...actionTable(principal.allows),
    ...(principal.denies.length > 0 ? ['Denied:', '', ...actionTable(principal.denies)] : []),
  ];
}

function actionTable(actions: readonly ReportAction[]): string[] {
  return [
    '| Action | Analytics read | Feature after 2026-10-30 | Resources | Granted by |',
    '|---|---|---|---|---|',
    ...actions.map((action) => {
      const shown = action.resources.slice(0, RESOURCES_SHOWN).map(code);
      const more = action.resources.length - shown.length;
      return `| ${code(action.action)}${action.accessLevel ? '' : ' (not in the Service Authorization Reference)'} ` +
        `| ${action.analyticsRead ? 'yes' : 'no'} ` +
        `| ${action.endOfSupport}${action.feature ? ` (${action.feature})` : ''} ` +
        `| ${[...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('<br>')} ` +
        `| ${action.statements.map(code).join('<br>')} |`;
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

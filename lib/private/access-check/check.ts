/**
 * The Pinpoint access check: reads templates, finds the statements that concern `mobiletargeting`, applies the rules,
 * and builds the report. `checkTemplates` is the check itself, on templates from anywhere (a cloud assembly, files
 * given on the command line); `checkPinpointAccess` is one call of the validation plugin: it loads the templates of
 * the cloud assembly, checks them, writes the report next to them and returns the violations.
 */
import * as path from 'path';
import { IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { AccessReport, accessReport } from './report/access-report';
import { writeReportFile } from './report/report-files';
import { reportMarkdown } from './report/report-markdown';
import { Finding, findingsOf, unreadableFinding } from './rules/rules';
import { policySources } from './sources/policy-sources';
import { forgetPatterns } from './statements/arn-patterns';
import { readStatements } from './statements/statements';
import { loadTemplates } from './templates/cloud-assembly';
import { Acknowledgement, ConstructIndex } from './templates/construct-index';
import { TemplateSource } from './templates/template-source';
import { TemplateSet } from './values/template-set';

// `checkTemplates` takes `TemplateSource`s: their type is exported with the check (and so loaded with it; a module of
// types only that nothing loads counts as uncovered).
export * from './templates/template-source';

/** The name of the report files, without extension. */
export const REPORT_NAME = 'pinpoint-access-report';

/** What the check needs to know besides the templates. */
export interface CheckOptions {
  /** The name of the check, in the report and in front of every ID to acknowledge a finding with. */
  readonly pluginName: string;
  /**
   * The construct path (or another name people know) of a resource, when its template's metadata does not say it.
   * Without it, or where it answers `undefined`, a resource is named `<stack>/<logical ID>`.
   */
  readonly pathOf?: (template: TemplateSource, logicalId: string) => string | undefined;
  /** The acknowledgements recorded for an ID to acknowledge a finding with (`<plugin name>::<finding ID>`). */
  readonly acknowledgementsOf?: (id: string) => readonly Acknowledgement[];
}

/** The outcome of a check of some templates. */
export interface AccessCheck {
  /** Every finding, acknowledged or not. */
  readonly findings: readonly Finding[];
  /** Whether `finding` is acknowledged. */
  isAcknowledged(finding: Finding): boolean;
  /**
   * The report of the templates `include` selects (default: all), with file paths relative to `directory`, where it
   * will be written.
   */
  report(directory: string, include?: (template: TemplateSource) => boolean): AccessReport;
}

/** Checks `templates`: every template they reference (nested stacks, exports) must be among them. */
export function checkTemplates(templates: readonly TemplateSource[], options: CheckOptions): AccessCheck {
  forgetPatterns();
  const acknowledgementsOf = (id: string) => options.acknowledgementsOf?.(id) ?? [];
  // The construct path of a resource; for the default child (`Resource`) of an L2, the L2's. A resource that is not a
  // mapping (`null`, a list: a template CloudFormation rejects) has no metadata, and holds no policy.
  const pathOf = (template: TemplateSource, logicalId: string): string => String(
    template.json.Resources[logicalId]?.Metadata?.['aws:cdk:path'] ?? options.pathOf?.(template, logicalId) ?? `${template.stackPath}/${logicalId}`,
  ).replace(/\/Resource$/, '');
  const set = new TemplateSet(templates);
  const sources = policySources(set, pathOf);
  const read = sources.documents.map((document) => readStatements(document, set));
  const statements = read.flatMap((document) => document.statements);
  const unreadable = read.flatMap((document) => document.unreadable);
  // A statement read both ways of an `Fn::If` breaks a rule once: one finding per ID.
  const findings = [...new Map([...statements.flatMap(findingsOf), ...unreadable.map(unreadableFinding)]
    .map((finding) => [finding.id, finding])).values()];
  const notRead = [
    ...sources.notRead,
    ...unreadable.map((u) => ({
      source: u.ref,
      kind: 'policy-document' as const,
      reason: u.reason,
      template: u.source.template,
      where: u.source.where,
      holders: u.source.holders,
    })),
  ];
  return {
    findings,
    isAcknowledged: (finding) => acknowledgementsOf(`${options.pluginName}::${finding.id}`).length > 0,
    report: (directory, include = () => true) => accessReport({
      pluginName: options.pluginName,
      directory,
      templates: templates.filter(include).map((template) => template.path),
      statements: statements.filter((statement) => include(statement.source.template)),
      notRead: notRead.filter((source) => include(source.template)),
      findings: findings.filter((finding) => include(finding.source.template)),
      acknowledgementsOf,
    }),
  };
}

/** Writes `report` as `pinpoint-access-report.json` and `.md` into `directory`. */
export function writeReport(directory: string, report: AccessReport): void {
  writeReportFile(path.join(directory, `${REPORT_NAME}.json`), `${JSON.stringify(report, undefined, 2)}\n`);
  writeReportFile(path.join(directory, `${REPORT_NAME}.md`), reportMarkdown(report, `${REPORT_NAME}.json`));
}

/** Checks the templates of `context` and writes the report of each cloud assembly directory. */
export function checkPinpointAccess(context: IPolicyValidationContext, pluginName: string): PolicyValidationPluginReport {
  const index = new ConstructIndex(context.appConstruct);
  const templates = loadTemplates(context.templatePaths, index);
  const check = checkTemplates(templates.map((t) => t.source), {
    pluginName,
    pathOf: (template, logicalId) => index.pathOf(template.path, logicalId),
    acknowledgementsOf: (id) => index.acknowledgementsOf(id),
  });

  for (const directory of new Set(templates.map((t) => path.dirname(t.source.path)))) {
    writeReport(directory, check.report(directory, (template) => path.dirname(template.path) === directory));
  }

  const checked = new Set(templates.filter((t) => t.checked).map((t) => t.source));
  const violations = check.findings.filter((finding) => checked.has(finding.source.template)).map(violationOf);
  return { success: violations.every((violation) => violation.severity !== 'error'), violations };
}

function violationOf(finding: Finding): PolicyViolation {
  return {
    ruleName: finding.id,
    description: finding.description,
    fix: finding.fix,
    severity: finding.severity,
    violatingResources: [{
      resourceLogicalId: finding.source.logicalId,
      templatePath: finding.source.template.path,
      locations: [finding.location],
    }],
  };
}

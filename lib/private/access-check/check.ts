/**
 * The Pinpoint access check of one call of the validation plugin: reads the templates, finds the statements that
 * concern `mobiletargeting`, applies the rules, writes the report next to the templates, and returns the violations.
 */
import * as path from 'path';
import { IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { accessReport } from './access-report';
import { forgetPatterns } from './arn-patterns';
import { ConstructIndex } from './construct-index';
import { policyDocuments, TemplateSource } from './policy-sources';
import { writeReportFile } from './report-files';
import { reportMarkdown } from './report-markdown';
import { Finding, findingsOf } from './rules';
import { pinpointStatements } from './statements';
import { loadTemplates } from './templates';

/** The name of the report files, without extension. */
export const REPORT_NAME = 'pinpoint-access-report';

/** Checks the templates of `context` and writes the report of each cloud assembly directory. */
export function checkPinpointAccess(context: IPolicyValidationContext, pluginName: string): PolicyValidationPluginReport {
  forgetPatterns();
  const index = new ConstructIndex(context.appConstruct);
  const templates = loadTemplates(context.templatePaths, index);
  // The construct path of a resource; for the default child (`Resource`) of an L2, the L2's.
  const pathOf = (template: TemplateSource, logicalId: string): string => String(
    template.json.Resources[logicalId].Metadata?.['aws:cdk:path'] ?? index.pathOf(template.path, logicalId) ?? `${template.stackPath}/${logicalId}`,
  ).replace(/\/Resource$/, '');
  const statements = policyDocuments(templates.map((t) => t.source), pathOf).flatMap(pinpointStatements);
  const findings = statements.flatMap(findingsOf);

  for (const directory of new Set(templates.map((t) => path.dirname(t.source.path)))) {
    const inDirectory = (template: TemplateSource) => path.dirname(template.path) === directory;
    const dirStatements = statements.filter((statement) => inDirectory(statement.source.template));
    const report = accessReport({
      pluginName,
      directory,
      templates: templates.map((t) => t.source.path).filter((file) => path.dirname(file) === directory),
      statements: dirStatements,
      findings: findings.filter((finding) => inDirectory(finding.statement.source.template)),
      acknowledgementsOf: (id) => index.acknowledgementsOf(id),
    });
    writeReportFile(path.join(directory, `${REPORT_NAME}.json`), `${JSON.stringify(report, undefined, 2)}\n`);
    writeReportFile(path.join(directory, `${REPORT_NAME}.md`), reportMarkdown(report, `${REPORT_NAME}.json`));
  }

  const checked = new Set(templates.filter((t) => t.checked).map((t) => t.source));
  const violations = findings.filter((finding) => checked.has(finding.statement.source.template)).map(violationOf);
  return { success: violations.length === 0, violations };
}

function violationOf(finding: Finding): PolicyViolation {
  return {
    ruleName: finding.id,
    description: finding.description,
    fix: finding.fix,
    severity: 'error',
    violatingResources: [{
      resourceLogicalId: finding.statement.source.logicalId,
      templatePath: finding.statement.source.template.path,
      locations: [finding.statement.location],
    }],
  };
}

/**
 * The access check run directly on templates written in a test (CloudFormation's JSON form), as the command-line
 * check and the validation plugin run it: `checkRaw` returns the findings and the report.
 */
import * as path from 'path';
import { checkTemplates, TemplateSource } from '../../lib/private/access-check/check';
import { AccessReport } from '../../lib/private/access-check/report/access-report';
import { Finding } from '../../lib/private/access-check/rules/rules';

/** A template of a test: its name (the file name without `.template.json`) and its JSON. */
export interface RawTemplate {
  readonly name: string;
  readonly json: any;
  /** The CloudFormation stack name (default: `name`). */
  readonly stackName?: string;
  readonly env?: { readonly account?: string; readonly region?: string };
  /** For a nested stack: the name of its parent's template and the logical ID of its `AWS::CloudFormation::Stack`. */
  readonly nestedIn?: { readonly parent: string; readonly logicalId: string };
}

/** What the check found in raw templates. */
export interface RawCheck {
  readonly findings: readonly Finding[];
  /** The IDs of the findings, sorted. */
  readonly ids: string[];
  readonly report: AccessReport;
}

/** The directory the raw templates are said to be in. */
export const RAW_DIRECTORY = path.join(path.sep, 'templates');

/** Runs the access check on `templates`, with `acknowledged` IDs (`PinpointAccessValidator::<ID>`) acknowledged. */
export function checkRaw(templates: readonly RawTemplate[], acknowledged: readonly string[] = []): RawCheck {
  const sources = new Map<string, TemplateSource>();
  const sourceOf = (raw: RawTemplate): TemplateSource => {
    let source = sources.get(raw.name);
    if (!source) {
      const parentRaw = raw.nestedIn && templates.find((t) => t.name === raw.nestedIn!.parent)!;
      const parent = parentRaw && sourceOf(parentRaw);
      source = {
        path: path.join(RAW_DIRECTORY, `${raw.name}.template.json`),
        stackPath: raw.name,
        stackName: raw.stackName ?? raw.name,
        env: raw.env ?? {},
        json: raw.json,
        parent: parent && {
          template: parent,
          logicalId: raw.nestedIn!.logicalId,
          parameters: parent.json.Resources[raw.nestedIn!.logicalId].Properties?.Parameters ?? {},
        },
      };
      sources.set(raw.name, source);
    }
    return source;
  };
  const check = checkTemplates(templates.map(sourceOf), {
    pluginName: 'PinpointAccessValidator',
    acknowledgementsOf: (id) => (acknowledged.includes(id) ? [{ at: 'test', reason: 'acknowledged in the test' }] : []),
  });
  return { findings: check.findings, ids: check.findings.map((f) => f.id).sort(), report: check.report(RAW_DIRECTORY) };
}

/** A template of `resources` (and, optionally, other sections). */
export function template(resources: Record<string, unknown>, more: Record<string, unknown> = {}): any {
  return { Resources: resources, ...more };
}

/** A role with an assume-role policy, and `properties`. */
export function rawRole(properties: Record<string, unknown> = {}): any {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] },
      ...properties,
    },
  };
}

/** `<kind> <name>: <action> [<onlyWhen>] on <resources>` for each action of each principal of `report` (analytics reads only). */
export function accessLines(report: AccessReport, all = false): string[] {
  return report.principals.flatMap((principal) => principal.allows
    .filter((action) => all || action.analyticsRead || action.undecided)
    .map((action) => `${principal.kind} ${principal.name}: ${action.action}` +
      `${action.onlyWhen ? ` when ${action.onlyWhen.map((w) => w.join('&')).join('|')}` : ''} on ${action.resources.join(', ')}`));
}

/**
 * Generates `lib/private/access-check/data/sam-policy-templates.generated.ts`: the name of every AWS SAM policy template,
 * and the statements of each template whose Definition allows or denies some `mobiletargeting` action, from the data
 * snapshot scripts/data/sam-policy-templates.json (an extract of SAM's
 * samtranslator/policy_templates_data/policy_templates.json; the snapshot says how it was made and how to refresh it).
 *
 * `npx projen pre-compile` (part of `npm test` and of the build) runs this script; a test renders the table again and
 * compares it with the file, so a table that is out of date with the snapshot fails the tests.
 *
 * With `--from <policy_templates.json> --commit <sha>` it first writes the snapshot anew from a whole copy of SAM's
 * file (taken at that commit), keeping the templates that concern `mobiletargeting` as the access check's matcher
 * decides.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { concernsMobiletargeting, Json, mobiletargetingStatements, q, Statement, tsLiteral } from './policy-tables';

/** Where the table is written, relative to the top of the checkout. */
export const TABLE_PATH = 'lib/private/access-check/data/sam-policy-templates.generated.ts';
/** Where the data snapshot is, relative to the top of the checkout. */
export const SNAPSHOT_PATH = 'scripts/data/sam-policy-templates.json';

/** The command that writes the table again. */
const COMMAND = 'npx projen generate:sam-policy-templates';

const REPOSITORY = 'aws/serverless-application-model';
const SOURCE_PATH = 'samtranslator/policy_templates_data/policy_templates.json';

/** One SAM policy template, as SAM's file holds it. */
export interface PolicyTemplate {
  readonly Parameters: { readonly [name: string]: Json };
  readonly Definition: { readonly Statement: readonly Statement[] };
  readonly [key: string]: Json;
}

/** SAM's policy_templates.json. */
export interface PolicyTemplatesFile {
  readonly Version: string;
  readonly Templates: { readonly [name: string]: PolicyTemplate };
}

/** What the snapshot holds. */
export interface Snapshot {
  readonly about: readonly string[];
  /** How the snapshot was made from the source. */
  readonly extractedBy: readonly string[];
  readonly source: {
    readonly repository: string;
    readonly path: string;
    readonly commit: string;
    readonly url: string;
    readonly version: string;
    readonly license: string;
  };
  readonly templateNames: readonly string[];
  readonly templatesWithMobiletargeting: { readonly [name: string]: Pick<PolicyTemplate, 'Parameters' | 'Definition'> };
}

/** Whether some statement of `template`'s Definition allows or denies some `mobiletargeting` action. */
function concerns(template: Pick<PolicyTemplate, 'Definition'>): boolean {
  return template.Definition.Statement.some((statement) => concernsMobiletargeting(statement));
}

/**
 * The snapshot of SAM's whole `file` taken at `commit`: every template name, sorted, and the Parameters and Definition
 * of each template that concerns `mobiletargeting`. `about` is kept from the snapshot it replaces.
 */
export function snapshotOf(file: PolicyTemplatesFile, commit: string, about: readonly string[]): Snapshot {
  const names = Object.keys(file.Templates).sort();
  const kept = names.filter((name) => concerns(file.Templates[name]));
  return {
    about,
    extractedBy: ['scripts/generate-sam-policy-templates.ts --from <a whole copy of the file at the commit below>'],
    source: {
      repository: REPOSITORY,
      path: SOURCE_PATH,
      commit,
      url: `https://github.com/${REPOSITORY}/blob/${commit}/${SOURCE_PATH}`,
      version: file.Version,
      license: 'Apache-2.0',
    },
    templateNames: names,
    templatesWithMobiletargeting: Object.fromEntries(kept.map((name) => [name, {
      Parameters: file.Templates[name].Parameters,
      Definition: file.Templates[name].Definition,
    }])),
  };
}

/** The snapshot in the checkout. */
export function readSnapshot(): Snapshot {
  return JSON.parse(readFileSync(path.join(__dirname, '..', SNAPSHOT_PATH), 'utf-8'));
}

/** The TypeScript source of the table, from `snapshot` (default: the one in the checkout). */
export function renderSamPolicyTemplateTable(snapshot: Snapshot = readSnapshot()): string {
  const { source } = snapshot;
  const names = [...snapshot.templateNames].sort();
  const rows = Object.keys(snapshot.templatesWithMobiletargeting).sort().map((name) => {
    const template = snapshot.templatesWithMobiletargeting[name];
    if (!names.includes(name)) {
      throw new Error(`${SNAPSHOT_PATH}: ${name} is not in templateNames`);
    }
    if (!concerns(template)) {
      throw new Error(`${SNAPSHOT_PATH}: ${name} has no statement that allows or denies a mobiletargeting action`);
    }
    return {
      name,
      parameters: Object.keys(template.Parameters),
      statements: mobiletargetingStatements(template.Definition as unknown as { [key: string]: Json }),
    };
  });

  return [
    '// Generated by scripts/generate-sam-policy-templates.ts: do not edit. `npx projen pre-compile` runs it.',
    `// Source: AWS SAM's policy templates, ${source.path} of ${source.repository}`,
    `// at commit ${source.commit} (file Version ${source.version}; licence: ${source.license}),`,
    `// through the data snapshot ${SNAPSHOT_PATH}. To refresh: read SAM's file again with the search tool`,
    `// (or from GitHub), update the snapshot as it says, then run \`${COMMAND}\`.`,
    '',
    '/** Where SAM\'s policy templates of this table come from. */',
    'export const SAM_POLICY_TEMPLATES_SOURCE = {',
    `  repository: ${q(source.repository)},`,
    `  path: ${q(source.path)},`,
    `  commit: ${q(source.commit)},`,
    `  version: ${q(source.version)},`,
    `  license: ${q(source.license)},`,
    '} as const;',
    '',
    '/**',
    ' * A value of a SAM policy template\'s statement: a string, a list, or an intrinsic function',
    ' * (`{ "Fn::Sub": [...] }`, `{ "Ref": "<ParameterName>" }`), as SAM writes it.',
    ' */',
    'export type SamTemplateValue =',
    '  string | readonly SamTemplateValue[] | { readonly [key: string]: SamTemplateValue };',
    '',
    '/**',
    ' * A statement of a SAM policy template that allows or denies some `mobiletargeting` action, as SAM defines it,',
    ' * except that `Action` keeps only the patterns that can match a `mobiletargeting` action (see',
    ' * `otherActionsLeftOut`). `Fn::Sub` in it refers to the template\'s parameters with',
    ' * `{ "Ref": "<ParameterName>" }`: SAM puts in the values that a function\'s `Policies` entry gives.',
    ' */',
    'export interface SamPolicyTemplateStatement {',
    "  /** The statement's position in the Definition's `Statement` list, from 0. */",
    '  readonly index: number;',
    '  readonly Sid?: string;',
    "  /** 'Allow' or 'Deny'. */",
    '  readonly Effect: string;',
    '  /**',
    '   * The action patterns: verbatim when `otherActionsLeftOut` is absent; otherwise the patterns that can match a',
    '   * `mobiletargeting` action, in their order.',
    '   */',
    '  readonly Action?: string | readonly string[];',
    '  /** Verbatim. */',
    '  readonly NotAction?: string | readonly string[];',
    '  /** Verbatim. */',
    '  readonly Resource?: SamTemplateValue;',
    '  /** Verbatim. */',
    '  readonly NotResource?: SamTemplateValue;',
    '  /** Verbatim. */',
    '  readonly Condition?: SamTemplateValue;',
    '  /** How many patterns of `Action` (of other services only) were left out. Absent when `Action` is verbatim. */',
    '  readonly otherActionsLeftOut?: number;',
    '}',
    '',
    '/** A SAM policy template whose Definition allows or denies some `mobiletargeting` action. */',
    'export interface SamPolicyTemplateWithMobiletargeting {',
    "  /** The template's name, as a function's `Policies` names it: e.g. 'PinpointEndpointAccessPolicy'. */",
    '  readonly name: string;',
    '  /** The names of its parameters, which a `Policies` entry gives values for. */',
    '  readonly parameters: readonly string[];',
    '  /** The statements of its Definition that allow or deny some `mobiletargeting` action, in order. */',
    '  readonly statements: readonly SamPolicyTemplateStatement[];',
    '}',
    '',
    '/** The name of every SAM policy template, sorted: a name that is not here is not a policy template SAM knows. */',
    'export const SAM_POLICY_TEMPLATE_NAMES: readonly string[] = [',
    ...names.map((name) => `  ${q(name)},`),
    '];',
    '',
    '/** Every SAM policy template whose Definition allows or denies some `mobiletargeting` action, sorted by name. */',
    'export const SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING: readonly SamPolicyTemplateWithMobiletargeting[] = [',
    ...rows.map((row) => `  ${tsLiteral(row as unknown as Json, '  ')},`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const from = process.argv.indexOf('--from');
  const commit = process.argv.indexOf('--commit');
  if (from >= 0) {
    if (commit < 0 || !/^[0-9a-f]{40}$/.test(process.argv[commit + 1] ?? '')) {
      throw new Error('--from needs --commit <the 40-character commit the file was taken at>');
    }
    const file: PolicyTemplatesFile = JSON.parse(readFileSync(process.argv[from + 1], 'utf-8'));
    const snapshot = snapshotOf(file, process.argv[commit + 1], readSnapshot().about);
    writeFileSync(path.join(__dirname, '..', SNAPSHOT_PATH), `${JSON.stringify(snapshot, undefined, 2)}\n`);
    console.log(`${SNAPSHOT_PATH} written: ${snapshot.templateNames.length} templates, ` +
      `${Object.keys(snapshot.templatesWithMobiletargeting).length} that concern mobiletargeting`);
  }
  writeFileSync(path.join(__dirname, '..', TABLE_PATH), renderSamPolicyTemplateTable());
  console.log(`${TABLE_PATH} written`);
}

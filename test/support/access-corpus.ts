/**
 * The access check's corpus (test/fixtures/access-check/): public templates that grant Pinpoint access, stored verbatim
 * with their sources (public/SOURCES.md, public/cases.json), and small cases in the project's own words, one folder
 * each with a `case.json` sidecar (shapes/). `loadCase` reads a case into what the check takes (templates shaped like
 * its `TemplateSource`) and what the judge needs (the worlds to try, the probes, what the sidecar expects).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { analyticsProbes, Probe } from './analytics-judge';
import { ACCOUNT, REGION } from './app';
import { Assignment, judgeHexId, JudgeTemplate, resolveWorld, World } from './cfn-world';
import { readCloudFormation } from './cfn-yaml';
import { CaseAssignmentSpec, enumerateAssignments } from './condition-assignments';

/** The corpus's folder. */
export const CORPUS_DIR = resolve(__dirname, '..', 'fixtures', 'access-check');

/** One template of a case, shaped like the check's `TemplateSource` so it can be passed to `checkTemplates` as it is. */
export interface CaseTemplate extends JudgeTemplate {
  /** The template file's absolute path. */
  readonly path: string;
  /** The stack's display name (its CloudFormation name). */
  readonly stackPath: string;
  readonly env: { readonly account?: string; readonly region?: string };
  readonly parent?: { readonly template: CaseTemplate; readonly logicalId: string; readonly parameters: Record<string, unknown> };
}

/**
 * A decision the sidecar expects of the evaluator for one principal, action and ARN, in every world matching `when`.
 * In `case.json` an action may omit `mobiletargeting:`, an ARN may be only its resource (`apps/<id>/kpis/...`, in the
 * case's region and account), and `{id:<Stack>/<LogicalId>}` stands for the ID the judge gives that Pinpoint resource:
 * `loadCase` writes them out.
 */
export interface ExpectedDecision {
  /** `<template>#<LogicalId>` (a SAM function's role: the function's ID) or `<kind>:<name>`. */
  readonly principal: string;
  readonly action: string;
  readonly arn: string;
  readonly decision: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';
  readonly when?: Assignment['conditions'];
}

/** A report entry the judge cannot confirm, and the documented limit of the check that explains it. */
export interface ExpectedExtra {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly limit: string;
}

/** The sidecar of a case (`case.json`, or an entry of public/cases.json). */
export interface CaseSpec extends CaseAssignmentSpec {
  readonly description: string;
  /** What a reviewer must see in the report: who holds which analytics access, under which condition, what is not read. */
  readonly reviewer: string;
  readonly templates: ReadonlyArray<{
    readonly file: string;
    readonly stackName: string;
    readonly env?: { readonly account?: string; readonly region?: string };
    readonly parent?: { readonly file: string; readonly logicalId: string };
  }>;
  readonly decisions?: readonly ExpectedDecision[];
  /** Texts each of which some world's `unread` (or a principal's) must contain. */
  readonly unread?: readonly string[];
  readonly expectedExtras?: readonly ExpectedExtra[];
  /** Why the case exists, when it is a public template: the shapes it shows. */
  readonly shapes?: string;
}

/** A case, loaded. */
export interface CorpusCase {
  /** `public/<name>` or `shapes/<name>`. */
  readonly name: string;
  readonly directory: string;
  readonly spec: CaseSpec;
  readonly templates: CaseTemplate[];
  /** Every world to judge the case in (`enumerateAssignments`). */
  readonly assignments: Assignment[];
  /** Whether the number of condition combinations was cut at `MAX_ASSIGNMENTS`. */
  readonly capped: boolean;
  /** The world of each assignment (`resolveWorld`), in the same order. */
  readonly worlds: World[];
  /** The requests to ask the evaluator about in every world (`analyticsProbes` of the worlds). */
  readonly probes: Probe[];
  readonly expectedExtras: readonly ExpectedExtra[];
}

function publicSpecs(): Record<string, CaseSpec> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'public', 'cases.json'), 'utf8')).cases;
}

/** The names of every case of the corpus: `public/...` then `shapes/...`. */
export function listCases(): string[] {
  const shapes = readdirSync(join(CORPUS_DIR, 'shapes'))
    .filter((d) => existsSync(join(CORPUS_DIR, 'shapes', d, 'case.json')))
    .sort();
  return [...Object.keys(publicSpecs()).map((n) => `public/${n}`), ...shapes.map((n) => `shapes/${n}`)];
}

/**
 * The case `name` (`public/<name>` or `shapes/<name>`): its templates parsed, its worlds enumerated and resolved, its
 * probes built. Judge it with `judgeWorlds(c.worlds, c.probes)`, then hold the check's report against the result with
 * `missedAccess` and `extraAccess`.
 */
export function loadCase(name: string): CorpusCase {
  const [kind, caseName] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
  let directory: string;
  let spec: CaseSpec;
  if (kind === 'public') {
    directory = join(CORPUS_DIR, 'public');
    spec = publicSpecs()[caseName];
  } else if (kind === 'shapes') {
    directory = join(CORPUS_DIR, 'shapes', caseName);
    spec = existsSync(join(directory, 'case.json')) ? JSON.parse(readFileSync(join(directory, 'case.json'), 'utf8')) : undefined!;
  } else {
    throw new Error(`case ${JSON.stringify(name)}: expected "public/<name>" or "shapes/<name>"`);
  }
  if (spec === undefined) {
    throw new Error(`case ${JSON.stringify(name)} is not in the corpus (${listCases().join(', ')})`);
  }
  const byFile = new Map<string, CaseTemplate>();
  const load = (entry: CaseSpec['templates'][number]): CaseTemplate => {
    const found = byFile.get(entry.file);
    if (found) {
      return found;
    }
    const parentEntry = entry.parent && spec.templates.find((t) => t.file === entry.parent!.file);
    if (entry.parent && !parentEntry) {
      throw new Error(`case ${name}: ${entry.file}'s parent ${entry.parent.file} is not among its templates`);
    }
    const parentTemplate = parentEntry ? load(parentEntry) : undefined;
    const path = join(directory, entry.file);
    const template: CaseTemplate = {
      name: entry.file,
      path,
      stackName: entry.stackName,
      stackPath: entry.stackName,
      env: entry.env ?? {},
      json: readCloudFormation(path),
      parent: parentTemplate && {
        template: parentTemplate,
        logicalId: entry.parent!.logicalId,
        parameters: parentTemplate.json.Resources?.[entry.parent!.logicalId]?.Properties?.Parameters ?? {},
      },
    };
    byFile.set(entry.file, template);
    return template;
  };
  const templates = spec.templates.map(load);
  const { assignments, capped } = enumerateAssignments(templates, spec);
  const decisions = (spec.decisions ?? []).map((d) => ({ ...d, action: fullAction(d.action), arn: fullArn(d.arn, spec) }));
  const expectedExtras = (spec.expectedExtras ?? []).map((e) => ({ ...e, action: fullAction(e.action) }));
  const worlds = assignments.map((assignment) => resolveWorld(templates, assignment));
  return {
    name,
    directory,
    spec: { ...spec, decisions, expectedExtras },
    templates,
    assignments,
    capped,
    worlds,
    probes: analyticsProbes(worlds),
    expectedExtras,
  };
}

function fullAction(action: string): string {
  return action.includes(':') ? action : `mobiletargeting:${action}`;
}

function fullArn(arn: string, spec: CaseSpec): string {
  const written = arn.replace(/\{id:([^}]+)\}/g, (_, seed: string) => judgeHexId(seed));
  if (written.startsWith('arn:')) {
    return written;
  }
  return `arn:${spec.partition ?? 'aws'}:mobiletargeting:${spec.region ?? REGION}:${spec.account ?? ACCOUNT}:${written}`;
}

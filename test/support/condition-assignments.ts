/**
 * The worlds a case is judged in: the case's parameter values, environment, imports and stack outputs, with every
 * combination of the conditions its templates define (each a free boolean: the access check reads both branches of
 * every `Fn::If`, so each combination is a world the report must cover).
 */
import { ACCOUNT, REGION } from './app';
import { Assignment, JudgeTemplate } from './cfn-world';

/** At most this many combinations of conditions are judged; past it, a covering subset (see `enumerateAssignments`). */
export const MAX_ASSIGNMENTS = 64;

/** What a case fixes for every world (everything but the conditions). */
export interface CaseAssignmentSpec {
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly parameters?: Assignment['parameters'];
  readonly imports?: Assignment['imports'];
  readonly stackOutputs?: Assignment['stackOutputs'];
  readonly attributes?: Assignment['attributes'];
  readonly mappings?: Assignment['mappings'];
  /** Explicit condition values, one world each, instead of every combination. */
  readonly conditions?: ReadonlyArray<Assignment['conditions']>;
}

/**
 * Every world of `templates` under `spec`: each combination of the conditions the templates define (2^n worlds), or,
 * when 2^n exceeds `MAX_ASSIGNMENTS`, all conditions false, all true, and each condition alone true and alone false
 * (2n + 2 worlds, cut at `MAX_ASSIGNMENTS`). `capped` says whether the cap applied. Explicit `spec.conditions` are used
 * as they are.
 */
export function enumerateAssignments(
  templates: readonly JudgeTemplate[],
  spec: CaseAssignmentSpec = {},
): { assignments: Assignment[]; capped: boolean } {
  const base = {
    account: spec.account ?? ACCOUNT,
    region: spec.region ?? REGION,
    partition: spec.partition ?? 'aws',
    parameters: spec.parameters ?? {},
    imports: spec.imports,
    stackOutputs: spec.stackOutputs,
    attributes: spec.attributes,
    mappings: spec.mappings,
  };
  if (spec.conditions) {
    return { assignments: spec.conditions.map((conditions) => ({ ...base, conditions })), capped: false };
  }
  const names: Array<[string, string]> = templates.flatMap((t) => Object.keys(t.json.Conditions ?? {}).map((c): [string, string] => [t.name, c]));
  const combinations: boolean[][] = [];
  let capped = false;
  if (2 ** names.length <= MAX_ASSIGNMENTS) {
    for (let bits = 0; bits < 2 ** names.length; bits++) {
      combinations.push(names.map((_, i) => Math.floor(bits / 2 ** i) % 2 === 1));
    }
  } else {
    capped = true;
    combinations.push(names.map(() => false), names.map(() => true));
    names.forEach((_, i) => {
      combinations.push(names.map((__, j) => j === i), names.map((__, j) => j !== i));
    });
    combinations.splice(MAX_ASSIGNMENTS);
  }
  const assignments = combinations.map((values) => {
    const conditions: Record<string, Record<string, boolean>> = {};
    names.forEach(([template, condition], i) => {
      conditions[template] ??= {};
      conditions[template][condition] = values[i];
    });
    return { ...base, conditions };
  });
  return { assignments, capped };
}

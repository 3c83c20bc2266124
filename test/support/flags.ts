/**
 * The feature flags the tests run under: aws-cdk-lib's defaults (a context without flags), and the flags `cdk init`
 * writes into a new app's cdk.json, which are aws-cdk-lib's recommended flags of the newest release the project tests,
 * as generated into test/cdk-versions/recommended-feature-flags.generated.json (scripts/generate-recommended-flags.ts).
 *
 * The suites that must hold for the apps users have (the access matrix, the golden and migration tests, the
 * snapshots) run once per flag set: `describe.each(FLAG_SETS)('$name', ({ context }) => ...)`, with `testApp(context)`.
 */
import * as generated from '../cdk-versions/recommended-feature-flags.generated.json';

/** The recommended feature flags of aws-cdk-lib `RECOMMENDED_FLAGS_VERSION`, as `cdk init` writes them into cdk.json. */
export const RECOMMENDED_FLAGS: Readonly<Record<string, unknown>> = generated.flags;

/** The aws-cdk-lib release whose recommended flags `RECOMMENDED_FLAGS` are. */
export const RECOMMENDED_FLAGS_VERSION: string = generated.awsCdkLibVersion;

/** A set of feature flags, by the name a test title shows. */
export interface FlagSet {
  readonly name: string;
  /** The app's context: the flags. */
  readonly context: Readonly<Record<string, unknown>>;
  /** Whether `@aws-cdk/aws-iam:minimizePolicies` is on: aws-cdk-lib then sorts each statement's actions and resources. */
  readonly minimizePolicies: boolean;
  /** Whether cross-stack references are `Fn::GetStackOutput` (`@aws-cdk/core:defaultCrossStackReferences: "weak"`). */
  readonly weakCrossStackReferences: boolean;
}

/** The flags of `context` that change what this library's grants synthesize to. */
function flagSet(name: string, context: Readonly<Record<string, unknown>>): FlagSet {
  return {
    name,
    context,
    minimizePolicies: context['@aws-cdk/aws-iam:minimizePolicies'] === true,
    weakCrossStackReferences: context['@aws-cdk/core:defaultCrossStackReferences'] === 'weak',
  };
}

/** aws-cdk-lib's defaults: no flag set. */
export const DEFAULT_FLAGS: FlagSet = flagSet("aws-cdk-lib's defaults", {});

/**
 * What `cdk init` sets: the recommended flags of the newest release (its version stays out of the name, so that raising it
 * renames no snapshot).
 */
export const NEW_APP_FLAGS: FlagSet = flagSet("the flags of a new app (cdk init's)", RECOMMENDED_FLAGS);

/** Both flag sets, for `describe.each(FLAG_SETS)('$name', ...)`. */
export const FLAG_SETS: readonly FlagSet[] = [DEFAULT_FLAGS, NEW_APP_FLAGS];

/**
 * `policy` (a document, or one statement) as aws-cdk-lib writes it under `@aws-cdk/aws-iam:minimizePolicies`: each
 * statement's `Action` and `Resource` lists sorted by their JSON, a list of one reduced to its element. Everything else
 * (the order of statements, the Sids) stays.
 */
export function minimizedForm<T>(policy: T): T {
  const sortList = (value: unknown) => {
    if (!Array.isArray(value)) {
      return value;
    }
    const json = (v: unknown) => JSON.stringify(v);
    const sorted = [...value].sort((a, b) => (json(a) < json(b) ? -1 : json(a) > json(b) ? 1 : 0));
    return sorted.length === 1 ? sorted[0] : sorted;
  };
  const statement = (s: any) => ({
    ...s,
    ...('Action' in s ? { Action: sortList(s.Action) } : {}),
    ...('Resource' in s ? { Resource: sortList(s.Resource) } : {}),
  });
  const p: any = policy;
  return (Array.isArray(p?.Statement) ? { ...p, Statement: p.Statement.map(statement) } : statement(p)) as T;
}

/** `policy` as a synthesized document holds it under `flags`: as written, or in `minimizedForm`. */
export function synthesizedForm<T>(policy: T, flags: FlagSet): T {
  return flags.minimizePolicies ? minimizedForm(policy) : policy;
}

/**
 * Which `mobiletargeting` actions an `Action` or `NotAction` list of a policy statement allows, decided against the
 * table of every action of the Service Authorization Reference (`mobiletargeting-actions.generated.ts`).
 *
 * IAM compares an action with each pattern of the list as a whole (`service:Name`), ignoring case; in a pattern `*`
 * matches any run of characters and `?` any one character. `NotAction` allows every action that no pattern matches.
 */
import { SERVICE_PREFIX } from '../../analytics';
import { memoized } from '../../collections';
import { MOBILETARGETING_ACTIONS, SarAction } from '../data/mobiletargeting-actions.generated';

/** One `mobiletargeting` action a statement's action list applies to. */
export interface MatchedAction {
  /** `mobiletargeting:<Name>`, spelled as in the Service Authorization Reference (or as written, when not in it). */
  readonly action: string;
  /** The action in the Service Authorization Reference; `undefined` for a name it does not have. */
  readonly sar?: SarAction;
  /** Matched only through a wildcard (`*`, `?`) or through `NotAction`, never by its name. */
  readonly viaWildcard: boolean;
  /** An action known only at deploy time (a parameter): `action` is as written (`${Actions}`), and may be any action. */
  readonly undecided?: boolean;
}

/** The full name of a Service Authorization Reference action. */
export function actionName(action: SarAction): string {
  return `${SERVICE_PREFIX}:${action.name}`;
}

/**
 * The `mobiletargeting` actions that `patterns` (the elements of `Action`, or of `NotAction` when `notAction`) allow,
 * in the order of the table. A name without wildcards that the table lacks (a typo, or an action newer than the data)
 * is listed as written, since IAM would allow it if it existed.
 */
export function matchActions(patterns: readonly string[], notAction: boolean): MatchedAction[] {
  const named = new Set<string>();
  const matched = new Set<SarAction>();
  const unknown: MatchedAction[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (/[*?]/.test(pattern)) {
      actionsMatching(lower).forEach((action) => matched.add(action));
    } else if (BY_NAME.has(lower)) {
      named.add(lower);
      matched.add(BY_NAME.get(lower)!);
    } else if (!notAction && lower.startsWith(`${SERVICE_PREFIX}:`)) {
      unknown.push({ action: pattern, viaWildcard: false });
    }
  }
  const allowed = MOBILETARGETING_ACTIONS.filter((action) => matched.has(action) !== notAction);
  return [
    ...allowed.map((sar) => ({
      action: actionName(sar),
      sar,
      viaWildcard: notAction || !named.has(actionName(sar).toLowerCase()),
    })),
    ...unknown,
  ];
}

const BY_NAME = new Map(MOBILETARGETING_ACTIONS.map((action) => [actionName(action).toLowerCase(), action]));

/** Wildcard pattern (lowercase) -> the actions it matches; few distinct patterns occur in an app. */
const WILDCARD_MATCHES = new Map<string, readonly SarAction[]>();

function actionsMatching(lowerPattern: string): readonly SarAction[] {
  return memoized(WILDCARD_MATCHES, lowerPattern, () => {
    const regex = wildcardRegex(lowerPattern);
    return MOBILETARGETING_ACTIONS.filter((action) => regex.test(actionName(action).toLowerCase()));
  });
}

/**
 * The regex of an IAM wildcard pattern, whole: `*` any run of characters, `?` one, every other character itself (an
 * action, a service, a segment of an ARN).
 */
export function wildcardRegex(pattern: string): RegExp {
  // No `s` flag: a wildcard may stand for a line break, but no name it is tested against has one.
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

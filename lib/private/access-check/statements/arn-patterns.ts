/**
 * Resource patterns of policy statements (ARNs with IAM wildcards and tokens) against the ARN formats of the Service
 * Authorization Reference and the shapes of the Amazon Pinpoint developer guide's analytics policies.
 *
 * In a resource pattern, `*` matches any run of characters (`/` and `:` included) and `?` one character; `TOKEN`
 * stands for one path segment of unknown value. In an ARN format, `${Partition}`, `${Region}` and `${Account}` are
 * one or more characters other than `:`, any other `${Variable}` one or more characters other than `/` and `:`; the
 * rest is literal (the resource types `apps` and `recommenders` end in a literal `*`, as IAM evaluates them).
 */
import { ALL_METRICS, APPS_RESOURCE, metricPath, REPORTS_RESOURCE, SERVICE_PREFIX } from '../../analytics';
import { memoized } from '../../collections';
import { MOBILETARGETING_RESOURCE_TYPES } from '../data/mobiletargeting-actions.generated';
import { isUndecided, RenderedValue, textOf, TOKEN } from '../values/cfn-values';

/**
 * Whether some ARN of the resource type `typeKey` (a key of `MOBILETARGETING_RESOURCE_TYPES`) matches `pattern`:
 * whether a statement's resource can apply to an action that needs that type.
 */
export function canMatchResourceType(pattern: string, typeKey: string): boolean {
  const canonical = canonicalPattern(pattern);
  const byType = memoized(MATCH_CACHE, canonical, () => new Map<string, boolean>());
  return memoized(byType, typeKey, () => intersects(patternItems(canonical), FORMAT_ITEMS.get(typeKey)!));
}

/** Whether some ARN of some `mobiletargeting` resource type matches `pattern`: whether it may be a Pinpoint resource. */
export function canMatchAnyResourceType(pattern: string): boolean {
  return TYPE_KEYS.some((typeKey) => canMatchResourceType(pattern, typeKey));
}

/**
 * Whether `pattern` matches every ARN of the resource type `typeKey`: whether `NotResource` with it excludes the type
 * entirely. Decided on the patterns, each variable of the format taken by a `*` of `pattern` (a sufficient condition:
 * a pattern it says no to may still cover the type, and is then read as not excluding it).
 */
export function coversResourceType(pattern: string, typeKey: string): boolean {
  return includes(patternItems(pattern), FORMAT_ITEMS.get(typeKey)!);
}

/**
 * Whether every ARN `inner` matches is matched by `outer` (both resource patterns): whether a `Deny` on `outer`
 * takes away all that an `Allow` on `inner` gives. A sufficient condition, decided as `coversResourceType` is; a token
 * covers nothing and is covered only by a `*`.
 */
export function patternCovers(outer: string, inner: string): boolean {
  return includes(patternItems(outer), patternItems(inner));
}

/**
 * Whether `pattern` lies within one of the developer guide's analytics resources as this library builds them, each
 * ID, KPI name and region also as `*` (the guide's "every project" shapes): `arn:<partition>:mobiletargeting:<region>:`
 * `<account>:` followed by `apps/<p>/kpis/<any>`, `apps/<p>/campaigns/<c>/kpis/<any>`, `apps/<p>/journeys/<j>/kpis/<any>`,
 * `apps/<p>/journeys/<j>/execution-metrics`, `apps/<p>/journeys/<j>/activities/<a>/execution-metrics` or `reports`,
 * with a literal (or token) partition and account.
 *
 * "Within" is decided on the patterns: every ARN `pattern` matches must match the shape because each wildcard of
 * `pattern` falls where the shape has one. `apps/<p>/kpis/daterange/email-*` lies within a shape; `apps/*`,
 * `apps/<p>/*` and `*` do not.
 */
export function fitsAnalyticsShape(pattern: string): boolean {
  const canonical = canonicalPattern(pattern);
  return memoized(SHAPE_CACHE, canonical, () => {
    const [arn, partition, service, region, account, resource, ...rest] = canonical.split(':');
    const literal = (field: string) => field !== '' && !/[*?]/.test(field);
    return arn === 'arn' && literal(partition) && service === SERVICE_PREFIX && region !== '' && literal(account) &&
      resource !== undefined && rest.length === 0 &&
      ANALYTICS_SHAPES.some((shape) => includes(shape, patternItems(resource)));
  });
}

/** What a resource pattern selects, for the report's diagram. */
export interface ResourceScope {
  /**
   * `project`: one project (or the projects a wildcard segment matches); `service`: resources outside any project;
   * `all`: everything; `unknown`: a token, known only at deploy time.
   */
  readonly kind: 'project' | 'service' | 'all' | 'unknown';
  /** The project segment as written (`a1b2...`, `*`, `${ProjectRef}`), for `project`. */
  readonly project?: string;
  /** The first segment of the resource (`reports`, `templates`, `phone`), for `service`. */
  readonly resource?: string;
}

/** What the resource `value` selects: a project (`apps/<project>/...`), resources outside projects, or everything. */
export function scopeOf(value: RenderedValue): ResourceScope {
  if (isUndecided(value)) {
    return { kind: 'unknown' };
  }
  // No `.` in it: the negated classes match a line break anyway, so no flag is needed.
  const match = new RegExp(`^arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:(\\*)|${APPS_RESOURCE}/([^/]*)|([^/]*))`).exec(value.pattern);
  if (!match || match[1]) {
    return { kind: 'all' };
  }
  if (match[2] === undefined) {
    return { kind: 'service', resource: match[3] };
  }
  return { kind: 'project', project: textOf(value, match[0].length - match[2].length, match[0].length) };
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * One position of a pattern: a literal character or one (`?`) / any number (`*`) of characters. A token segment is the
 * literal `TOKEN`, a character of no format (a variable of a format may take it, none of its literals); `includes`
 * takes no two tokens for the same.
 */
type Item = Literal | Wildcard;

type Literal = { readonly kind: 'lit'; readonly c: string };
type Wildcard = { readonly kind: 'one' | 'star' };

/** One position of an ARN format: a literal character, or one / any number of characters not in `not`. */
type FormatItem = Literal | Wildcard & { readonly not: string };

/** Whether `item` is a wildcard: asked of both kinds by name, as no other kind may pass for one. */
function isWildcard<T extends Item>(item: T): item is Extract<T, Wildcard> {
  return item.kind === 'one' || item.kind === 'star';
}

/** Canonical pattern -> resource type -> whether the pattern can match an ARN of the type. */
const MATCH_CACHE = new Map<string, Map<string, boolean>>();

/**
 * The literal words of the ARN formats (`arn`, `mobiletargeting`, `apps`, `kpis`, ...), letters and `-` only: not the
 * `*` that ends `apps/*`, which no literal segment can be (and which a regular expression would read as a quantifier).
 */
const FORMAT_WORDS = [...new Set(Object.values(MOBILETARGETING_RESOURCE_TYPES)
  .flatMap((format) => format.split(/[:/]/))
  .filter((word) => !word.startsWith('${') && word !== '*'))];

/**
 * A whole segment (between `:` and `/`) without wildcards or tokens that is no word of any ARN format. One regular
 * expression without a callback: canonical forms are computed for every resource of an app. Global, as `replaceAll`
 * requires (replacing only the first such segment would match the same, but share the cache less).
 */
const LITERAL_SEGMENT = new RegExp(`(?<=^|[:/])(?!(?:${FORMAT_WORDS.join('|')})(?=[:/]|$))` +
  `[^:/*?${TOKEN}]+(?=[:/]|$)`, 'g');

const FORMAT_ITEMS = new Map(Object.entries(MOBILETARGETING_RESOURCE_TYPES).map(([key, format]) => [key, formatItems(format)]));
const TYPE_KEYS = [...FORMAT_ITEMS.keys()];

/**
 * `pattern` with each literal segment that is no word of any ARN format replaced by `TOKEN`. Such a segment can only
 * stand where a format has a variable (or a wildcard), exactly as a token can, so the two patterns match the same
 * formats; ARNs that differ only in their IDs share one entry of the cache.
 */
function canonicalPattern(pattern: string): string {
  return memoized(CANONICAL_CACHE, pattern, () => pattern.replaceAll(LITERAL_SEGMENT, TOKEN));
}

/**
 * Pattern -> its canonical form: each resource is looked at for several actions and rules. It holds every resource of
 * an app, so each check starts it afresh (`forgetPatterns`) rather than keep the ARNs of every app it has seen.
 */
const CANONICAL_CACHE = new Map<string, string>();

/** Forgets the resources seen so far (the few canonical forms and what they match are kept). */
// Stryker disable next-line BlockStatement: a cache that only frees memory; a pattern's canonical form is the same whenever it is computed.
export function forgetPatterns(): void {
  CANONICAL_CACHE.clear();
}

function patternItems(pattern: string): Item[] {
  return [...pattern].map((c): Item => {
    switch (c) {
      case '*': return { kind: 'star' };
      case '?': return { kind: 'one' };
      default: return { kind: 'lit', c };
    }
  });
}

function formatItems(format: string): FormatItem[] {
  // Split at the variables, their names kept: the parts at odd indexes are the names, the others literal text.
  return format.split(/\$\{(\w+)\}/).flatMap((part, index): FormatItem[] => {
    if (index % 2 === 1) {
      const not = ['Partition', 'Region', 'Account'].includes(part) ? ':' : '/:';
      return [{ kind: 'one', not }, { kind: 'star', not }];
    }
    // Everything else is literal, `*` included: the request for `apps` is made on `.../apps/*` itself.
    return [...part].map((c): FormatItem => ({ kind: 'lit', c }));
  });
}

/**
 * Whether one character can be consumed by both an item of a pattern (`a`) and one of an ARN format (`b`). A wildcard
 * of the pattern is any character; a token (`TOKEN`, neither `/` nor `:`) no literal of a format.
 */
function compatible(a: Item, b: FormatItem): boolean {
  if (isWildcard(a)) {
    return true;
  }
  return isWildcard(b) ? !b.not.includes(a.c) : a.c === b.c;
}

/** Whether some string matches both item lists: a search of the product of the two automata. */
function intersects(a: readonly Item[], b: readonly FormatItem[]): boolean {
  return search(a, b, (x, y, step) => {
    if (x?.kind === 'star') {
      step(1, 0);
    }
    if (y?.kind === 'star') {
      step(0, 1);
    }
    if (x && y && compatible(x, y)) {
      // A star consumes the character and stays; any other item moves on.
      step(x.kind === 'star' ? 0 : 1, y.kind === 'star' ? 0 : 1);
    }
  });
}

/**
 * Whether every string `inner` matches is matched by `outer`: some run of `outer` consumes `inner` with each wildcard
 * of `inner` taken by a `*` of `outer` (a sufficient condition, and exact for the shapes, whose only wildcards are `*`).
 */
function includes(outer: readonly Item[], inner: readonly Item[]): boolean {
  return search(outer, inner, (x, y, step) => {
    if (x?.kind === 'star') {
      step(1, 0);
      if (y) {
        step(0, 1);
      }
    } else if (x?.kind === 'lit' && y?.kind === 'lit' && x.c === y.c && y.c !== TOKEN) {
      // The same literal (two tokens may stand for different values).
      step(1, 1);
    }
  });
}

/**
 * Whether the end of both lists can be reached from their starts, taking the steps `next` makes (by 0 or 1 in each list)
 * from each pair of positions.
 */
function search<A extends Item, B extends Item>(a: readonly A[], b: readonly B[],
  next: (x: A | undefined, y: B | undefined, step: (di: number, dj: number) => void) => void): boolean {
  const width = b.length + 1;
  const seen = new Set<number>();
  const todo: number[] = [0];
  while (todo.length > 0) {
    const state = todo.pop()!;
    if (seen.has(state)) {
      continue;
    }
    seen.add(state);
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === a.length && j === b.length) {
      return true;
    }
    next(a[i], b[j], (di, dj) => todo.push((i + di) * width + j + dj));
  }
  return false;
}

const SHAPE_CACHE = new Map<string, boolean>();

/** The broadest analytics resources (every ID a wildcard), from the paths `metricPath` builds, and `reports`. */
const ANALYTICS_SHAPES: readonly Item[][] = [
  ...ALL_METRICS.map((metric) => `${APPS_RESOURCE}/${metricPath(metric, { projectId: '*' })}`),
  REPORTS_RESOURCE,
].map(patternItems);

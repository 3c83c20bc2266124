/**
 * The one place that checks what users pass in: props and options objects, IDs, regions, accounts, KPIs, lists, flags,
 * policy names and grantees.
 *
 * Every check throws before anything is created, with a message that names the construct and the property, shows the
 * value as given (also one of the wrong type: a string where a KPI object was expected, a string where a list was) and
 * says what is expected. Tokens (`Token.isUnresolved`) are never checked as strings: their value is only known at
 * deploy time.
 *
 * Soft problems are warnings with IDs of their own, which `Annotations.of(scope).acknowledgeWarning(id)` acknowledges:
 * a KPI name the developer guide does not define (`UNKNOWN_KPI_WARNING`, naming the closest one), and a grant of
 * another account's analytics, which no identity policy can reach (`OTHER_ACCOUNT_WARNING`).
 */
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { AnalyticsMetrics } from '../../analytics-metrics';
import { ApplicationKpi } from '../../application-kpi';
import { CampaignKpi } from '../../campaign-kpi';
import { JourneyKpi } from '../../journey-kpi';

/** The id of the warning for a KPI name that the developer guide does not define. */
export const UNKNOWN_KPI_WARNING = 'cdk-pinpoint-analytics-grants:unknownKpi';
/** The id of the warning for a grant of another account's analytics. */
export const OTHER_ACCOUNT_WARNING = 'cdk-pinpoint-analytics-grants:otherAccount';

/** A KPI class, for messages: its name, what it reads, an example constant, and its constants by KPI name. */
export interface KpiClass {
  readonly className: string;
  /** `campaign KPI` */
  readonly what: string;
  readonly example: string;
  /** KPI name -> constant name, in the order of the class. */
  readonly constants: ReadonlyMap<string, string>;
}

/** The constants of `type` (a KPI class), by the KPI name each holds. */
function kpiClassOf(className: string, what: string, type: { readonly prototype: unknown }, example: string): KpiClass {
  const constants = new Map<string, string>();
  for (const [constant, value] of Object.entries(type)) {
    // Stryker disable next-line ConditionalExpression: a KPI class's only enumerable static members are its KPIs (`of` is a method, not enumerable).
    if (Object.getPrototypeOf(value) === type.prototype) {
      constants.set((value as { readonly name: string }).name, constant);
    }
  }
  return { className, what, example, constants };
}

export const APPLICATION_KPI_CLASS = kpiClassOf('ApplicationKpi', 'project KPI', ApplicationKpi, 'TXN_SMS_SENT');
export const CAMPAIGN_KPI_CLASS = kpiClassOf('CampaignKpi', 'campaign KPI', CampaignKpi, 'EMAIL_OPEN_RATE');
export const JOURNEY_KPI_CLASS = kpiClassOf('JourneyKpi', 'journey KPI', JourneyKpi, 'JOURNEY_EMAILS_OPENED');

/** An example of a real Pinpoint ID, for error messages: 32 lowercase hex characters. */
const EXAMPLE_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

/** Letters, digits, `-` and `_`: nothing that could open another ARN segment or a wildcard. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** Region names such as `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-northwest-1`. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/;
/** Twelve digits. */
const ACCOUNT_PATTERN = /^[0-9]{12}$/;
/** Lowercase words of letters and digits joined by single hyphens (`email-open-rate`). */
const KPI_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** IAM managed policy names. */
const POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;
/** IAM policy descriptions: tab, newline, carriage return and the printable Latin-1 range, at most 1,000 characters. */
const DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]{0,1000}$/;

/** What kind of ID a property holds, for messages. */
export type IdKind = 'project' | 'campaign' | 'journey' | 'journey activity';

/**
 * Checks the props of one construct, or the arguments of one method, naming it in every message; collects the warnings
 * about them until they can be given to a construct (`annotate`).
 */
export class PropsValidator {
  /** For the props of the construct `constructType` that is being created in `scope` with `id`. */
  public static forConstruct(constructType: string, scope: IConstruct, id: string): PropsValidator {
    // The path only when a message needs it: an app of many grants checks thousands of props that are fine.
    return new PropsValidator(() => `${constructType} '${scope.node.path ? `${scope.node.path}/${id}` : id}'`);
  }

  /** For the arguments of `PinpointAnalyticsGrants.<method>` on the app reference `app`. */
  public static forGrants(method: string, app: IConstruct): PropsValidator {
    return new PropsValidator(() => `PinpointAnalyticsGrants.${method} (app '${app.node.path}')`);
  }

  /** For the arguments of a static method, such as `PinpointAnalyticsStatements.merge`. */
  public static forMethod(method: string): PropsValidator {
    return new PropsValidator(() => method);
  }

  private readonly warnings: Array<{ readonly id: string; readonly message: string }> = [];

  /** @param describe what is checked, for messages: `CampaignKpiGrant 'App/Stack/Grant'` */
  private constructor(private readonly describe: () => string) {}

  /** Throws the library's error: `<Construct> '<path>': <property> is <value>: <expected>`. */
  public fail(property: string, value: unknown, expected: string): never {
    throw new Error(`${this.describe()}: ${property} is ${show(value)}: ${expected}`);
  }

  /** Gives `scope` the warnings collected so far, each once. */
  public annotate(scope: IConstruct): void {
    for (const { id, message } of this.warnings.splice(0)) {
      Annotations.of(scope).addWarningV2(id, message);
    }
  }

  /** The props or options object. */
  public object<T extends object>(property: string, value: T, expected: string): T {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(property, value, expected);
    }
    return value;
  }

  /**
   * A single Pinpoint ID that becomes one ARN path segment.
   *
   * @param wildcardHint what to do instead, when the value is a wildcard
   */
  public id(property: string, value: string, kind: IdKind, wildcardHint: string): string {
    if (Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(property, value, `expected a Pinpoint ${kind} ID such as "${EXAMPLE_ID}"`);
    }
    if (/[*?]/.test(value)) {
      this.fail(property, value, `a wildcard cannot be used here. ${wildcardHint}`);
    }
    if (!ID_PATTERN.test(value)) {
      this.fail(
        property,
        value,
        `expected a Pinpoint ${kind} ID of 1 to 128 letters, digits, '-' or '_' such as "${EXAMPLE_ID}" ` +
          "(characters such as '/', ':', '*', '?' or white space would change which ARNs the policy matches)",
      );
    }
    return value;
  }

  /** A region name, or `*` for every region where `allowWildcard` is set. `undefined` stays `undefined`. */
  public region(property: string, value: string | undefined, allowWildcard: boolean): string | undefined {
    if (value === undefined || Token.isUnresolved(value)) {
      return value;
    }
    if (allowWildcard && value === '*') {
      return value;
    }
    if (typeof value !== 'string' || !REGION_PATTERN.test(value)) {
      const also = allowWildcard ? ", or '*' for every region" : '';
      this.fail(property, value, `expected an AWS Region name such as "us-east-1"${also}`);
    }
    return value;
  }

  /** A 12-digit AWS account ID. `undefined` stays `undefined`. */
  public account(property: string, value: string | undefined): string | undefined {
    if (value === undefined || Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value !== 'string' || !ACCOUNT_PATTERN.test(value)) {
      this.fail(property, value, 'expected a 12-digit AWS account ID such as "123456789012"');
    }
    return value;
  }

  /**
   * A KPI of `kpiClass`, whose name is checked by `kpiName`. A value that is no KPI at all (a string, `null`, an object
   * without a name) fails, naming the class's closest constant; a well-formed name the developer guide does not define
   * is a warning.
   */
  public kpi(property: string, value: unknown, kpiClass: KpiClass): string {
    if (typeof value !== 'object' || value === null || !('name' in value)) {
      const text = typeof value === 'string';
      const example = text ? closestKpi(value, kpiClass) : kpiClass.example;
      const byName = text ? `; for a KPI by name, use ${kpiClass.className}.of(${show(value)})` : '';
      // Stryker disable next-line Regex: no KPI class name has a capital vowel but its first letter.
      const article = /^[AEIOU]/.test(kpiClass.className) ? 'an' : 'a';
      this.fail(property, value, `expected ${article} ${kpiClass.className} such as ${kpiClass.className}.${example}${byName}`);
    }
    const name = this.kpiName(property, value.name as string);
    if (!Token.isUnresolved(name) && !kpiClass.constants.has(name)) {
      const closest = closestKpi(name, kpiClass);
      const closestName = [...kpiClass.constants].find(([, constant]) => constant === closest)![0];
      this.warn(UNKNOWN_KPI_WARNING, `${property} is ${show(name)}: the Amazon Pinpoint developer guide defines no ` +
        `${kpiClass.what} of that name, so the grant allows a resource that no request reads. The closest defined KPI ` +
        `is ${show(closestName)} (${kpiClass.className}.${closest}). If the name is right, acknowledge this warning.`);
    }
    return name;
  }

  /** A KPI name: lowercase words joined by hyphens. */
  public kpiName(property: string, value: string): string {
    if (Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value !== 'string' || !KPI_NAME_PATTERN.test(value)) {
      this.fail(
        property,
        value,
        'expected a KPI name of lowercase letters and digits in words joined by single hyphens, such as "email-open-rate"',
      );
    }
    return value;
  }

  /**
   * A list that, when given, holds at least one element, each of which `each` checks (with the element's property name,
   * `property[i]`).
   *
   * @param list what a list looks like (`example`, for the message about a value that is no list) and what omitting it
   * means (`whenOmitted`, for the message about an empty one)
   */
  public list<T>(property: string, value: readonly T[] | undefined, list: { readonly example: string; readonly whenOmitted: string },
    each: (property: string, element: T) => unknown): readonly T[] | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (Token.isUnresolved(value)) {
      this.fail(property, '<list token>', 'expected a list of literal values: a token list cannot be split into ARNs');
    }
    if (!Array.isArray(value)) {
      this.fail(property, value, `expected a list such as ${list.example}`);
    }
    if (value.length === 0) {
      this.fail(property, value, `expected at least one element (${list.whenOmitted})`);
    }
    value.forEach((element, i) => each(`${property}[${i}]`, element));
    return value;
  }

  /**
   * Members of `AnalyticsMetrics`, restricted to `allowed`, in `allowed`'s order; when omitted, all of `allowed`.
   *
   * @param whenOmitted what omitting the list means, for the message about an empty one
   */
  public metrics(property: string, value: readonly AnalyticsMetrics[] | undefined, allowed: readonly AnalyticsMetrics[],
    whenOmitted: string): AnalyticsMetrics[] {
    const given = this.list(property, value, { example: `[AnalyticsMetrics.${allowed[0]}]`, whenOmitted }, (element, metric) => {
      if (!allowed.includes(metric)) {
        this.fail(element, metric, `expected one of ${allowed.map((m) => `AnalyticsMetrics.${m}`).join(', ')}`);
      }
    }) ?? allowed;
    return allowed.filter((metric) => given.includes(metric));
  }

  /** That `value`, which selects `what` of one kind of metric, is only given when `metrics` includes that kind. */
  public requires(property: string, value: unknown, metrics: readonly AnalyticsMetrics[], metric: AnalyticsMetrics, what: string): void {
    if (value !== undefined && !metrics.includes(metric)) {
      this.fail(property, value, `${property} selects ${what}, so metrics must include AnalyticsMetrics.${metric}`);
    }
  }

  /** `true` or `false`; `undefined` stays `undefined`, and a token is taken as it is. */
  public flag(property: string, value: boolean | undefined): boolean | undefined {
    if (value !== undefined && !Token.isUnresolved(value) && typeof value !== 'boolean') {
      this.fail(property, value, 'expected true or false');
    }
    return value;
  }

  /** That `grantee` is an `iam.IGrantable`. */
  public grantee(grantee: iam.IGrantable): iam.IGrantable {
    const principal: unknown = typeof grantee === 'object' && grantee !== null ? grantee.grantPrincipal : undefined;
    if (typeof principal !== 'object' || principal === null) {
      this.fail('grantee', grantee, 'expected an iam.IGrantable, such as an iam.Role, iam.User, iam.Group or lambda.Function');
    }
    return grantee;
  }

  /**
   * A warning on `scope` when the analytics of `account` (`undefined`: the account of `scope`'s stack) are granted to
   * `grantee`, whose policies are in a stack of another account, both accounts known at synth. (A principal that is no
   * construct of this app takes no policy of it; a role imported from another account takes none either, and another
   * warning says so.)
   */
  public otherAccount(scope: IConstruct, grantee: iam.IGrantable, account: string | undefined): void {
    const principal: unknown = grantee.grantPrincipal;
    const policyAccount = Construct.isConstruct(principal) ? Stack.of(principal).account : undefined;
    const analyticsAccount = account ?? Stack.of(scope).account;
    if (differentAccounts(analyticsAccount, policyAccount)) {
      Annotations.of(scope).addWarningV2(OTHER_ACCOUNT_WARNING, `${this.describe()} grants the analytics of account ` +
        `${analyticsAccount} to '${(principal as IConstruct).node.path}', whose policies are in account ${policyAccount}. ` +
        `${NO_RESOURCE_POLICIES(policyAccount!)} Grant to a role of account ${analyticsAccount} (in a stack of that ` +
        'account) instead, and let the principals that need the analytics assume that role.');
    }
  }

  /**
   * That the analytics of `account` are read by a policy of `policyAccount`, the account of the stack of `scope`; a
   * warning when both are known and differ.
   */
  public policyAccount(scope: IConstruct, account: string | undefined): void {
    const policyAccount = Stack.of(scope).account;
    if (differentAccounts(account, policyAccount)) {
      this.warn(OTHER_ACCOUNT_WARNING, `account is ${show(account)}, but the managed policy is created in account ` +
        `${policyAccount}, and only principals of that account can be given it. ${NO_RESOURCE_POLICIES(policyAccount)} ` +
        `Create the policy in a stack of account ${account}, grant it to a role there, and let the principals that need ` +
        'the analytics assume that role.');
    }
  }

  /** A list of grants: `PinpointAnalyticsReadPolicy`, `CampaignKpiGrant` or `JourneyMetricsGrant`. */
  public grants<T>(property: string, value: readonly T[]): readonly T[] {
    const expected = 'expected a list of PinpointAnalyticsReadPolicy, CampaignKpiGrant or JourneyMetricsGrant';
    if (!Array.isArray(value)) {
      this.fail(property, value, expected);
    }
    value.forEach((element, i) => {
      if (typeof (element as { toPolicyStatements?: unknown } | null)?.toPolicyStatements !== 'function') {
        this.fail(`${property}[${i}]`, element, expected.replace('a list of', 'a'));
      }
    });
    return value;
  }

  /** An IAM managed policy name. `undefined` stays `undefined`. */
  public policyName(property: string, value: string | undefined): string | undefined {
    if (value === undefined || Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value !== 'string' || !POLICY_NAME_PATTERN.test(value)) {
      this.fail(property, value, "expected an IAM policy name of 1 to 128 letters, digits or '+=,.@-_'");
    }
    return value;
  }

  /** An IAM policy description. `undefined` stays `undefined`. */
  public description(property: string, value: string | undefined): string | undefined {
    if (value === undefined || Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value !== 'string' || !DESCRIPTION_PATTERN.test(value)) {
      this.fail(property, value, 'expected at most 1,000 printable Latin-1 characters, tabs or line breaks');
    }
    return value;
  }

  /** Collects a warning, given to a construct by `annotate`. */
  private warn(id: string, message: string): void {
    this.warnings.push({ id, message: `${this.describe()}: ${message}` });
  }
}

/** Why an identity policy of `policyAccount` cannot reach another account's analytics. */
const NO_RESOURCE_POLICIES = (policyAccount: string) => 'Amazon Pinpoint has no resource-based policies, so an ' +
  `identity policy of account ${policyAccount} can never allow reading another account's analytics: this grant cannot ` +
  'take effect.';

/** Whether `a` and `b` are both account IDs known at synth and differ. */
function differentAccounts(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
}

/** The constant of `kpiClass` whose KPI name is closest to `name` (edit distance; the first in the class on a tie). */
function closestKpi(name: string, kpiClass: KpiClass): string {
  let best: [number, string] | undefined;
  for (const [kpiName, constant] of kpiClass.constants) {
    const distance = editDistance(name, kpiName);
    if (best === undefined || distance < best[0]) {
      best = [distance, constant];
    }
  }
  return best![1];
}

/** The Levenshtein distance of `a` and `b`: the fewest insertions, deletions and substitutions that make one the other. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Shows a value in a message as JSON: strings quoted and escaped, so white space and invisible characters can be seen;
 * what JSON cannot show (undefined, a function, a cycle) as `String` shows it.
 */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

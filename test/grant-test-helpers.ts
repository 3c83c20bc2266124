/**
 * Helpers shared by the construct, access, error and token tests: the action names written out (never taken from
 * `lib/`), ARNs of non-analytics Pinpoint resources, and ways to find what a principal received in a template.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { decide, Decision, NamedPolicy, resolveIntrinsics, Substitutions } from './iam-evaluator';
import { ACCOUNT, REGION } from './util';

/** The six actions this library may grant, spelled as in the Service Authorization Reference. */
export const GET_APPLICATION_KPI = 'mobiletargeting:GetApplicationDateRangeKpi';
export const GET_CAMPAIGN_KPI = 'mobiletargeting:GetCampaignDateRangeKpi';
export const GET_JOURNEY_KPI = 'mobiletargeting:GetJourneyDateRangeKpi';
export const GET_JOURNEY_EXECUTION = 'mobiletargeting:GetJourneyExecutionMetrics';
export const GET_ACTIVITY_EXECUTION = 'mobiletargeting:GetJourneyExecutionActivityMetrics';
export const GET_REPORTS = 'mobiletargeting:GetReports';

/** ARNs of Pinpoint resources that are not analytics, for actions of their own resource type. */
export const otherArns = {
  /** resource type `app` (GetApp, DeleteApp, GetCampaigns, ...) */
  app: (p: string, region = REGION, account = ACCOUNT) => `arn:aws:mobiletargeting:${region}:${account}:apps/${p}`,
  /** resource type `campaign` (GetCampaign, UpdateCampaign, ...) */
  campaign: (p: string, c: string, region = REGION, account = ACCOUNT) =>
    `arn:aws:mobiletargeting:${region}:${account}:apps/${p}/campaigns/${c}`,
  /** resource type `journey` (GetJourney, UpdateJourney, GetJourneyRunExecutionMetrics, ...) */
  journey: (p: string, j: string, region = REGION, account = ACCOUNT) =>
    `arn:aws:mobiletargeting:${region}:${account}:apps/${p}/journeys/${j}`,
};

/** One request and the decision the evaluator must reach. */
export type Expectation = readonly [action: string, resourceArn: string, decision: Decision];

/**
 * Asks the evaluator about every request and compares all decisions at once, so a failure lists each request that
 * came out wrong.
 */
export async function expectDecisions(policies: NamedPolicy[], expectations: readonly Expectation[]): Promise<void> {
  const actual: string[] = [];
  for (const [action, arn] of expectations) {
    actual.push(`${action} on ${arn}: ${await decide(policies, action, arn)}`);
  }
  expect(actual).toEqual(expectations.map(([action, arn, decision]) => `${action} on ${arn}: ${decision}`));
}

/** The logical ID of an L2 construct's CloudFormation resource (a role, user or group). */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/**
 * The policies a role that is not defined in the template (an imported role) receives: every `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` whose `Roles` name it, resolved.
 */
export function policiesOfRoleName(template: Template, roleName: string, subs: Substitutions = {}): NamedPolicy[] {
  const resources: Record<string, any> = template.toJSON().Resources ?? {};
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .filter(([, r]) => (r.Properties?.Roles ?? []).includes(roleName))
    .map(([name, r]) => ({ name, policy: resolveIntrinsics(r.Properties.PolicyDocument, subs) }));
}

/** Every policy statement in the template (policy resources and inline policies) that names a `mobiletargeting` action. */
export function mobiletargetingStatements(template: Template): any[] {
  const statements: any[] = [];
  const visit = (value: any): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      if ('Effect' in value && JSON.stringify(value.Action ?? value.NotAction ?? '').includes('mobiletargeting:')) {
        statements.push(value);
      }
      Object.values(value).forEach(visit);
    }
  };
  visit(template.toJSON().Resources ?? {});
  return statements;
}

/** Every policy document in the template, by the logical ID of the resource that holds it. */
export function policyDocuments(template: Template): Array<{ name: string; document: any }> {
  const documents: Array<{ name: string; document: any }> = [];
  for (const [logicalId, resource] of Object.entries<any>(template.toJSON().Resources ?? {})) {
    if (resource.Properties?.PolicyDocument) {
      documents.push({ name: logicalId, document: resource.Properties.PolicyDocument });
    }
    for (const [i, inline] of (resource.Properties?.Policies ?? []).entries()) {
      documents.push({ name: `${logicalId}.Policies[${i}]`, document: inline.PolicyDocument });
    }
  }
  return documents;
}

/** The template as one string, to look for text that must never appear (a literal partition, say). */
export function templateText(template: Template): string {
  return JSON.stringify(template.toJSON());
}

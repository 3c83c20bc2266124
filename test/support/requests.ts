/**
 * Requests for the evaluator near a grant's boundary: one request of each analytics kind at a place (a project,
 * campaign, journey, activity, region and account), and actions that are not analytics, which no grant allows.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { arns, GET_ACTIVITY_EXECUTION, GET_APPLICATION_KPI, GET_CAMPAIGN_KPI, GET_JOURNEY_EXECUTION, GET_JOURNEY_KPI, otherArns } from './analytics';
import { ACCOUNT, CAMPAIGN_ID, JOURNEY_ID, PROJECT_ID, REGION, templateOf, testApp, testStack } from './app';
import { Decision, Expectation, identityPoliciesOf, NamedPolicy } from './evaluator';
import { newRole } from './principals';
import { logicalIdOf } from './template';

/** The journey activity of a request when the place names none. */
export const ACTIVITY_ID = 'welcome-email';

/** Where a request reads: each part that is not given is the tests' own (PROJECT_ID, CAMPAIGN_ID, ...). */
export interface RequestPlace {
  readonly p?: string;
  readonly c?: string;
  readonly j?: string;
  readonly a?: string;
  readonly region?: string;
  readonly account?: string;
}

/** The five kinds of analytics on a project's resources (the console's reports aside). */
export type AnalyticsKind = 'application' | 'campaign' | 'journey' | 'journeyExecution' | 'activityExecution';
/** Every `AnalyticsKind`. */
export const ANALYTICS_KINDS: AnalyticsKind[] = ['application', 'campaign', 'journey', 'journeyExecution', 'activityExecution'];

/** One request of `kind` (a concrete ARN of the action's own resource type) at `place`. */
export function analyticsRequest(kind: AnalyticsKind, place: RequestPlace = {}): [string, string] {
  const { p = PROJECT_ID, c = CAMPAIGN_ID, j = JOURNEY_ID, a = ACTIVITY_ID, region = REGION, account = ACCOUNT } = place;
  switch (kind) {
    case 'application': return [GET_APPLICATION_KPI, arns.applicationKpi(p, 'email-open-rate', region, account)];
    case 'campaign': return [GET_CAMPAIGN_KPI, arns.campaignKpi(p, c, 'email-open-rate', region, account)];
    case 'journey': return [GET_JOURNEY_KPI, arns.journeyKpi(p, j, 'journey-emails-opened', region, account)];
    case 'journeyExecution': return [GET_JOURNEY_EXECUTION, arns.journeyExecution(p, j, region, account)];
    case 'activityExecution': return [GET_ACTIVITY_EXECUTION, arns.activityExecution(p, j, a, region, account)];
  }
}

/** The same decision for one request of each of `kinds` at `place`. */
export function eachKind(kinds: readonly AnalyticsKind[], decision: Decision, place: RequestPlace = {}): Expectation[] {
  return kinds.map((kind) => [...analyticsRequest(kind, place), decision]);
}

/** Actions that are not analytics, on valid ARNs of their own resource types at `place`: never granted. */
export function nonAnalyticsRequests(place: RequestPlace = {}): Expectation[] {
  const { p = PROJECT_ID, c = CAMPAIGN_ID, j = JOURNEY_ID, region = REGION, account = ACCOUNT } = place;
  const denied = 'ImplicitlyDenied';
  return [
    ['mobiletargeting:GetApp', otherArns.app(p, region, account), denied],
    ['mobiletargeting:DeleteApp', otherArns.app(p, region, account), denied],
    ['mobiletargeting:GetCampaigns', otherArns.app(p, region, account), denied],
    ['mobiletargeting:GetCampaign', otherArns.campaign(p, c, region, account), denied],
    ['mobiletargeting:UpdateCampaign', otherArns.campaign(p, c, region, account), denied],
    ['mobiletargeting:GetJourney', otherArns.journey(p, j, region, account), denied],
    ['mobiletargeting:UpdateJourney', otherArns.journey(p, j, region, account), denied],
    ['mobiletargeting:GetJourneyRunExecutionMetrics', otherArns.journey(p, j, region, account), denied],
    ['mobiletargeting:GetJourneyRunExecutionActivityMetrics', otherArns.journey(p, j, region, account), denied],
  ];
}

/** The resolved identity policies of a role of a new app (with `context`) after `grant` ran on it. */
export function policiesOfGrantedRole(grant: (stack: Stack, role: iam.Role) => void, context: Record<string, unknown> = {}): NamedPolicy[] {
  const stack = testStack(testApp(context));
  const role = newRole(stack);
  grant(stack, role);
  return identityPoliciesOf(templateOf(stack), logicalIdOf(role));
}

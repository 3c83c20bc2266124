/**
 * Golden tests: given the developer guide's inputs, each of its four example policies comes out exactly (Sid, actions,
 * resources and their order), with the guide's placeholders replaced by concrete values and the `aws` partition, from
 * the constructs and from the Grants class.
 *
 * Under both aws-cdk-lib's defaults and the flags of a new app: with `@aws-cdk/aws-iam:minimizePolicies` on, aws-cdk-lib
 * writes each statement's actions and resources sorted (`minimizedForm`), and nothing else changes; the statements the
 * constructs hand out (`toPolicyStatements`) are the guide's, in its order, under both.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { CampaignKpiGrant, JourneyMetricsGrant, PinpointAnalyticsGrants, PinpointAnalyticsReadPolicy } from '../../lib';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  FLAG_SETS,
  JOURNEY_ID,
  logicalIdOf,
  minimizedForm,
  newRole,
  PROJECT_ID,
  REGION,
  synthesizedForm,
  templateOf,
  testApp,
  testStack,
} from '../support';

interface Example {
  readonly name: string;
  readonly policy: { Version: string; Statement: any[] };
}

const fixture: { examples: Example[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'developer-guide-policies.json'), 'utf-8'),
);

/** The guide's placeholders, replaced segment by segment so nothing else in an ARN can change. */
function concrete(policy: Example['policy']): Example['policy'] {
  const arn = (value: string) => {
    const parts = value.split(':');
    expect(parts.slice(0, 3)).toEqual(['arn', 'aws', 'mobiletargeting']);
    const region = parts[3] === 'region' ? REGION : parts[3];
    const account = parts[4] === 'accountId' ? ACCOUNT : parts[4];
    const resource = parts.slice(5).join(':').split('/').map((segment, i, all) => {
      const before = all[i - 1];
      if (before === 'apps' && segment === 'projectId') return PROJECT_ID;
      if (before === 'campaigns' && segment === 'campaignId') return CAMPAIGN_ID;
      if (before === 'journeys' && segment === 'journeyId') return JOURNEY_ID;
      return segment;
    }).join('/');
    return ['arn', 'aws', 'mobiletargeting', region, account, resource].join(':');
  };
  const resources = (value: string | string[]) => (Array.isArray(value) ? value.map(arn) : arn(value));
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => ({ ...statement, Resource: resources(statement.Resource) })),
  };
}

function example(index: number): Example['policy'] {
  const policy = concrete(fixture.examples[index].policy);
  // The substitution itself: no placeholder is left.
  expect(JSON.stringify(policy)).not.toMatch(/region|accountId|projectId|campaignId|journeyId/);
  return policy;
}

function managedPolicyDocument(stack: Stack, readPolicy: PinpointAnalyticsReadPolicy): any {
  const template = templateOf(stack).toJSON();
  return template.Resources[logicalIdOf(readPolicy.managedPolicy)].Properties.PolicyDocument;
}

function defaultPolicyDocument(stack: Stack, role: iam.Role): any {
  const template = templateOf(stack).toJSON();
  const policyId = stack.getLogicalId(role.node.findChild('DefaultPolicy').node.defaultChild as any);
  return template.Resources[policyId].Properties.PolicyDocument;
}

function resolvedStatements(stack: Stack, statements: iam.PolicyStatement[]): any[] {
  return statements.map((statement) => stack.resolve(statement.toStatementJson()));
}

function grantee(stack: Stack): iam.Role {
  return newRole(stack, 'Grantee');
}

test('the fixture holds the developer guide\'s four examples with their placeholders', () => {
  expect(fixture.examples.map((e) => e.policy.Statement.map((s) => s.Sid))).toEqual([
    ['QueryAllAnalytics'], ['QueryProjectAnalytics'], ['QueryCampaignAnalytics'], ['QueryJourneyAnalytics'],
  ]);
});

test('under minimizePolicies, three of the four examples are written in another order; the campaign\'s is one action on one resource', () => {
  const reordered = [0, 1, 2, 3].map((i) => JSON.stringify(minimizedForm(example(i))) !== JSON.stringify(example(i)));
  expect(reordered).toEqual([true, true, false, true]);
  // the same statement: the same Sid, actions and resources
  for (const i of [0, 1, 3]) {
    const [statement] = example(i).Statement;
    const [minimized] = minimizedForm(example(i)).Statement;
    expect({ ...minimized, Action: [...minimized.Action].sort(), Resource: [...minimized.Resource].sort() })
      .toEqual({ ...statement, Action: [...statement.Action].sort(), Resource: [...statement.Resource].sort() });
  }
});

describe.each(FLAG_SETS)('with $name', (flags) => {
  /** A stack of an app with `flags`. */
  const flaggedStack = () => testStack(testApp(flags.context));

  describe('the developer guide\'s example policies', () => {
    test('example 1 (all analytics in all regions) is the managed policy of a read policy with regions [\'*\']', () => {
      // GIVEN
      const stack = flaggedStack();
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'AllAnalytics', { regions: ['*'] });
      // THEN
      const expected = example(0);
      expect(managedPolicyDocument(stack, readPolicy)).toEqual(synthesizedForm(expected, flags));
      expect(resolvedStatements(stack, readPolicy.toPolicyStatements())).toEqual(expected.Statement);
    });

    test('example 2 (one project in one region) is the managed policy of a read policy with one project', () => {
      // GIVEN
      const stack = flaggedStack();
      // WHEN
      const readPolicy = new PinpointAnalyticsReadPolicy(stack, 'ProjectAnalytics', { projectIds: [PROJECT_ID] });
      // THEN
      const expected = example(1);
      expect(managedPolicyDocument(stack, readPolicy)).toEqual(synthesizedForm(expected, flags));
      expect(resolvedStatements(stack, readPolicy.toPolicyStatements())).toEqual(expected.Statement);
    });

    test('example 3 (one campaign) is the default policy of a role granted a CampaignKpiGrant', () => {
      // GIVEN
      const stack = flaggedStack();
      const role = grantee(stack);
      // WHEN
      const grant = new CampaignKpiGrant(stack, 'CampaignAnalytics', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID });
      grant.grantTo(role);
      // THEN
      const expected = example(2);
      expect(defaultPolicyDocument(stack, role)).toEqual(synthesizedForm(expected, flags));
      expect(resolvedStatements(stack, grant.toPolicyStatements())).toEqual(expected.Statement);
    });

    test('example 4 (one journey and its activities) is the default policy of a role granted a JourneyMetricsGrant', () => {
      // GIVEN
      const stack = flaggedStack();
      const role = grantee(stack);
      // WHEN
      const grant = new JourneyMetricsGrant(stack, 'JourneyAnalytics', { projectId: PROJECT_ID, journeyId: JOURNEY_ID });
      grant.grantTo(role);
      // THEN
      const expected = example(3);
      expect(defaultPolicyDocument(stack, role)).toEqual(synthesizedForm(expected, flags));
      expect(resolvedStatements(stack, grant.toPolicyStatements())).toEqual(expected.Statement);
    });
  });

  describe('the developer guide\'s example policies, through PinpointAnalyticsGrants', () => {
    test('example 2 (one project in one region) is the default policy of a role granted readAnalytics', () => {
      const stack = flaggedStack();
      const role = grantee(stack);
      PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readAnalytics(role);
      expect(defaultPolicyDocument(stack, role)).toEqual(synthesizedForm(example(1), flags));
    });

    test('example 3 (one campaign) is the default policy of a role granted readCampaignKpis', () => {
      const stack = flaggedStack();
      const role = grantee(stack);
      PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readCampaignKpis(role, CAMPAIGN_ID);
      expect(defaultPolicyDocument(stack, role)).toEqual(synthesizedForm(example(2), flags));
    });

    test('example 4 (one journey and its activities) is the default policy of a role granted readJourneyMetrics', () => {
      const stack = flaggedStack();
      const role = grantee(stack);
      PinpointAnalyticsGrants.fromApp(pinpoint.CfnApp.fromAppId(stack, 'Project', PROJECT_ID)).readJourneyMetrics(role, JOURNEY_ID);
      expect(defaultPolicyDocument(stack, role)).toEqual(synthesizedForm(example(3), flags));
    });
  });
});

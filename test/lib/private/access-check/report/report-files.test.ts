/**
 * How the report files are written (lib/private/access-check/report/report-files.ts) when an earlier synthesis left
 * one in the same directory: a report that changed is written when the process exits, one that says the same is left
 * as it is.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { CampaignKpiGrant } from '../../../../../lib';
import { writeDeferredReportFiles, writeReportFile } from '../../../../../lib/private/access-check/report/report-files';
import {
  newRole,
  PROJECT_ID,
  removeTestOutdirs,
  resultIn,
  synthWithValidator,
  testApp,
  testOutdir,
  testStack,
} from '../../../../support';

afterEach(removeTestOutdirs);

describe('writing the report', () => {
  /** An app into `outdir` whose one role reads the KPIs of `campaigns` campaigns. */
  function appWithCampaigns(outdir: string, campaigns: number) {
    const app = testApp({}, outdir);
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    for (let i = 0; i < campaigns; i++) {
      new CampaignKpiGrant(stack, `Campaign${i}`, { projectId: PROJECT_ID, campaignId: `c${i}` }).grantTo(role);
    }
    return app;
  }

  test('a second synthesis into the same directory that changes the report passes, and the report is updated at exit', () => {
    // GIVEN a first synthesis, as `cdk synth` leaves it
    const outdir = testOutdir();
    const first = synthWithValidator(appWithCampaigns(outdir, 1));
    expect(first.report.principals[0].allows[0].resources).toHaveLength(1);
    // WHEN the app changes and synthesizes into the same directory (aws-cdk-lib 2.262 fails a plugin that changes a
    // file of the cloud assembly during validation)
    const second = synthWithValidator(appWithCampaigns(outdir, 2));
    // THEN synthesis passes, the report is written when the process exits (here: by hand)
    expect(second.message).toBe('');
    expect(second.report.principals[0].allows[0].resources).toHaveLength(1);
    writeDeferredReportFiles();
    expect(resultIn(outdir).report.principals[0].allows[0].resources).toHaveLength(2);
  });

  test('a report that says the same is left as it is', () => {
    const outdir = testOutdir();
    synthWithValidator(appWithCampaigns(outdir, 1));
    const before = readFileSync(path.join(outdir, 'pinpoint-access-report.md'), 'utf-8');
    synthWithValidator(appWithCampaigns(outdir, 1));
    writeDeferredReportFiles();
    expect(readFileSync(path.join(outdir, 'pinpoint-access-report.md'), 'utf-8')).toBe(before);
  });

  test('a report that says the same defers nothing: what changes the file afterwards stays', () => {
    // GIVEN a report file written once
    const file = path.join(testOutdir(), 'pinpoint-access-report.md');
    writeReportFile(file, 'same');
    // WHEN the same report is written again, and something else changes the file before the process exits
    writeReportFile(file, 'same');
    writeFileSync(file, 'changed since');
    writeDeferredReportFiles();
    // THEN nothing was waiting to be written over it
    expect(readFileSync(file, 'utf-8')).toBe('changed since');
  });

  test('a changed report is written at the process\'s exit, by one exit listener however many reports wait', () => {
    // GIVEN no report waiting (earlier tests of this file may have left the listener registered)
    process.removeListener('exit', writeDeferredReportFiles);
    const outdir = testOutdir();
    const files = ['a.md', 'b.md'].map((name) => path.join(outdir, name));
    files.forEach((file) => writeReportFile(file, 'first'));
    // WHEN both change
    files.forEach((file) => writeReportFile(file, 'second'));
    // THEN one listener of the process's 'exit' writes them, and until then they hold the previous report
    const atExit = process.listeners('exit').filter((listener) => listener === writeDeferredReportFiles);
    expect(atExit).toHaveLength(1);
    expect(files.map((file) => readFileSync(file, 'utf-8'))).toEqual(['first', 'first']);
    process.removeListener('exit', writeDeferredReportFiles);
    atExit[0](0); // as the process's exit would (emitting 'exit' here would run jest's own listeners too)
    expect(files.map((file) => readFileSync(file, 'utf-8'))).toEqual(['second', 'second']);
  });

  test('a report whose directory is gone by the time the process exits is not written', () => {
    const outdir = testOutdir();
    const file = path.join(outdir, 'pinpoint-access-report.md');
    writeReportFile(file, 'first');
    writeReportFile(file, 'second');
    rmSync(outdir, { recursive: true });
    expect(() => writeDeferredReportFiles()).not.toThrow();
    expect(existsSync(file)).toBe(false);
  });
});

/**
 * Writes the report files into the cloud assembly.
 *
 * aws-cdk-lib 2.262 fails synthesis when a validation plugin changes a file that was in the cloud assembly before the
 * plugins ran ("validation plugin ... modified the cloud assembly"), and `cdk synth` writes into the same output
 * directory every time: the report of the previous synthesis is there. So a report file is written at once when it is
 * new, left alone when it already says the same, and otherwise written when the process exits, after aws-cdk-lib's
 * check (the CDK CLI reads the cloud assembly once the app's process has exited).
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';

/** file -> content, to write when the process exits. */
const DEFERRED = new Map<string, string>();

/** Writes `content` to `file`: now, when the process exits, or not at all when it already holds it. */
export function writeReportFile(file: string, content: string): void {
  if (!existsSync(file)) {
    writeFileSync(file, content);
  } else if (readFileSync(file, 'utf-8') !== content) {
    if (!process.listeners('exit').includes(writeDeferredReportFiles)) {
      process.once('exit', writeDeferredReportFiles);
    }
    DEFERRED.set(file, content);
  }
}

/** Writes the report files that changed since the previous synthesis (when the process exits). */
export function writeDeferredReportFiles(): void {
  for (const [file, content] of DEFERRED) {
    try {
      writeFileSync(file, content);
    } catch {
      // The output directory is gone (a test removed it): there is nothing to update.
    }
  }
  DEFERRED.clear();
}

/**
 * A Stryker reporter ('file-times') that writes how long a run took, and how much of it each file of lib/ cost, to
 * `<report base>.times.json` (next to the run's .json report; see report-base.mjs).
 *
 * Stryker tests the mutants of a run with `concurrency` test runners and says only when each one is done. A file's time
 * is the wall-clock time between each of its mutants' completion and the completion before it (whichever file that
 * was), so the files' times add up to the run's mutation phase; the initial (unmutated) run of the suite is counted
 * once for the run, under `initialRun`. A run over several files thus costs one initial run instead of one per file.
 *
 * Declared without importing @stryker-mutator/api: a plugin is an object { kind, name, injectableClass }.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';

class FileTimesReporter {
  static inject = ['options'];

  constructor(options) {
    this.file = `${options.jsonReporter.fileName.replace(/\.json$/, '')}.times.json`;
    // What the run mutates: a file with nothing to mutate (interfaces only) is in no report, but it was covered.
    this.mutate = options.mutate;
    this.start = Date.now();
    this.last = undefined;
    this.files = {};
  }

  onDryRunCompleted() {
    this.initialRun = Date.now() - this.start;
    this.last = Date.now();
  }

  onMutantTested(result) {
    const now = Date.now();
    const entry = (this.files[result.fileName] ??= { mutants: 0, ms: 0 });
    entry.mutants += 1;
    entry.ms += now - (this.last ?? now);
    this.last = now;
  }

  wrapUp() {
    const seconds = (ms) => Math.round(ms / 1000);
    const files = Object.fromEntries(Object.entries(this.files).sort(([a], [b]) => a.localeCompare(b))
      .map(([file, { mutants, ms }]) => [file, { mutants, seconds: seconds(ms) }]));
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({
      date: new Date().toISOString(),
      totalSeconds: seconds(Date.now() - this.start),
      initialRunSeconds: seconds(this.initialRun ?? 0),
      mutate: this.mutate,
      files,
    }, undefined, 2) + '\n');
  }
}

export const strykerPlugins = [{ kind: 'Reporter', name: 'file-times', injectableClass: FileTimesReporter }];

/**
 * Adds up the mutation score of lib/ from the latest Stryker report of each file: the full run's
 * (reports/mutation/mutation.json) or, where newer, a one-file run's (MUTATE_FILE=..., reports/mutation/files/).
 * Lists every surviving mutant, and the files of lib/ no report covers (a report of a file whose source has changed
 * since does not count), and what the runs cost: each file's time and each counted run's total (its .times.json, see
 * file-times-reporter.mjs). Usage: `node tools/mutation/score.mjs`.
 *
 * The score counts as Stryker does: killed and timed-out mutants over all mutants that were tested or had no test
 * (survived, no coverage); mutants that do not compile and those disabled with a `Stryker disable` comment are left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { reportBase } from './report-base.mjs';

const REPORTS = 'reports/mutation';
const candidates = [join(REPORTS, 'mutation.json')];
if (existsSync(join(REPORTS, 'files'))) {
  candidates.push(...readdirSync(join(REPORTS, 'files')).filter((f) => f.endsWith('.json') && !f.endsWith('.incremental.json'))
    .map((f) => join(REPORTS, 'files', f)));
}

/** file of lib/ -> { mutants, time } from the newest report that has it */
const latest = new Map();
for (const report of candidates.filter((f) => existsSync(f))) {
  const time = statSync(report).mtimeMs;
  for (const [file, { mutants, source }] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) {
    if (!latest.has(file) || latest.get(file).time < time) {
      latest.set(file, { mutants, source, time, report });
    }
  }
}

const lib = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? lib(join(dir, e.name)) : e.name.endsWith('.ts') && e.name !== 'index.ts' && !e.name.endsWith('.generated.ts')
    ? [join(dir, e.name)] : []);
// A report of a file that has changed since says nothing about it now, unless the change is only `Stryker disable
// next-line` comments added or removed: then its mutants are the same code, and those that such a comment now disables
// are left out, as a run would leave them out.
const DISABLE = /^\s*\/\/ Stryker disable next-line ([\w,]+):/;
for (const [file, entry] of latest) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (entry.source === undefined) {
    latest.delete(file);
    continue;
  }
  if (current === entry.source) {
    continue;
  }
  const code = (text) => text.split('\n').map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => !DISABLE.test(line));
  const before = code(entry.source);
  const now = current === undefined ? [] : code(current);
  if (current === undefined || before.length !== now.length || before.some(({ line }, i) => line !== now[i].line)) {
    latest.delete(file);
    continue;
  }
  const lines = current.split('\n');
  const movedTo = new Map(before.map(({ number }, i) => [number, now[i].number]));
  const disabled = (m) => (DISABLE.exec(lines[movedTo.get(m.location.start.line) - 2] ?? '')?.[1].split(',') ?? []).includes(m.mutatorName);
  entry.mutants = entry.mutants.filter((m) => !disabled(m))
    .map((m) => ({ ...m, location: { ...m.location, start: { ...m.location.start, line: movedTo.get(m.location.start.line) } } }));
  entry.source = current;
}
// A file Stryker finds nothing to mutate in (interfaces, an enum) is left out of the reports: a run newer than the file
// that mutated it (a one-file report, or the `mutate` list of a run's times) covers it with no mutants.
const timesFiles = existsSync(join(REPORTS, 'files'))
  ? readdirSync(join(REPORTS, 'files')).filter((f) => f.endsWith('.times.json')).map((f) => join(REPORTS, 'files', f)) : [];
const noMutants = lib('lib').filter((f) => {
  if (latest.has(f)) {
    return false;
  }
  const report = `${reportBase(f)}.json`;
  const newer = (file) => statSync(file).mtimeMs > statSync(f).mtimeMs;
  return (existsSync(report) && !(f in JSON.parse(readFileSync(report, 'utf8')).files) && newer(report)) ||
    timesFiles.some((t) => newer(t) && (JSON.parse(readFileSync(t, 'utf8')).mutate ?? []).includes(f));
});
const missing = lib('lib').filter((f) => !latest.has(f) && !noMutants.includes(f));

/** The times a run's reporter wrote (file-times-reporter.mjs), if it did. */
const timesOf = (report) => {
  const file = report.replace(/\.json$/, '.times.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

let detected = 0;
let undetected = 0;
const survivors = [];
for (const [file, { mutants, source, time, report }] of [...latest].sort()) {
  const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
  const k = count('Killed', 'Timeout');
  const s = count('Survived', 'NoCoverage');
  detected += k;
  undetected += s;
  const date = new Date(time).toISOString().slice(0, 16).replace('T', ' ');
  // The reporter names files by their path in the run's directory (relative, or absolute in newer runs).
  const fileTimes = Object.entries(timesOf(report)?.files ?? {}).find(([name]) => name === file || name.endsWith(`/${file}`));
  const seconds = fileTimes?.[1].seconds;
  console.log(`${file.padEnd(52)} ${String(k).padStart(4)} killed ${String(s).padStart(3)} survived  ` +
    `${(100 * k / Math.max(1, k + s)).toFixed(1).padStart(5)} %  ${seconds === undefined ? '' : `${String(seconds).padStart(4)} s  `}` +
    `(${date} UTC)`);
  const lines = source.split('\n');
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    const line = m.location.start.line;
    survivors.push(`${file}:${line} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')} | ${lines[line - 1].trim()}`);
  }
}
for (const file of noMutants) {
  console.log(`${file.padEnd(40)} no mutants`);
}
// The runs whose reports count, with their initial runs: what a fresh run of lib/ costs run by run as these were.
const runs = [...new Set([...latest.values()].map((l) => l.report))].map(timesOf).filter((t) => t !== undefined);
if (runs.length > 0) {
  const total = runs.reduce((sum, t) => sum + t.totalSeconds, 0);
  console.log(`\ntime: ${runs.length} runs, ${Math.round(total / 60)} min in all ` +
    `(of which ${Math.round(runs.reduce((sum, t) => sum + t.initialRunSeconds, 0) / 60)} min their initial runs)`);
}
console.log(`\nlib/: ${detected} killed, ${undetected} survived: mutation score ${(100 * detected / Math.max(1, detected + undetected)).toFixed(2)} %`);
if (missing.length > 0) {
  console.log(`not covered by a report of the current source (score incomplete): ${missing.join(', ')}`);
}
if (survivors.length > 0) {
  console.log(`\nsurviving mutants:\n${survivors.join('\n')}`);
}

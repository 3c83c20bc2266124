/**
 * Adds up the mutation score of lib/ from the latest Stryker report of each file: the full run's
 * (reports/mutation/mutation.json) or, where newer, a one-file or group run's (MUTATE_FILE=..., reports/mutation/files/).
 * Those reports stay in the checkout that ran Stryker, so each file's figures are also written to a record in
 * tools/mutation/results/ (its counts, its survivors with their lines, the run's times and the sha256 of the source it
 * was run on), which is committed: a file no local report covers is counted from its record while its source is
 * unchanged. Lists every surviving mutant, and the files of lib/ neither covers (a report or record of a file whose
 * source has changed since does not count), and what the runs cost: each file's time and each counted run's total
 * (its .times.json, see file-times-reporter.mjs). Usage: `node tools/mutation/score.mjs` (`npm run mutation:score`).
 *
 * The score counts as Stryker does: killed and timed-out mutants over all mutants that were tested or had no test
 * (survived, no coverage); mutants that do not compile and those disabled with a `Stryker disable` comment are left out.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { reportBase } from './report-base.mjs';

const REPORTS = 'reports/mutation';
const RECORDS = 'tools/mutation/results';
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

/** The times a run's reporter wrote (file-times-reporter.mjs), if it did. */
const timesOf = (report) => {
  const file = report.replace(/\.json$/, '.times.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const recordFile = (file) => join(RECORDS, `${file.replace(/[/\\]/g, '_').replace(/\.ts$/, '')}.json`);

/**
 * What a run found in one file, kept in the repository (tools/mutation/results/): the reports above are local to the
 * checkout that ran Stryker, a record outlives it. A record counts only while its file's source is the one it was
 * made from (its sha256); the run it came from is named with its times, so a fresh run's cost can be added up.
 */
function recordOf(file, { mutants, source, time, report }) {
  const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
  const times = timesOf(report);
  // The reporter names files by their path in the run's directory (relative, or absolute in newer runs).
  const fileTimes = Object.entries(times?.files ?? {}).find(([name]) => name === file || name.endsWith(`/${file}`));
  const lines = source.split('\n');
  return {
    file,
    sha256: sha256(source),
    date: times?.date ?? new Date(time).toISOString(),
    run: times === undefined ? undefined : {
      name: report.replace(/^.*[/\\]/, '').replace(/\.json$/, ''),
      date: times.date,
      totalSeconds: times.totalSeconds,
      initialRunSeconds: times.initialRunSeconds,
    },
    seconds: fileTimes?.[1].seconds,
    killed: count('Killed', 'Timeout'),
    timedOut: count('Timeout'),
    survived: count('Survived', 'NoCoverage'),
    survivors: mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
      .map((m) => ({
        line: m.location.start.line,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status,
        code: lines[m.location.start.line - 1].trim(),
      })),
  };
}

/** file of lib/ -> its record: from a local report (written to tools/mutation/results/), else a committed one. */
const records = new Map();
mkdirSync(RECORDS, { recursive: true });
for (const [file, entry] of [...latest].sort()) {
  const record = recordOf(file, entry);
  writeFileSync(recordFile(file), JSON.stringify(record, undefined, 2) + '\n');
  records.set(file, record);
}
for (const file of noMutants) {
  const record = { file, sha256: sha256(readFileSync(file, 'utf8')), date: statSync(file).mtime.toISOString(), killed: 0, timedOut: 0, survived: 0, survivors: [] };
  if (!existsSync(recordFile(file)) || JSON.parse(readFileSync(recordFile(file), 'utf8')).sha256 !== record.sha256) {
    writeFileSync(recordFile(file), JSON.stringify(record, undefined, 2) + '\n');
  }
}
const missing = [];
for (const file of lib('lib').filter((f) => !latest.has(f)).sort()) {
  const record = existsSync(recordFile(file)) ? JSON.parse(readFileSync(recordFile(file), 'utf8')) : undefined;
  if (record?.sha256 === sha256(readFileSync(file, 'utf8'))) {
    records.set(file, record);
  } else {
    missing.push(file);
  }
}

let detected = 0;
let undetected = 0;
const survivors = [];
for (const [file, record] of [...records].sort(([a], [b]) => a.localeCompare(b))) {
  detected += record.killed;
  undetected += record.survived;
  const { killed: k, survived: s, seconds } = record;
  console.log(`${file.padEnd(52)} ${String(k).padStart(4)} killed ${String(s).padStart(3)} survived  ` +
    `${k + s === 0 ? ' none  ' : `${(100 * k / (k + s)).toFixed(1).padStart(5)} %`}  ${seconds === undefined ? '' : `${String(seconds).padStart(4)} s  `}` +
    `(${record.date.slice(0, 16).replace('T', ' ')} UTC${record.timedOut > 0 ? `, ${record.timedOut} timed out` : ''})`);
  survivors.push(...record.survivors.map((m) => `${file}:${m.line} ${m.mutator} ${JSON.stringify(m.replacement)} | ${m.code}`));
}
// The runs whose records count, with their initial runs: what a fresh run of lib/ costs run by run as these were.
const runs = [...new Map([...records.values()].filter((r) => r.run !== undefined).map((r) => [`${r.run.name} ${r.run.date}`, r.run])).values()];
if (runs.length > 0) {
  const total = runs.reduce((sum, r) => sum + r.totalSeconds, 0);
  console.log(`\ntime: ${runs.length} runs, ${Math.round(total / 60)} min in all ` +
    `(of which ${Math.round(runs.reduce((sum, r) => sum + r.initialRunSeconds, 0) / 60)} min their initial runs)`);
}
console.log(`\nlib/: ${detected} killed, ${undetected} survived: mutation score ${(100 * detected / Math.max(1, detected + undetected)).toFixed(2)} %`);
if (missing.length > 0) {
  console.log(`not covered by a report or record of the current source (score incomplete): ${missing.join(', ')}`);
}
if (survivors.length > 0) {
  console.log(`\nsurviving mutants:\n${survivors.join('\n')}`);
}

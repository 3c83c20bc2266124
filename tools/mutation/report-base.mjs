/**
 * Where a Stryker run keeps its reports (stryker.config.mjs) and where `npm run mutation:score` looks for them
 * (score.mjs): `reports/mutation/mutation` for a run over all of lib/, `reports/mutation/files/lib_private_x` for a
 * one-file run of lib/private/x.ts (MUTATE_FILE). Add `.json`, `.html` or `.incremental.json`.
 */
export function reportBase(file) {
  return file ? `reports/mutation/files/${file.replace(/[/\\]/g, '_').replace(/\.ts$/, '')}` : 'reports/mutation/mutation';
}

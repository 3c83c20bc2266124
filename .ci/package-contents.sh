#!/usr/bin/env bash
# What users get from npm: API.md is up to date, and `npm pack` holds only what a user needs.
#
# Allowed: build/**/*.js and build/**/*.d.ts (the compiled library and the pinpoint-access-check command), .jsii (the
# assembly Construct Hub and the other languages' runtimes read), README.md, API.md, LICENSE, CHANGELOG.md, package.json, and the
# bundled dependencies (package.json's bundledDependencies, which jsii requires for a run-time dependency that is not a
# jsii package) under node_modules/. Anything else (TypeScript sources, tests, examples, the rosetta fixture, CI
# scripts, reports) fails the check: exclude it in .projenrc.ts (addPackageIgnore).
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-18,20}"

echo "== compile (jsii) and regenerate API.md (jsii-docgen)"
# jsii-docgen reads every .jsii below the project and may document a copy of this package's assembly in place of
# ./.jsii: no copy may lie around (dependencies' assemblies, in node_modules/ and .cdk-newest/, are theirs).
copies=$(find . -name .jsii -not -path ./.jsii \
  -not -path './node_modules/*' -not -path './.cdk-newest/*' -not -path './.git/*')
if [ -n "$copies" ]; then
  echo "FAILED: copies of an assembly below the project would reach API.md; remove them: $copies" >&2
  exit 1
fi
npx projen compile
npx projen docgen
if ! git diff --quiet -- API.md || [ -n "$(git ls-files --others --exclude-standard -- API.md)" ]; then
  git --no-pager diff --stat -- API.md
  echo "FAILED: API.md was out of date with the doc comments in lib/; it has been regenerated: commit it" >&2
  exit 1
fi
echo "API.md is up to date"

echo "== npm pack --dry-run: only what a user needs"
npm pack --dry-run --json --ignore-scripts 2>/dev/null | node -e '
const fs = require("fs");
const pkg = JSON.parse(fs.readFileSync("package.json", "utf-8"));
const files = JSON.parse(fs.readFileSync(0, "utf-8"))[0].files.map((f) => f.path).sort();
const bundled = pkg.bundledDependencies ?? [];
const allowed = [
  /^build\/.+\.js$/, /^build\/.+\.d\.ts$/, /^\.jsii$/, /^README\.md$/, /^API\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^package\.json$/,
  ...bundled.map((dep) => new RegExp(`^node_modules/${dep.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/`)),
];
const required = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {}), ".jsii", "README.md", "API.md", "LICENSE",
  "CHANGELOG.md", "package.json", ...bundled.map((dep) => `node_modules/${dep}/package.json`)];
const forbidden = files.filter((f) => !allowed.some((re) => re.test(f)));
const missing = required.filter((f) => !files.includes(f));
const outside = files.filter((f) => !f.startsWith("build/") && !f.startsWith("node_modules/"));
console.log(`${files.length} file(s) in the package: ${outside.join(", ")}, ` +
  `${files.filter((f) => f.startsWith("build/")).length} under build/, ` +
  `${files.filter((f) => f.startsWith("node_modules/")).length} of the bundled ${bundled.join(", ") || "(none)"}`);
if (forbidden.length > 0) {
  console.error(`FAILED: the package would ship what users do not need: ${forbidden.join(", ")}`);
}
if (missing.length > 0) {
  console.error(`FAILED: the package would lack: ${missing.join(", ")} (main: ${pkg.main}, types: ${pkg.types})`);
}
process.exit(forbidden.length + missing.length > 0 ? 1 : 0);
'

#!/usr/bin/env bash
# CI: the user's path, end to end. .ci/run calls it after `npm test`, whose compiled library `npm pack` reuses (the
# package's prepare script compiles only what is out of date).
#
# 1. `npm pack` on this checkout, and the tarball holds the whole package.
# 2. A new app laid out as `cdk init app --language typescript` makes it (the project's own aws-cdk CLI, offline),
#    on the newest pinned aws-cdk-lib, with cdk.json's context set to exactly that release's recommended feature flags
#    and the strict TypeScript of the template; the tarball installed into it with `npm install` (the registry is
#    needed for the app's own dependencies).
# 3. Its bin/, lib/ and test/ files replaced by test/consumer/: an app that uses every construct, the Grants class,
#    PinpointAnalyticsStatements, the KPI classes and PinpointAccessValidator, with a read policy of a shared stack
#    granted to roles of two other stacks.
# 4. `npx cdk synth` as the app's cdk.json runs it (tsc, then tsx); then test/cdk-versions/check-assembly.js (the
#    aws-cdk-lib that made it, no error, no warning, no violation), the app's own `npm test`, and
#    test/consumer/check-consumer.js (the app, the flags in effect, the access report).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
newest=$(node -p 'require("./test/cdk-versions/versions.json").newest')
name=$(node -p 'require("./package.json").name')
version=$(node -p 'require("./package.json").version')
work=$(mktemp -d "${TMPDIR:-/tmp}/pinpoint-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

echo "== npm pack"
npm pack --pack-destination "$work"
tarball="$work/$name-$version.tgz"
[ -f "$tarball" ] || fail "npm pack wrote no $tarball"
contents=$(tar tzf "$tarball")
for file in build/index.js build/index.d.ts .jsii README.md API.md LICENSE CHANGELOG.md package.json; do
  grep -qx "package/$file" <<<"$contents" || fail "the packed tarball lacks $file"
done
build_files=$(grep -c '^package/build/' <<<"$contents")
echo "$(basename "$tarball"): $build_files files under build/, .jsii, README.md, API.md, LICENSE, CHANGELOG.md," \
  "package.json"

echo "== a new app, as cdk init app --language typescript makes it"
app="$work/pinpoint-consumer"
mkdir "$app"
(cd "$app" && "$top/node_modules/.bin/cdk" init app --language typescript --generate-only > "$work/init.log") \
  || { cat "$work/init.log"; fail "cdk init"; }
for file in bin/pinpoint-consumer.ts lib/pinpoint-consumer-stack.ts test/pinpoint-consumer.test.ts cdk.json \
  tsconfig.json; do
  [ -f "$app/$file" ] || fail "cdk init made no $file: the layout of a new app changed; adapt test/consumer/"
done
cp test/consumer/bin/pinpoint-consumer.ts "$app/bin/pinpoint-consumer.ts"
cp test/consumer/lib/pinpoint-consumer-stack.ts "$app/lib/pinpoint-consumer-stack.ts"
cp test/consumer/test/pinpoint-consumer-test.ts "$app/test/pinpoint-consumer.test.ts"

echo "== aws-cdk-lib $newest, the package, and aws-cdk-lib $newest's recommended feature flags"
(cd "$app" && npm pkg set "dependencies.aws-cdk-lib=$newest" && npm install --no-audit --no-fund)
(cd "$app" && npm install --no-audit --no-fund "$tarball")
(cd "$app" && node -e '
  const fs = require("fs");
  const cdkJson = JSON.parse(fs.readFileSync("cdk.json", "utf-8"));
  cdkJson.context = require("aws-cdk-lib/recommended-feature-flags.json");
  fs.writeFileSync("cdk.json", JSON.stringify(cdkJson, undefined, 2) + "\n");
')

echo "== cdk synth (the app's own CLI and cdk.json: tsc, then tsx)"
(cd "$app" && npx cdk synth --quiet --no-notices) 2>&1 | tee "$work/synth.log"
if grep -qiE 'deprecat|\[warning' "$work/synth.log"; then
  fail "cdk synth printed a warning or a deprecation (above)"
fi
node test/cdk-versions/check-assembly.js "$app/cdk.out" newest

echo "== the app's own tests (npm test)"
(cd "$app" && npm test --silent)

echo "== the app, the flags in effect, the access report"
node test/consumer/check-consumer.js "$app"

echo "consumer app: the packed $name $version installs and synthesizes in a new cdk init app on aws-cdk-lib $newest" \
  "with its recommended feature flags"

#!/usr/bin/env bash
# Every CDK language, checked offline (this machine reaches the npm registry and Debian's packages, not PyPI, Maven
# Central, NuGet or the Go module proxy):
#
# 1. every TypeScript example in README.md, docs/*.md and lib/'s doc comments compiles (jsii-rosetta, strict mode, with
#    rosetta/default.ts-fixture), and their Python translation is written to dist/languages/rosetta/;
# 2. jsii-pacmak generates the Python, Java, .NET and Go bindings (code only), and each is checked as far as it can be
#    without its registry: Python compiles (py_compile), Go parses (gofmt), Java parses, the .NET and Maven project
#    files are well-formed XML; the Python example of docs/languages.md uses only names the Python bindings have.
#
# Run from anywhere: bash .ci/languages.sh. Output goes to dist/languages/ (ignored by git and npm).
set -euo pipefail
cd "$(dirname "$0")/.."

# jsii's tools print a banner on every call when Node.js is past its end of life; the Node.js version is CI's choice.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-18,20}"

out=dist/languages
rm -rf "$out" .jsii.tabl.json
mkdir -p "$out"

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

echo "== compile the assembly (jsii): the examples and bindings come from .jsii"
npx projen compile

echo "== every TypeScript example compiles (jsii-rosetta extract --strict, fixture rosetta/default.ts-fixture)"
# Strict mode (also set in the assembly's metadata by .projenrc.ts) fails on the first example that does not
# type-check. The tablet it writes, .jsii.tabl.json, holds every example translated to every language.
# The examples compile in $out/compile, where `cdk-pinpoint-analytics-grants` is this checkout and every other module
# resolves from ./node_modules, as package-lock.json pins it (cdk-nag included, which the README's cdk-nag example
# imports and which is a devDependency, so rosetta would not otherwise see it). Without --directory, rosetta would
# `npm install` the package's dependencies into a temporary directory instead.
mkdir -p "$out/compile/node_modules"
ln -s "$PWD" "$out/compile/node_modules/cdk-pinpoint-analytics-grants"
# The link points back at the checkout: a tool that walks the tree (jsii-docgen in `npm test`) would loop through it
# until it runs out of memory, so it lives only while this script runs. So do the copies of the assembly made below
# (in $work): jsii-docgen reads every .jsii below the project, and would document a copy, perhaps an old one, in
# place of .jsii when it regenerates API.md.
work="$out/work"
mkdir -p "$work"
trap 'rm -rf "$out/compile" "$work"' EXIT
# (Its warning that the directory misses packages lists empty names: a bug of rosetta's check, filtered out here.)
npx jsii-rosetta extract --strict --directory "$out/compile" 2>&1 | sed '/missing from supplied directory: [, ]*$/d'
# Guard against examples silently left out: every ```ts / ```typescript block of README.md must be in the tablet.
readme_blocks=$(grep -cE '^[[:space:]]*```(ts|typescript)([[:space:]]|$)' README.md || true)
node - "$readme_blocks" <<'JS'
const fs = require('fs');
const expected = Number(process.argv[2]);
const snippets = Object.values(JSON.parse(fs.readFileSync('.jsii.tabl.json', 'utf-8')).snippets);
const readme = snippets.filter((s) => s.location.api.api === 'moduleReadme');
const notCompiled = snippets.filter((s) => !s.didCompile);
console.log(`rosetta: ${snippets.length} example(s) compiled (${readme.length} from README.md, ` +
  `${snippets.length - readme.length} from doc comments)`);
if (readme.length !== expected) {
  console.error(`README.md has ${expected} TypeScript block(s) but rosetta compiled ${readme.length}`);
  process.exit(1);
}
if (notCompiled.length > 0) {
  console.error(`examples that did not compile: ${JSON.stringify(notCompiled.map((s) => s.location))}`);
  process.exit(1);
}
JS

echo "== every TypeScript example of docs/*.md compiles too (the same rosetta, on a copy of the assembly)"
# rosetta reads examples from an assembly: its README and its doc comments. The pages under docs/ are not in the
# package, so a copy of the assembly whose README is those pages, one after another, carries their examples through the
# same strict compilation and Python translation as README.md's.
docs_assembly="$work/docs-assembly"
mkdir -p "$docs_assembly"
cp -r package.json rosetta "$docs_assembly/"
node - "$docs_assembly" <<'JS'
const fs = require('fs');
const path = require('path');
const pages = fs.readdirSync('docs').filter((f) => f.endsWith('.md')).sort();
const assembly = JSON.parse(fs.readFileSync('.jsii', 'utf-8'));
assembly.readme = { markdown: pages.map((page) => `<!-- docs/${page} -->\n\n${fs.readFileSync(path.join('docs', page), 'utf-8')}`).join('\n\n') };
// Only the pages' examples: the types' doc comments are compiled from the real assembly above.
for (const type of Object.values(assembly.types ?? {})) {
  delete type.docs?.example;
  for (const member of [...(type.methods ?? []), ...(type.properties ?? [])]) {
    delete member.docs?.example;
  }
}
fs.writeFileSync(path.join(process.argv[2], '.jsii'), JSON.stringify(assembly));
JS
npx jsii-rosetta extract --strict --directory "$out/compile" "$docs_assembly" 2>&1 | sed '/missing from supplied directory: [, ]*$/d'
docs_blocks=$(cat docs/*.md | grep -cE '^[[:space:]]*```(ts|typescript)([[:space:]]|$)' || true)
node - "$docs_blocks" "$docs_assembly/.jsii.tabl.json" <<'JS'
const fs = require('fs');
const expected = Number(process.argv[2]);
const snippets = Object.values(JSON.parse(fs.readFileSync(process.argv[3], 'utf-8')).snippets);
const pages = snippets.filter((s) => s.location.api.api === 'moduleReadme');
console.log(`rosetta: ${pages.length} example(s) of docs/*.md compiled`);
if (pages.length !== expected || snippets.some((s) => !s.didCompile)) {
  console.error(`docs/*.md has ${expected} TypeScript block(s); rosetta compiled ${pages.filter((s) => s.didCompile).length}`);
  process.exit(1);
}
JS

echo "== Python translation of the examples (jsii-rosetta transliterate)"
# Transliterated in a copy so that .jsii.python never lands beside the real assembly.
mkdir -p "$work/rosetta" "$out/rosetta"
cp .jsii package.json "$work/rosetta/"
cp -r rosetta "$work/rosetta/"
npx jsii-rosetta transliterate --language python --strict --tablet .jsii.tabl.json "$work/rosetta"
npx jsii-rosetta transliterate --language python --strict --tablet "$docs_assembly/.jsii.tabl.json" "$docs_assembly"
node - "$work/rosetta" "$docs_assembly" "$out/rosetta" <<'JS'
const fs = require('fs');
const path = require('path');
const [copy, docsAssembly, dir] = process.argv.slice(2);
const assembly = JSON.parse(fs.readFileSync(path.join(copy, '.jsii.python'), 'utf-8'));
fs.writeFileSync(path.join(dir, 'README.python.md'), assembly.readme.markdown);
// Each example's Python translation as its own file, for py_compile.
const tablet = JSON.parse(fs.readFileSync('.jsii.tabl.json', 'utf-8'));
const docsTablet = JSON.parse(fs.readFileSync(path.join(docsAssembly, '.jsii.tabl.json'), 'utf-8'));
const examples = path.join(dir, 'python');
fs.mkdirSync(examples, { recursive: true });
let n = 0;
for (const snippet of [...Object.values(tablet.snippets), ...Object.values(docsTablet.snippets)]) {
  const where = snippet.location.api.fqn ?? `README.md line ${snippet.location.field.line}`;
  const name = `example_${String(++n).padStart(2, '0')}.py`;
  fs.writeFileSync(path.join(examples, name), `# ${where}\n${snippet.translations.python.source}\n`);
}
console.log(`wrote ${path.join(dir, 'README.python.md')} and ${n} Python example(s) in ${examples}`);
JS
grep -q '^```python' "$out/rosetta/README.python.md" || fail "the Python README has no Python examples"
PYTHONPYCACHEPREFIX="$out/pycache" python3 -m py_compile "$out"/rosetta/python/*.py
echo "Python translations of the examples compile"

echo "== language bindings (jsii-pacmak --code-only: Python, Java, .NET, Go)"
# --no-npmignore: pacmak would otherwise rewrite .npmignore, which projen owns.
npx jsii-pacmak --code-only --no-npmignore --no-fingerprint --force \
  --rosetta-tablet .jsii.tabl.json --rosetta-unknown-snippets fail \
  -o "$out/bindings"
for target in python java dotnet go; do
  [ -d "$out/bindings/$target" ] || fail "jsii-pacmak generated no $target bindings"
done

echo "-- Python: every generated module compiles"
mapfile -t py_files < <(find "$out/bindings/python" -name '*.py')
[ "${#py_files[@]}" -gt 0 ] || fail "no Python files generated"
PYTHONPYCACHEPREFIX="$out/pycache" python3 -m py_compile "${py_files[@]}"
echo "${#py_files[@]} Python file(s) compile"
# The hand-written Python example of docs/languages.md, against those bindings: it parses, and every class, keyword argument and
# member it takes from this library exists.
python3 .ci/check_python_example.py docs/languages.md "$out/bindings/python/src/cdk_pinpoint_analytics_grants/__init__.py"

echo "-- Go: every generated file parses (gofmt)"
if ! command -v gofmt >/dev/null 2>&1; then
  echo "gofmt not found: installing Debian's golang-go"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo="sudo -n" ||
      fail "gofmt is missing and this is not root: install Debian's golang-go (apt-get install golang-go)"
  fi
  if ! { $sudo apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; }; then
    fail "apt-get could not install golang-go, so the Go bindings cannot be checked (is Debian's mirror reachable?)"
  fi
  hash -r
  command -v gofmt >/dev/null 2>&1 || fail "golang-go is installed but gofmt is not on PATH"
fi
mapfile -t go_files < <(find "$out/bindings/go" -name '*.go')
[ "${#go_files[@]}" -gt 0 ] || fail "no Go files generated"
# gofmt parses every file and exits non-zero on the first syntax error. The files it lists are not errors: jsii-pacmak
# never formats its Go output (its own packaging step does not either), and gofmt re-lays it out: blank lines, the
# alignment of map literals and imports, and, since Go 1.19, lists and code blocks in doc comments. Formatting changes
# no token of the code, so the listing is shown, not judged.
relayout=$(gofmt -l "${go_files[@]}") || fail "gofmt could not parse the Go bindings (errors above)"
relayout_count=$(printf '%s' "$relayout" | grep -c . || true)
echo "${#go_files[@]} Go file(s) parse with gofmt ($(go version 2>/dev/null || echo 'go version unknown'));" \
  "gofmt would re-lay out $relayout_count of them (pacmak does not format)"

echo "-- Java: every generated source parses"
mapfile -t java_files < <(find "$out/bindings/java" -name '*.java')
[ "${#java_files[@]}" -gt 0 ] || fail "no Java files generated"
if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  java .ci/JavaSyntax.java "${java_files[@]}"
else
  echo "no JDK here: the Java sources are generated (${#java_files[@]} files) but not parsed"
fi

echo "-- .NET and Maven: the project files are well-formed XML"
mapfile -t cs_files < <(find "$out/bindings/dotnet" -name '*.cs')
[ "${#cs_files[@]}" -gt 0 ] || fail "no C# files generated"
python3 - "$out"/bindings/dotnet/*/*.csproj "$out/bindings/java/pom.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    ET.parse(path)
print(f"{len(sys.argv) - 1} project file(s) parse")
PY
echo "${#cs_files[@]} C# file(s) generated, not compiled: Debian has no .NET SDK and NuGet is out of reach"

echo "every language: OK (bindings in $out/bindings, Python README in $out/rosetta/README.python.md)"

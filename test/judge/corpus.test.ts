/**
 * The access check's corpus against the independent judge: every case resolves in every world it is judged in, and
 * what each sidecar says a reviewer must see is what the IAM evaluator decides on the resolved documents.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { CORPUS_DIR, decide, judgeWorlds, listCases, loadCase, resolveWorld } from '../support';

const CASES = listCases();
const PUBLIC_DIR = join(CORPUS_DIR, 'public');

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the corpus', () => {
  test('holds at least 20 public templates, each in a case and in SOURCES.md', () => {
    // GIVEN
    const templates = filesUnder(PUBLIC_DIR).filter((f) => /\.(json|yaml)$/.test(f) && !f.endsWith('cases.json')).map((f) => relative(PUBLIC_DIR, f));
    const sources = readFileSync(join(PUBLIC_DIR, 'SOURCES.md'), 'utf8');
    const inCases = CASES.filter((c) => c.startsWith('public/')).flatMap((c) => loadCase(c).templates.map((t) => t.name));

    // THEN
    expect(templates.length).toBeGreaterThanOrEqual(20);
    expect(templates.filter((t) => !sources.includes(`\`${t}\``))).toEqual([]);
    expect(templates.filter((t) => !inCases.includes(t))).toEqual([]);
  });

  test('holds a case of each shape issue 16 names', () => {
    expect(CASES.filter((c) => c.startsWith('shapes/')).map((c) => c.slice('shapes/'.length))).toEqual(expect.arrayContaining([
      'role-policies-fn-if', 'managed-policy-arns-fn-if', 'policy-roles-comma-list', 'policy-principals-fn-if', 'statement-fn-if',
      'action-fn-if', 'policy-entry-fn-if', 'policy-document-fn-if', 'no-value', 'list-parameter-and-split', 'json-string-sub',
      'json-string-join', 'sam-function-policies', 'sam-state-machine-policies', 'other-transforms', 'managed-policy-constructed-arn',
      'nested-stack-managed-policy', 'get-stack-output', 'import-value', 'aws-managed-policies', 'users-in-groups',
      'guide-shapes-intrinsics', 'whole-value-resources', 'deny-statement', 'not-resource', 'permissions-boundary',
      'managed-policy-arns-not-read',
    ]));
  });

  test('fails to load a case that is not in it, naming the cases it has', () => {
    expect(() => loadCase('shapes/no-such-case')).toThrow(/shapes\/no-such-case.*is not in the corpus.*shapes\/statement-fn-if/);
    expect(() => loadCase('elsewhere/statement-fn-if')).toThrow(/expected "public\/<name>" or "shapes\/<name>"/);
  });
});

describe.each(CASES)('case %s', (name) => {
  const corpusCase = loadCase(name);
  const worlds = corpusCase.assignments.map((assignment, i) => ({ assignment, world: corpusCase.worlds[i] }));

  test('resolves in every world it is judged in, every principal with concrete policies', () => {
    // THEN: resolveWorld throws on any intrinsic it cannot resolve; the documents hold no intrinsic or token any more.
    expect(corpusCase.assignments.map((a) => resolveWorld(corpusCase.templates, a).principals)).toEqual(corpusCase.worlds.map((w) => w.principals));
    expect(corpusCase.capped).toBe(false);
    for (const { world } of worlds) {
      const policies = JSON.stringify(world.principals.map((p) => p.policies));
      expect(policies).not.toMatch(/"(Ref|Fn::[A-Za-z]+)":/);
    }
  });

  test('the evaluator decides as its sidecar says', async () => {
    // GIVEN
    const expected: string[] = [];
    const actual: string[] = [];
    for (const d of corpusCase.spec.decisions ?? []) {
      const matching = worlds.filter(({ assignment }) => Object.entries(d.when ?? {})
        .every(([template, conditions]) => Object.entries(conditions).every(([c, v]) => assignment.conditions[template]?.[c] === v)));
      expect(matching.length).toBeGreaterThan(0);
      for (const { world } of matching) {
        const principal = world.principals.find((p) => p.key === d.principal);
        const request = `${d.principal} ${d.action} ${d.arn} ${JSON.stringify(world.assignment.conditions)}`;
        expected.push(`${request}: ${d.decision}`);
        // WHEN
        const decision = principal ? await decide(principal.policies, d.action, d.arn, undefined, principal.permissionsBoundary) : 'no such principal';
        actual.push(`${request}: ${decision}`);
      }
    }

    // THEN
    expect(actual).toEqual(expected);
  });

  test('the judge\'s probes find, for each principal and action its sidecar says is allowed, an allowed request', async () => {
    // WHEN
    const judged = await judgeWorlds(corpusCase.worlds, corpusCase.probes);

    // THEN
    const found = new Set(judged.flatMap(({ allowed }) => allowed.map((a) => `${a.principal} ${a.action}`)));
    const named = (corpusCase.spec.decisions ?? []).filter((d) => d.decision === 'Allowed').map((d) => `${d.principal} ${d.action}`);
    expect(named.filter((n) => !found.has(n))).toEqual([]);
  });

  test('the judge names what it cannot read, as its sidecar says', () => {
    const unread = worlds.flatMap(({ world }) => [...world.unread, ...world.principals.flatMap((p) => p.unread)]).join('\n');
    for (const text of corpusCase.spec.unread ?? []) {
      expect(unread).toContain(text);
    }
    if ((corpusCase.spec.unread ?? []).length === 0) {
      expect(unread).toBe('');
    }
  });
});

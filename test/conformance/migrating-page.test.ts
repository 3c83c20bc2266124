/**
 * docs/migrating.md, "Migrating from hand-written policies": each JSON policy shown there is the developer guide's
 * own (test/fixtures/developer-guide-policies.json), and the TypeScript under it, run exactly as written, synthesizes
 * that policy, with the guide's placeholders replaced by the stack's region and account and the example IDs.
 *
 * rosetta (.ci/languages.sh) proves the snippets compile; this proves they do what the page says, under aws-cdk-lib's
 * defaults and under the flags of a new app, where aws-cdk-lib sorts each statement's actions and resources
 * (`@aws-cdk/aws-iam:minimizePolicies`), as the page says.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ts from 'typescript';
import * as library from '../../lib';
import {
  ACCOUNT,
  CAMPAIGN_ID,
  FlagSet,
  FLAG_SETS,
  JOURNEY_ID,
  policyDocuments,
  PROJECT_ID,
  REGION,
  synthesizedForm,
  templateOf,
  testApp,
  testStack,
} from '../support';

/** The repository's top folder: the nearest folder above this file that holds package.json. */
const TOP = (function top(dir: string): string {
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : top(path.dirname(dir));
})(__dirname);
const PAGE = fs.readFileSync(path.join(TOP, 'docs', 'migrating.md'), 'utf-8');
const GUIDE: { examples: Array<{ policy: unknown }> } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'developer-guide-policies.json'), 'utf-8'),
);

/** The fenced blocks of the page between `<!-- section:<name> -->` and its closing marker. */
function sectionBlocks(name: string): Array<{ lang: string; code: string }> {
  const start = PAGE.indexOf(`<!-- section:${name} -->`);
  const end = PAGE.indexOf(`<!-- /section:${name} -->`);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return [...PAGE.slice(start, end).matchAll(/^```(\w+)\n([\s\S]*?)\n```$/gm)]
    .map(([, lang, code]) => ({ lang, code }));
}

/** The guide's placeholders replaced, path segment by path segment, as the page's example calls fill them. */
function concrete(policy: unknown): unknown {
  const text = JSON.stringify(policy).replace(/"(arn:aws:mobiletargeting:[^"]*)"/g, (_, arn: string) => {
    const [prefix, partition, service, region, account, ...rest] = arn.split(':');
    const resource = rest.join(':');
    const segments = resource.split('/').map((segment, i, all) => {
      const ids: Record<string, [string, string]> = {
        apps: ['projectId', PROJECT_ID], campaigns: ['campaignId', CAMPAIGN_ID], journeys: ['journeyId', JOURNEY_ID],
      };
      const id = ids[all[i - 1]];
      return id && segment === id[0] ? id[1] : segment;
    });
    return JSON.stringify([
      prefix, partition, service, region === 'region' ? REGION : region, account === 'accountId' ? ACCOUNT : account,
      segments.join('/'),
    ].join(':'));
  });
  expect(text).not.toMatch(/region:|accountId|projectId|campaignId|journeyId/);
  return JSON.parse(text);
}

/**
 * Runs a snippet of the page as the body of a stack's constructor (as rosetta's fixture does) in an app with `flags`,
 * with `role` standing for the snippet's `declare const role: iam.Role`, and returns the one policy document that holds
 * Pinpoint statements.
 */
function policyOfSnippet(code: string, flags: FlagSet): unknown {
  const stack = testStack(testApp(flags.context));
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const modules: Record<string, unknown> = { 'aws-cdk-lib/aws-iam': iam, 'cdk-pinpoint-analytics-grants': library };
  const requireInSnippet = (name: string) => {
    if (!(name in modules)) {
      throw new Error(`a snippet of docs/migrating.md imports ${name}: add it to the modules of this test`);
    }
    return modules[name];
  };
  new Function('require', 'exports', 'role', js).call(stack, requireInSnippet, {}, role);
  const documents = policyDocuments(templateOf(stack))
    .filter(({ document }) => JSON.stringify(document).includes('mobiletargeting'));
  expect(documents).toHaveLength(1);
  return documents[0].document;
}

describe('docs/migrating.md, Migrating from hand-written policies', () => {
  const blocks = sectionBlocks('migrating');
  const policies = blocks.filter((b) => b.lang === 'json');

  test('shows the developer guide\'s four policies, each followed by the TypeScript that replaces it', () => {
    expect(policies.map((b) => JSON.parse(b.code))).toEqual(GUIDE.examples.map((e) => e.policy));
    blocks.forEach((block, i) => expect(block.lang).toBe(i % 2 === 0 ? 'json' : 'ts'));
    expect(blocks).toHaveLength(8);
  });

  describe.each(FLAG_SETS)('with $name', (flags) => {
    test.each([0, 1, 2, 3])('the TypeScript under policy %i synthesizes exactly that policy', (i) => {
      // GIVEN the guide's policy as the page shows it, and the construct call under it
      const policy = JSON.parse(blocks[2 * i].code);
      const snippet = blocks[2 * i + 1].code;
      // WHEN the snippet runs in a stack
      const synthesized = policyOfSnippet(snippet, flags);
      // THEN that policy, with the order of its actions and resources as the flags write it
      expect(synthesized).toEqual(synthesizedForm(concrete(policy), flags));
    });
  });
});

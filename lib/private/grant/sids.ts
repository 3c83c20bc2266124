/**
 * Sids that never collide: a statement this library writes into a policy never has the Sid of another statement of
 * that policy, whoever wrote the other one (a hand-written statement, another library, aws-cdk-lib) and whenever it
 * was added.
 *
 * The policies this library writes into are a principal's own (its default policy, and what aws-cdk-lib or this
 * library splits off it into managed policies: together, the policies that are the principal's children) and a
 * `PinpointAnalyticsReadPolicy`'s managed policy. Each statement takes the first name of its canonical Sid
 * (`canonical.ts`: `QueryCampaignAnalytics`, `QueryCampaignAnalytics2`, ...) that no other statement of those policies
 * has. The name is chosen twice, by the same rule:
 *
 * - when the statements are rendered, from the Sids the policies hold then (`pack`'s `taken`), so that the sizes of
 *   the statements, which the packing needs, are those of their final Sids;
 * - when the policy is synthesized, from the Sids the policies hold in the end: each Sid is a token (`SidAllocation`),
 *   so a statement added after the render (by an aspect that runs after this library's, or by
 *   `managedPolicy.addStatements` after the construct) is seen too. A name chosen at the render stays unless such a
 *   statement took it.
 *
 * The choice depends only on the policies' final statements and the canonical order of ours, never on the order in
 * which anything was added. A Sid that is a CloudFormation value (a parameter) cannot be compared and is left out.
 */
import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { canonicalSidOf, nextFreeSid } from './canonical';

/**
 * The Sids of the statements of `documents` as synthesized, but those in `ours`. A Sid that is a token of another
 * party is resolved in `scope`'s stack; one that resolves to no string (a parameter) is left out.
 */
export function documentSids(scope: IConstruct, documents: readonly iam.PolicyDocument[], ours: ReadonlySet<string> = new Set()): Set<string> {
  const stack = Stack.of(scope);
  const sids = new Set<string>();
  for (const document of documents) {
    // Stryker disable next-line ArrayDeclaration: an empty document read as one entry without a Sid has none to add.
    for (const statement of document.toJSON()?.Statement ?? []) {
      // Ours are skipped unresolved: resolving one of them is what asks for these Sids.
      if (ours.has(statement.Sid)) {
        continue;
      }
      // No Sid, or one that is a CloudFormation value (a parameter), resolves to no string.
      const sid: unknown = stack.resolve(statement.Sid);
      if (typeof sid === 'string') {
        sids.add(sid);
      }
    }
  }
  return sids;
}

/** The policy documents of `principal`'s own policies: its default policy and what is split off it. */
export function principalDocuments(principal: IConstruct): iam.PolicyDocument[] {
  return principal.node.children
    .filter((child): child is iam.Policy | iam.ManagedPolicy => child instanceof iam.Policy || child instanceof iam.ManagedPolicy)
    .map((policy) => policy.document);
}

/**
 * The Sids of our statements, in canonical order, given that other statements have `taken`: each keeps its `preferred`
 * name where no other statement has it; any other takes the first free name of its canonical Sid.
 */
export function allocateSids(preferred: readonly string[], taken: ReadonlySet<string>): string[] {
  // Stryker disable next-line MethodExpression: a taken name is in the set already; the filter only keeps it short.
  const used = new Set([...taken, ...preferred.filter((sid) => !taken.has(sid))]);
  return preferred.map((sid) => {
    if (!taken.has(sid)) {
      return sid;
    }
    const [free] = nextFreeSid(canonicalSidOf(sid), 0, used);
    used.add(free);
    return free;
  });
}

/**
 * The Sids of the statements this library writes into the policies `documents` returns: tokens, each resolved when a
 * policy is synthesized (see the file's comment).
 */
export class SidAllocation {
  // Stryker disable next-line ArrayDeclaration: a first entry shifts every index by one, and each token reads its own.
  private readonly preferred: string[] = [];
  private readonly tokens = new Set<string>();
  /** The last allocation, and the statement counts of the documents it was made for. */
  private last?: { readonly counts: string; readonly sids: readonly string[] };

  constructor(private readonly scope: IConstruct, private readonly documents: () => iam.PolicyDocument[]) {}

  /** The Sid of a statement of ours whose name was chosen, when rendered, as `preferred`. */
  public sid(preferred: string): string {
    const index = this.preferred.length;
    // Uncached: the Sid depends on statements that aspects may add after a first resolution.
    const token = Lazy.uncachedString({ produce: () => this.resolveSid(index) });
    this.preferred.push(preferred);
    this.tokens.add(token);
    return token;
  }

  /** The Sid of our `index`-th statement, from the statements the documents hold now. */
  public resolveSid(index: number): string {
    const documents = this.documents();
    // Statements are only ever added (and merged, by minimizePolicies, or moved, by aws-cdk-lib's splitter), never
    // renamed: while the counts stay, so do the Sids.
    const counts = JSON.stringify([this.preferred.length, ...documents.map((document) => document.statementCount)]);
    // Stryker disable next-line ConditionalExpression: a cache; allocating again gives the same Sids.
    if (this.last?.counts !== counts) {
      this.last = { counts, sids: allocateSids(this.preferred, documentSids(this.scope, documents, this.tokens)) };
    }
    return this.last.sids[index];
  }
}

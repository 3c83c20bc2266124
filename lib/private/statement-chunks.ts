/**
 * Splits one canonical statement into statements small enough for aws-cdk-lib's role policy splitter to place.
 *
 * The splitter moves whole statements from a role's default policy into `OverflowPolicy` managed policies of at most
 * 6,144 characters; it never splits a statement, so a statement over that size (a thousand campaign grants are about
 * 137,000 characters) would make an overflow policy that IAM rejects at deploy time. Chunking only divides the resource
 * list: every chunk has the statement's exact actions, so no action meets a resource it was not granted on and no
 * pattern changes. Chunks are filled in the statement's resource order, so the same grants always give the same chunks.
 */
import {
  DOCUMENT_OVERHEAD_CHARS,
  MANAGED_POLICY_MAX_CHARS,
  SPLITTABLE_STATEMENT_MAX_CHARS,
  statementOverhead,
  TwoSizes,
} from './policy-size';
import { Permission } from './principal-policy';

/** A resource and what it adds to a statement (`resourceSize`). */
export interface SizedResource {
  readonly arn: string;
  readonly size: TwoSizes;
}

/**
 * The most a chunk may hold: what aws-cdk-lib's splitter places in one overflow policy, and, as deployed, one managed
 * policy less the document around the statements.
 */
const CHUNK_LIMIT: TwoSizes = {
  deployed: MANAGED_POLICY_MAX_CHARS - DOCUMENT_OVERHEAD_CHARS,
  splitter: SPLITTABLE_STATEMENT_MAX_CHARS,
};

/**
 * The statement `sid` granting `actions` on `resources`, as consecutive chunks within `CHUNK_LIMIT` by both measures (a
 * single resource larger than that gets a chunk of its own). Sids stay readable and unique: `sid`, then `sid2`, `sid3`,
 * ... (a canonical Sid never ends in a digit, so these cannot meet another statement's Sid).
 */
export function chunkStatement(sid: string, actions: readonly string[], resources: readonly SizedResource[]): Permission[] {
  const chunks: Permission[] = [];
  let current: string[] = [];
  let size = statementOverhead(sid, actions);
  for (const resource of resources) {
    const next = plus(size, resource.size);
    if (current.length > 0 && (next.deployed > CHUNK_LIMIT.deployed || next.splitter > CHUNK_LIMIT.splitter)) {
      chunks.push({ sid: chunkSid(sid, chunks.length), actions, resources: current });
      current = [resource.arn];
      size = plus(statementOverhead(chunkSid(sid, chunks.length), actions), resource.size);
    } else {
      current.push(resource.arn);
      size = next;
    }
  }
  if (current.length > 0) {
    chunks.push({ sid: chunkSid(sid, chunks.length), actions, resources: current });
  }
  return chunks;
}

function plus(a: TwoSizes, b: TwoSizes): TwoSizes {
  return { deployed: a.deployed + b.deployed, splitter: a.splitter + b.splitter };
}

/** `sid` for the first chunk, `sid2` for the second, ... */
function chunkSid(sid: string, index: number): string {
  return index === 0 ? sid : `${sid}${index + 1}`;
}

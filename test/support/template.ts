/**
 * What a principal received in a synthesized template: logical IDs, statements, policy documents and their sizes.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** The logical ID of an L2 construct's CloudFormation resource (a role, user or group). */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The logical ID of the policy resource that holds a role's, user's or group's default policy. */
export function defaultPolicyId(principal: iam.Role | iam.User | iam.Group): string {
  return logicalIdOf(principal.node.findChild('DefaultPolicy'));
}

/** Every policy statement in the template (policy resources and inline policies) that names a `mobiletargeting` action. */
export function mobiletargetingStatements(template: Template): any[] {
  const statements: any[] = [];
  const visit = (value: any): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      if ('Effect' in value && JSON.stringify(value.Action ?? value.NotAction ?? '').includes('mobiletargeting:')) {
        statements.push(value);
      }
      Object.values(value).forEach(visit);
    }
  };
  visit(template.toJSON().Resources ?? {});
  return statements;
}

/** Every policy document in the template, by the logical ID of the resource that holds it. */
export function policyDocuments(template: Template): Array<{ name: string; document: any }> {
  const documents: Array<{ name: string; document: any }> = [];
  for (const [logicalId, resource] of Object.entries<any>(template.toJSON().Resources ?? {})) {
    if (resource.Properties?.PolicyDocument) {
      documents.push({ name: logicalId, document: resource.Properties.PolicyDocument });
    }
    for (const [i, inline] of (resource.Properties?.Policies ?? []).entries()) {
      documents.push({ name: `${logicalId}.Policies[${i}]`, document: inline.PolicyDocument });
    }
  }
  return documents;
}

/** The template as one string, to look for text that must never appear (a literal partition, say). */
export function templateText(template: Template): string {
  return JSON.stringify(template.toJSON());
}

/** Characters of every document in `documents` together, as IAM counts them (JSON without white space). */
export function chars(...documents: unknown[]): number {
  return documents.reduce<number>((total, document) => total + JSON.stringify(document).length, 0);
}

/** The Sids of every policy document in the template, in order, by the document's name (as `policyDocuments`). */
export function sidsByDocument(template: Template): Record<string, unknown[]> {
  return Object.fromEntries(policyDocuments(template).map(({ name, document }) =>
    [name, [document.Statement].flat().map((statement: any) => statement.Sid)]));
}

/** Each Sid that a policy document of the template holds more than once, with the document's name: none, normally. */
export function repeatedSids(template: Template): Array<{ document: string; sid: string }> {
  return Object.entries(sidsByDocument(template)).flatMap(([document, sids]) => sids
    .filter((sid, i): sid is string => typeof sid === 'string' && sids.indexOf(sid) !== i)
    .map((sid) => ({ document, sid })));
}

/** Every (action, resource) pair the statements of `documents` allow, as `action resource`. */
export function allowedPairs(documents: Array<{ document: any }>): string[] {
  const pairs = new Set<string>();
  for (const { document } of documents) {
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of [statement.Action].flat()) {
        for (const resource of [statement.Resource].flat()) {
          pairs.add(`${action} ${JSON.stringify(resource)}`);
        }
      }
    }
  }
  return [...pairs].sort();
}

/** Sids of each document; fails when a document repeats one. */
export function expectUniqueSids(documents: Array<{ name: string; document: any }>): void {
  for (const { name, document } of documents) {
    const sids = document.Statement.map((s: any) => s.Sid);
    expect({ name, duplicates: sids.filter((sid: string, i: number) => sids.indexOf(sid) !== i) }).toEqual({ name, duplicates: [] });
  }
}

/** Every warning on the constructs of `stack`, as `<construct path>: <message>`. */
export function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => `${m.id}: ${String(m.entry.data)}`);
}

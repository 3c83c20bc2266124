/**
 * The templates the access check reads in one call of a validation plugin: every stack template of each cloud
 * assembly directory the call names (from the directory's `manifest.json`, so a report covers the whole directory even
 * when aws-cdk-lib calls the plugin once per environment), and the templates of their nested stacks.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { ConstructIndex } from './construct-index';
import { NestedIn, TemplateSource } from './template-source';
import { Location } from '../../collections';

/** A stack of a cloud assembly. */
interface AssemblyStack {
  readonly file: string;
  readonly stackPath: string;
  readonly stackName?: string;
  readonly env: Location;
}

/** A template and whether this call reports its violations (the other calls report the rest). */
export interface LoadedTemplate {
  readonly source: TemplateSource;
  readonly checked: boolean;
}

/** The templates of the directories of `templatePaths`, those of `templatePaths` (and their nested stacks) checked. */
export function loadTemplates(templatePaths: readonly string[], index: ConstructIndex): LoadedTemplate[] {
  const checked = new Set(templatePaths.map((file) => path.resolve(file)));
  const loaded: LoadedTemplate[] = [];
  const load = (file: string, stackPath: string, env: Location, isChecked: boolean, parent?: NestedIn, stackName?: string) => {
    // Stryker disable next-line StringLiteral: read without an encoding, the file is a Buffer, which JSON.parse reads as UTF-8.
    const source: TemplateSource = { path: file, stackPath, stackName, env, json: JSON.parse(readFileSync(file, 'utf-8')), parent };
    loaded.push({ source, checked: isChecked });
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; the index has no nested stacks for a template without any, it only reads tree.json.
    const hasNestedStacks = Object.values<any>(source.json.Resources ?? {}).some((r) => r.Type === 'AWS::CloudFormation::Stack');
    for (const nested of hasNestedStacks ? index.nestedStacksOf(file) : []) {
      const parameters = source.json.Resources[nested.resourceLogicalId].Properties.Parameters ?? {};
      load(path.join(path.dirname(file), nested.templateFile), nested.path, env, isChecked,
        { template: source, logicalId: nested.resourceLogicalId, parameters });
    }
  };
  for (const dir of new Set([...checked].map((file) => path.dirname(file)))) {
    for (const { file, stackPath, stackName, env } of stacksOf(dir, [...checked].filter((f) => path.dirname(f) === dir))) {
      load(file, stackPath, env, checked.has(file), undefined, stackName);
    }
  }
  return loaded;
}

/**
 * The stack templates of the cloud assembly in `dir`, with their stacks' paths and environments; `fallback` (with
 * names from the file names) if the directory has no manifest.
 */
export function stacksOf(dir: string, fallback: readonly string[]): AssemblyStack[] {
  const manifest = path.join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    return fallback.map((file) => ({ file, stackPath: path.basename(file, '.template.json'), env: {} }));
  }
  // Stryker disable next-line StringLiteral: read without an encoding, the file is a Buffer, which JSON.parse reads as UTF-8.
  const artifacts: Record<string, any> = JSON.parse(readFileSync(manifest, 'utf-8')).artifacts;
  return Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => stackOfArtifact(dir, id, artifact));
}

/** The stack of the artifact `id` (of type `aws:cloudformation:stack`) of the cloud assembly in `dir`. */
export function stackOfArtifact(dir: string, id: string, artifact: any): AssemblyStack {
  // aws-cdk-lib writes an environment for every stack (the command checks a manifest written otherwise first).
  const env = environmentOf(artifact.environment)!;
  const file = path.join(dir, artifact.properties.templateFile);
  // Where the manifest leaves the stack's name (when it is the artifact's ID) or path (displayName, optional) out, the CDK
  // CLI reads the artifact's ID.
  return { file, stackPath: artifact.displayName ?? id, stackName: artifact.properties.stackName ?? id, env };
}

/**
 * The account and region of a stack's environment in a manifest, `aws://<account>/<region>` (`undefined` for
 * `unknown-account` / `unknown-region`, written when the stack's is a token); `undefined` when it is not of that form.
 */
export function environmentOf(environment: unknown): Location | undefined {
  const text = String(environment);
  const [account, region] = text.startsWith('aws://') ? text.slice('aws://'.length).split('/') : [];
  const known = (field: string) => (field.startsWith('unknown-') ? undefined : field);
  return account && region ? { account: known(account), region: known(region) } : undefined;
}

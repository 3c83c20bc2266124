/**
 * The templates `pinpoint-access-check` checks, read from the files and folders given on its command line:
 *
 * - a file: one CloudFormation template, JSON or YAML (`template-text.ts`); its stack is named after the file
 *   (`template.yaml` is `template`);
 * - a folder that holds a cloud assembly (`cdk.out`, with its `manifest.json`): the stacks of its manifest, with their
 *   construct paths, stack names and environments, the nested cloud assemblies of its stages, and the acknowledgements
 *   `Validations.of(scope).acknowledge` recorded in its metadata;
 * - any other folder: every `.json`, `.yaml`, `.yml` and `.template` file in it and in its subfolders (but
 *   `node_modules` and folders whose name starts with `.`; a subfolder that holds a cloud assembly is read as one)
 *   that is a template, a JSON or YAML mapping with a `Resources` mapping. Other files are skipped; each stack is named
 *   after the file's path in the folder, without extension (`api/template`).
 *
 * Nested stacks are read with their parent: in a cloud assembly, the template file of each `AWS::CloudFormation::Stack`
 * (its `aws:asset:path` metadata, or the file asset its `TemplateURL` names); elsewhere, an `AWS::CloudFormation::Stack`
 * whose `TemplateURL` (or an `AWS::Serverless::Application` whose `Location`) is the path of a file, as templates are
 * written before `aws cloudformation package` or `sam package` uploads them. A template read as another's nested stack
 * is not read again as a stack of its own.
 *
 * Outside a cloud assembly, a finding is acknowledged in the template, on any resource or on the template itself:
 * `Metadata: { PinpointAccessValidator: { acknowledge: [{ id: '<ID to acknowledge with>', reason: '<why>' }] } }`.
 *
 * Nothing that cannot be read passes silently: a missing file or folder, a file that is not JSON or YAML, a file given
 * by name that is not a template, a resource that is not a mapping, a malformed manifest or acknowledgement is an
 * error, with the file and the reason.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'fs';
import * as path from 'path';
import { environmentOf, stackOfArtifact } from './cloud-assembly';
import { Acknowledgement } from './construct-index';
import { TemplateSource } from './template-source';
import { formatOf, parseTemplateText } from './template-text';

/** An input that could not be read, and why. */
export interface InputError {
  /** The file or folder (an absolute path). */
  readonly file: string;
  readonly reason: string;
}

/** What was read from the inputs. */
export interface TemplateFiles {
  /** Every template read, nested stacks included (each with its `parent`). */
  readonly templates: readonly TemplateSource[];
  /** Every input, or part of one, that could not be read. */
  readonly errors: readonly InputError[];
  /** The inputs that are cloud assemblies. */
  readonly cloudAssemblies: readonly string[];
  /** The construct path of a resource of a cloud assembly's template, as its manifest records it. */
  pathOf(template: TemplateSource, logicalId: string): string | undefined;
  /** The acknowledgements recorded for an ID to acknowledge a finding with (`<plugin name>::<finding ID>`). */
  acknowledgementsOf(id: string): readonly Acknowledgement[];
}

/** The name of the metadata entry that acknowledges findings in a template outside a cloud assembly. */
export const ACKNOWLEDGE_METADATA_KEY = 'PinpointAccessValidator';

/** The property that names a nested stack's template, by resource type. */
const NESTED_TEMPLATE_PROPERTY = new Map([['AWS::CloudFormation::Stack', 'TemplateURL'], ['AWS::Serverless::Application', 'Location']]);

/** The file names a folder's templates can have. */
const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

/** Reads the templates of `inputs` (absolute paths of files and folders). */
export function loadTemplateFiles(inputs: readonly string[]): TemplateFiles {
  const reader = new TemplateReader();
  reader.read([...new Set(inputs)]);
  return {
    templates: reader.templates,
    errors: reader.errors,
    cloudAssemblies: reader.cloudAssemblies,
    pathOf: (template, logicalId) => reader.pathOf(template, logicalId),
    acknowledgementsOf: (id) => reader.acknowledgements.get(id) ?? [],
  };
}

/** A template file outside a cloud assembly, before it is known whether it is another's nested stack. */
interface Candidate {
  readonly file: string;
  readonly stackPath: string;
  /** Given by name (an error when it is not a template), or found in a folder (skipped then). */
  readonly named: boolean;
}

/** A stack of a cloud assembly: where it is, and what its manifest says about its construct tree. */
interface AssemblyContext {
  readonly directory: string;
  /** The logical ID of every resource of the stack and of its nested stacks, by construct path. */
  readonly logicalIds: ReadonlyMap<string, string>;
  /** The assembly's file assets: their IDs (the hash a nested stack's `TemplateURL` holds) and files. */
  readonly assets: readonly { readonly id: string; readonly file: string }[];
}

class TemplateReader {
  public readonly templates: TemplateSource[] = [];
  public readonly errors: InputError[] = [];
  public readonly cloudAssemblies: string[] = [];
  public readonly acknowledgements = new Map<string, Acknowledgement[]>();
  /** Each file's content, parsed (`undefined` when it could not be). */
  private readonly parsed = new Map<string, unknown>();
  private readonly stackOf = new Map<TemplateSource, AssemblyContext>();
  /** The folders of the cloud assemblies read or being read (symbolic links resolved): each is read once. */
  private readonly assemblies = new Set<string>();

  public read(inputs: readonly string[]): void {
    const candidates: Candidate[] = [];
    const folders: string[] = [];
    for (const input of inputs) {
      let isDirectory: boolean;
      try {
        isDirectory = statSync(input).isDirectory();
      } catch (error) {
        this.fail(input, (error as Error).message);
        continue;
      }
      if (!isDirectory) {
        candidates.push({ file: input, stackPath: stackPathOf(path.basename(input)), named: true });
        continue;
      }
      folders.push(input);
      if (this.isCloudAssembly(input)) {
        this.cloudAssemblies.push(input);
        this.readCloudAssembly(input);
      } else {
        this.readFolder(input, input, candidates);
      }
    }

    // A template another one names as its nested stack is read as that nested stack: the others first, then any left
    // (templates that name each other in a cycle; those read already are skipped).
    const templates = candidates.filter((candidate) => this.isTemplate(candidate.file, candidate.named));
    const nested = new Set(templates.flatMap((candidate) => Object.values<any>((this.parsed.get(candidate.file) as any).Resources)
      .map((resource) => localTemplateFile(path.dirname(candidate.file), resource))));
    for (const candidate of [...templates.filter((c) => !nested.has(c.file)), ...templates]) {
      if (!this.templates.some((template) => template.path === candidate.file)) {
        this.add({ path: candidate.file, stackPath: candidate.stackPath, env: {}, json: this.parsed.get(candidate.file) });
      }
    }
    // A folder without templates is a mistake (a path that changed, templates not built yet), never a pass.
    for (const folder of folders.filter((f) => !this.templates.some((template) => template.path.startsWith(`${f}${path.sep}`)))) {
      this.fail(folder, 'holds no CloudFormation template that could be read');
    }
  }

  /** The construct path of `logicalId` in `template` (of a cloud assembly): not in one of its nested stacks. */
  public pathOf(template: TemplateSource, logicalId: string): string | undefined {
    const stack = this.stackOf.get(template);
    if (!stack) {
      return undefined;
    }
    // A nested stack's resources are in its parent's metadata, below the nested stack's path.
    const prefix = `${template.stackPath}/`;
    const nestedPrefixes = this.templates.filter((t) => t.parent?.template === template).map((t) => `${t.stackPath}/`);
    return [...stack.logicalIds].find(([constructPath, id]) => id === logicalId && constructPath.startsWith(prefix)
      && !nestedPrefixes.some((p) => constructPath.startsWith(p)))?.[0];
  }

  private readFolder(root: string, folder: string, candidates: Candidate[]): void {
    // In the order of their names (code units), the same on every machine; symbolic links are not followed.
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      const entry = lstatSync(file);
      if (entry.isDirectory() && !name.startsWith('.') && name !== 'node_modules') {
        if (this.isCloudAssembly(file)) {
          this.readCloudAssembly(file);
        } else {
          this.readFolder(root, file, candidates);
        }
      } else if (entry.isFile() && TEMPLATE_FILE.test(name)) {
        candidates.push({ file, stackPath: stackPathOf(path.relative(root, file)), named: false });
      }
    }
  }

  private isCloudAssembly(folder: string): boolean {
    const manifest = path.join(folder, 'manifest.json');
    let artifacts: unknown;
    try {
      artifacts = JSON.parse(String(readFileSync(manifest))).artifacts;
    } catch {
      // No manifest, or one that is not JSON: the folder is read file by file, and a file that is not JSON is an error.
    }
    return isMapping(artifacts);
  }

  /** Reads the cloud assembly in `directory` (nested in those whose folders, symbolic links resolved, are `enclosing`), once. */
  private readCloudAssembly(directory: string, enclosing: readonly string[] = []): void {
    const folder = realPath(directory);
    if (this.assemblies.has(folder)) {
      // Read already: given twice, or in a folder two artifacts name.
      return;
    }
    this.assemblies.add(folder);
    const manifest = path.join(directory, 'manifest.json');
    // A nested cloud assembly's manifest may be missing (an error already) or hold no artifacts.
    const manifestArtifacts = Object.entries<any>((this.parse(manifest) as any)?.artifacts ?? {});
    const artifacts = Object.fromEntries(manifestArtifacts.filter(([id, artifact]) =>
      this.check(manifest, `artifacts.${id}`, artifact, isMapping(artifact), 'a mapping (an artifact with its "type")')));
    // Whether `properties.<name>` of the artifact `id` is the path of `what` (the schema and the CDK CLI require it); an error if not.
    const hasPath = (id: string, artifact: any, name: string, what: string) => {
      const value = artifact.properties?.[name];
      return this.check(manifest, `artifacts.${id}.properties.${name}`, value, typeof value === 'string',
        `the path of ${what}, relative to the manifest's folder`);
    };
    const assets = Object.entries(artifacts).filter(([id, a]) => a.type === 'cdk:asset-manifest' && hasPath(id, a, 'file', 'the asset manifest'))
      .flatMap(([, artifact]) => Object.entries<any>((this.parse(path.join(directory, artifact.properties.file)) as any)?.files ?? {}))
      .map(([id, asset]) => ({ id, file: path.join(directory, String(asset?.source?.path)) }));
    for (const [id, artifact] of Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack')) {
      // The environment too, as the CDK CLI requires it (the schema has it optional, for other artifacts' sake).
      const hasTemplate = hasPath(id, artifact, 'templateFile', 'the stack\'s template');
      const hasEnvironment = this.check(manifest, `artifacts.${id}.environment`, artifact.environment, environmentOf(artifact.environment) !== undefined,
        '"aws://<account>/<region>"');
      if (!hasTemplate || !hasEnvironment) {
        continue;
      }
      const { file, stackPath, stackName, env } = stackOfArtifact(directory, id, artifact);
      // Optional, as in the schema; when given, the path of a file (the CDK CLI fails on path.join otherwise).
      const name = artifact.additionalMetadataFile;
      const metadataFile = name !== undefined && this.check(manifest, `artifacts.${id}.additionalMetadataFile`, name, typeof name === 'string',
        'the path of the stack\'s metadata file, relative to the manifest\'s folder') ? path.join(directory, name) : undefined;
      // A construct path in both the manifest and the metadata file has the entries of both, as the CDK CLI reads them.
      const metadata = [
        ...this.metadataEntries(manifest, `artifacts.${id}.metadata`, artifact.metadata),
        ...(metadataFile ? this.metadataEntries(metadataFile, `artifacts.${id}.additionalMetadataFile`, this.parse(metadataFile)) : []),
      ];
      const logicalIds = new Map<string, string>();
      for (const [where, entries] of metadata) {
        const constructPath = where.replace(/^\//, '');
        for (const entry of entries) {
          if (entry?.type === 'aws:cdk:logicalId') {
            logicalIds.set(constructPath, String(entry.data));
          } else if (entry?.type === 'aws:cdk:acknowledged-rules') {
            for (const [ackId, reason] of Object.entries<string>(entry.data)) {
              this.acknowledge(ackId, { at: constructPath, reason });
            }
          }
        }
      }
      const json = this.parse(file);
      if (json !== undefined) {
        const source: TemplateSource = { path: file, stackPath, stackName, env, json };
        this.stackOf.set(source, { directory, logicalIds, assets });
        this.add(source);
      }
    }
    // A nested cloud assembly in this one's folder or an enclosing one's would be read endlessly.
    const nested = Object.entries(artifacts)
      .filter(([id, a]) => a.type === 'cdk:cloud-assembly' && hasPath(id, a, 'directoryName', 'the nested cloud assembly\'s folder')
        && this.check(manifest, `artifacts.${id}.properties.directoryName`, a.properties.directoryName,
          ![...enclosing, folder].includes(realPath(path.join(directory, a.properties.directoryName))),
          'the path of the nested cloud assembly\'s folder, not this assembly\'s nor an enclosing one\'s'));
    for (const [, artifact] of nested) {
      this.readCloudAssembly(path.join(directory, artifact.properties.directoryName), [...enclosing, folder]);
    }
  }

  /**
   * The lists of entries of a stack's `metadata` (at `where` in `file`) by construct path: none when there is none; an
   * error when it is not a mapping, for each value that is not a list, and for each acknowledgement entry whose data is
   * not the reasons by ID (that entry skipped).
   */
  private metadataEntries(file: string, where: string, metadata: any): [string, any[]][] {
    if (metadata === undefined || !this.check(file, where, metadata, isMapping(metadata), 'a mapping of construct paths to lists of metadata entries')) {
      return [];
    }
    const lists: [string, any[]][] = [];
    for (const [constructPath, entries] of Object.entries<any>(metadata)) {
      const at = `${where}[${JSON.stringify(constructPath)}]`;
      if (this.check(file, at, entries, Array.isArray(entries), 'a list of metadata entries')) {
        lists.push([constructPath, entries.filter((entry: any, i: number) => entry?.type !== 'aws:cdk:acknowledged-rules'
          || this.check(file, `${at}[${i}].data`, entry.data, isAcknowledgedRules(entry.data), '{ "<ID to acknowledge with>": "<why>", ... }'))]);
      }
    }
    return lists;
  }

  /** Adds `source`, its acknowledgements, and its nested stacks' templates. */
  private add(source: TemplateSource): void {
    this.templates.push(source);
    this.checkResourcesAreMappings(source);
    this.readAcknowledgements(source);
    const stack = this.stackOf.get(source);
    for (const [logicalId, resource] of Object.entries<any>(source.json.Resources ?? {})) {
      const file = stack ? assemblyTemplateFile(stack, resource) : localTemplateFile(path.dirname(source.path), resource);
      if (file === undefined || isAncestor(file, source) || !this.isTemplate(file, true)) {
        // Not a file of these templates: the check reports the nested stack as not read.
        continue;
      }
      const resourcePath = resource.Metadata?.['aws:cdk:path'] ?? this.pathOf(source, logicalId);
      const parameters = resource.Properties?.Parameters;
      const nested: TemplateSource = {
        path: file,
        stackPath: nestedStackPath(resourcePath) ?? `${source.stackPath}/${logicalId}`,
        env: source.env,
        json: this.parsed.get(file),
        parent: { template: source, logicalId, parameters: isMapping(parameters) ? parameters : {} },
      };
      if (stack) {
        this.stackOf.set(nested, stack);
      }
      this.add(nested);
    }
  }

  /**
   * Fails on each resource of `source` that is not a mapping: `Policy:` left empty in YAML (`null`), a list, a text.
   * CloudFormation rejects such a template; the check would read it as holding no policy there.
   */
  private checkResourcesAreMappings(source: TemplateSource): void {
    for (const [logicalId, resource] of Object.entries<unknown>(source.json.Resources ?? {})) {
      this.check(source.path, `Resources.${logicalId}`, resource, isMapping(resource), 'a mapping (a resource with its "Type")');
    }
  }

  /** The acknowledgements in `source`'s metadata and its resources' (`ACKNOWLEDGE_METADATA_KEY`). */
  private readAcknowledgements(source: TemplateSource): void {
    const read = (metadata: any, at: string, where: string) => {
      const entry = metadata?.[ACKNOWLEDGE_METADATA_KEY];
      if (entry === undefined) {
        return;
      }
      const list = entry?.acknowledge;
      const valid = Array.isArray(list) && list.length > 0 && list.every((a) => typeof a?.id === 'string' && typeof a.reason === 'string');
      if (!this.check(source.path, `${where}.${ACKNOWLEDGE_METADATA_KEY}`, entry, valid,
        '{ "acknowledge": [{ "id": "<ID to acknowledge with>", "reason": "<why>" }, ...] }')) {
        return;
      }
      for (const acknowledgement of list) {
        this.acknowledge(acknowledgement.id, { at, reason: acknowledgement.reason });
      }
    };
    read(source.json.Metadata, source.stackPath, 'Metadata');
    for (const [logicalId, resource] of Object.entries<any>(source.json.Resources ?? {})) {
      read(resource?.Metadata, `${source.stackPath}/${logicalId}`, `Resources.${logicalId}.Metadata`);
    }
  }

  private acknowledge(id: string, acknowledgement: Acknowledgement): void {
    this.acknowledgements.set(id, [...this.acknowledgements.get(id) ?? [], acknowledgement]);
  }

  /** Whether `file` is a template; when it is not and `named`, why not is an error. */
  private isTemplate(file: string, named: boolean): boolean {
    const json: any = this.parse(file);
    if (json === undefined) {
      return false;
    }
    if (isMapping(json) && isMapping(json.Resources)) {
      return true;
    }
    if (named) {
      this.fail(file, 'not a CloudFormation template: a template is a JSON or YAML mapping with a "Resources" mapping');
    }
    return false;
  }

  /** The content of `file`, parsed once; `undefined` (and an error) when it cannot be read or parsed. */
  private parse(file: string): unknown {
    if (!this.parsed.has(file)) {
      try {
        const text = readFileSync(file, 'utf-8');
        this.parsed.set(file, parseTemplateText(text, formatOf(file, text)));
      } catch (error) {
        this.parsed.set(file, undefined);
        this.fail(file, (error as Error).message);
      }
    }
    return this.parsed.get(file);
  }

  /** Whether `value`, at `where` in `file`, is `valid`; when it is not, an error: what it must be, and what it is. */
  private check(file: string, where: string, value: unknown, valid: boolean, expected: string): boolean {
    if (!valid) {
      this.fail(file, `${where} must be ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
    }
    return valid;
  }

  private fail(file: string, reason: string): void {
    this.errors.push({ file, reason });
  }
}

/** A stack's name from a template file's (relative) path: without its extension, with `/` between folders. */
function stackPathOf(relativePath: string): string {
  return relativePath.split(path.sep).join('/').replace(/(\.template)?\.(json|ya?ml)$|\.template$/i, '');
}

/** The template file of a nested stack of a cloud assembly: its asset path metadata, or the asset its URL names. */
function assemblyTemplateFile(stack: AssemblyContext, resource: any): string | undefined {
  if (resource?.Type !== 'AWS::CloudFormation::Stack') {
    return undefined;
  }
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string') {
    return path.join(stack.directory, assetPath);
  }
  const url = `${JSON.stringify(resource.Properties?.TemplateURL)}`;
  return stack.assets.find((asset) => url.includes(asset.id))?.file;
}

/**
 * The local template file of a nested stack outside a cloud assembly: an `AWS::CloudFormation::Stack`'s `TemplateURL`
 * or an `AWS::Serverless::Application`'s `Location`, when it is the path (relative to the template's folder) of a file.
 */
function localTemplateFile(folder: string, resource: any): string | undefined {
  const property = NESTED_TEMPLATE_PROPERTY.get(resource?.Type);
  const location = property && resource.Properties?.[property];
  if (typeof location !== 'string') {
    return undefined;
  }
  // A URL (`https://...`, `s3://...`) names an uploaded template: no file has its path.
  const file = path.resolve(folder, location);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    // No such file.
  }
  return isFile ? file : undefined;
}

/** The construct path of a nested stack from that of its resource (`Parent/Name.NestedStack/Name.NestedStackResource`). */
function nestedStackPath(resourcePath: unknown): string | undefined {
  const text = String(resourcePath);
  const match = /\/([^/]+)\.NestedStack\/\1\.NestedStackResource$/.exec(text);
  return match ? `${text.slice(0, match.index)}/${match[1]}` : undefined;
}

/** The path of `folder` with its symbolic links resolved; `folder` if it does not exist. */
function realPath(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** Whether `data` is an `aws:cdk:acknowledged-rules` entry's: the reason (a text) by ID, as `Validations.of(scope).acknowledge` records it. */
function isAcknowledgedRules(data: unknown): boolean {
  return isMapping(data) && Object.values(data).every((reason) => typeof reason === 'string');
}

function isAncestor(file: string, template: TemplateSource | undefined): boolean {
  return template !== undefined && (template.path === file || isAncestor(file, template.parent?.template));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

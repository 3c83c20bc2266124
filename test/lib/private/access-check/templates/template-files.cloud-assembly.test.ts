/**
 * template-files.ts on cloud assemblies: their stacks, nested stacks, construct paths and acknowledgements, from the
 * manifest, its metadata and asset manifests; and what a malformed part of one is read as.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { loadTemplateFiles } from '../../../../../lib/private/access-check/templates/template-files';
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { ACCOUNT, appWithNestedStackAndStage, emptyFolder, REGION } from '../../../../support';

/** Each template's file (relative to `root`), stack path and parent's file and logical ID. */
function summary(templates: readonly TemplateSource[], root: string) {
  return templates.map((t) => ({
    file: path.relative(root, t.path),
    stackPath: t.stackPath,
    ...(t.parent ? { parent: `${path.relative(root, t.parent.template.path)} ${t.parent.logicalId}` } : {}),
  }));
}

/** The JSON of `file`. */
function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf-8'));
}

/** Writes `json` to `file`. */
function writeJson(file: string, json: unknown): void {
  writeFileSync(file, JSON.stringify(json));
}

describe('a cloud assembly', () => {
  // `cdk synth` writes asset metadata (the nested stack's template file); `app.synth()` without the CDK CLI does not,
  // and the nested stack's template is found through the asset manifest.
  describe.each([
    ['as app.synth() writes it', {}, false],
    ['with asset metadata, as cdk synth writes it', { 'aws:cdk:enable-asset-metadata': true }, true],
  ])('%s', (_name, context, assetMetadata) => {
    const outdir = emptyFolder();
    beforeAll(() => {
      appWithNestedStackAndStage(outdir, context).synth();
    });

    test('its stacks, their nested stacks and the stacks of its stages, with their names and environments', () => {
      const { templates, errors, cloudAssemblies } = loadTemplateFiles([outdir]);

      expect(errors).toEqual([]);
      expect(cloudAssemblies).toEqual([outdir]);
      const nestedStackResource = templates[1].parent!.template.json.Resources[templates[1].parent!.logicalId];
      expect(nestedStackResource.Metadata?.['aws:asset:path'] !== undefined).toBe(assetMetadata);
      expect(templates.map((t) => ({ ...summary([t], outdir)[0], stackName: t.stackName, env: t.env }))).toEqual([
        { file: 'Reporting.template.json', stackPath: 'Reporting', stackName: 'Reporting', env: { account: ACCOUNT, region: REGION } },
        {
          file: expect.stringMatching(/^ReportingLegacy[0-9A-F]{8}\.nested\.template\.json$/),
          stackPath: 'Reporting/Legacy',
          stackName: undefined,
          env: { account: ACCOUNT, region: REGION },
          parent: expect.stringMatching(/^Reporting\.template\.json LegacyNestedStackLegacyNestedStackResource[0-9A-F]{8}$/),
        },
        {
          file: expect.stringMatching(/^assembly-Prod\/ProdExports[0-9A-F]{8}\.template\.json$/),
          stackPath: 'Prod/Exports',
          stackName: 'Prod-Exports',
          env: { account: ACCOUNT, region: REGION },
        },
      ]);
    });

    test('the construct path of each resource, from the manifest: a nested stack\'s own, not its parent\'s of the same logical ID', () => {
      const { templates, pathOf } = loadTemplateFiles([outdir]);
      const [parent, nested, staged] = templates;
      const exportRole = Object.keys(nested.json.Resources).find((id) => nested.json.Resources[id].Type === 'AWS::IAM::Role')!;

      expect(Object.keys(parent.json.Resources)).toContain(exportRole);
      expect(pathOf(parent, exportRole)).toBe('Reporting/ExportRole/Resource');
      expect(pathOf(nested, exportRole)).toBe('Reporting/Legacy/ExportRole/Resource');
      expect(pathOf(staged, exportRole)).toBe('Prod/Exports/ExportRole/Resource');
      expect(pathOf(parent, 'NoSuchResource')).toBeUndefined();
    });

    test('the acknowledgements Validations.of(scope).acknowledge recorded in its metadata', () => {
      const { acknowledgementsOf } = loadTemplateFiles([outdir]);

      expect(acknowledgementsOf('PinpointAccessValidator::PinpointAnalyticsWildcardAction[Prod/Exports/ExportRole/DefaultPolicy#ReadEverything]'))
        .toEqual([{ at: 'Prod/Exports/ExportRole', reason: 'The export is switched off with Pinpoint' }]);
    });
  });

  test('a nested stack\'s resources are told from its parent\'s of the same logical ID whatever the order of the metadata', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const metadataFile = path.join(outdir, 'Reporting.metadata.json');
    const reversed = Object.fromEntries(Object.entries(JSON.parse(readFileSync(metadataFile, 'utf-8'))).reverse());
    writeFileSync(metadataFile, JSON.stringify(reversed));
    const { templates: [parent, nested], pathOf } = loadTemplateFiles([outdir]);
    const exportRole = Object.keys(nested.json.Resources).find((id) => nested.json.Resources[id].Type === 'AWS::IAM::Role')!;

    expect(Object.keys(reversed).indexOf('/Reporting/Legacy/ExportRole/Resource')).toBeLessThan(Object.keys(reversed).indexOf('/Reporting/ExportRole/Resource'));
    expect(pathOf(parent, exportRole)).toBe('Reporting/ExportRole/Resource');
    expect(pathOf(nested, exportRole)).toBe('Reporting/Legacy/ExportRole/Resource');
  });

  test('a stack without resources, as aws-cdk-lib writes an empty stack', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const [staged] = loadTemplateFiles([outdir]).templates.filter((t) => t.stackPath === 'Prod/Exports');
    const empty = { Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } } };
    writeFileSync(staged.path, JSON.stringify(empty));
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([]);
    expect(templates.find((t) => t.stackPath === 'Prod/Exports')?.json).toEqual(empty);
  });

  test('an older manifest, with its metadata in the manifest itself', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const manifestFile = path.join(outdir, 'assembly-Prod', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf-8'));
    const stack = Object.values<any>(manifest.artifacts).find((artifact) => artifact.type === 'aws:cloudformation:stack');
    stack.metadata = JSON.parse(readFileSync(path.join(outdir, 'assembly-Prod', stack.additionalMetadataFile), 'utf-8'));
    delete stack.additionalMetadataFile;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const { templates, pathOf, acknowledgementsOf, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([]);
    const staged = templates.find((t) => t.stackPath === 'Prod/Exports')!;
    expect(Object.keys(staged.json.Resources).map((id) => pathOf(staged, id))).toContain('Prod/Exports/ExportRole/Resource');
    expect(acknowledgementsOf('PinpointAccessValidator::PinpointAnalyticsBroadResource[Prod/Exports/ExportRole/DefaultPolicy#ReadEverything]'))
      .toHaveLength(1);
  });
});

describe('a cloud assembly written otherwise', () => {
  /** A new cloud assembly of `appWithNestedStackAndStage` (synthesized with `context`), and the files of its Reporting stack. */
  function assembly(context: Record<string, unknown> = {}) {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir, context).synth();
    const template = path.join(outdir, 'Reporting.template.json');
    const json = readJson(template);
    const nestedStack = Object.keys(json.Resources).find((id) => json.Resources[id].Type === 'AWS::CloudFormation::Stack')!;
    return {
      outdir,
      manifest: path.join(outdir, 'manifest.json'),
      template,
      json,
      nestedStack,
      metadata: path.join(outdir, 'Reporting.metadata.json'),
      assets: path.join(outdir, 'Reporting.assets.json'),
    };
  }
  const STACKS = ['Reporting', 'Reporting/Legacy', 'Prod/Exports'];

  test('the path of a nested stack from its resource\'s aws:cdk:path, when the manifest records no logical IDs', () => {
    const { outdir, metadata } = assembly({ 'aws:cdk:enable-path-metadata': true, 'aws:cdk:disable-logicalId-metadata': true });
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(readFileSync(metadata, 'utf-8')).not.toContain('aws:cdk:logicalId');
    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  test('with asset metadata, a nested stack\'s template is found by it: an asset manifest without the file changes nothing', () => {
    const { outdir, assets } = assembly({ 'aws:cdk:enable-asset-metadata': true });
    writeJson(assets, { ...readJson(assets), files: {} });
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  test('a nested stack resource without properties: read by its asset metadata with no parameters, else not read', () => {
    const [withMetadata, withoutMetadata] = [{ 'aws:cdk:enable-asset-metadata': true }, {}].map((context) => {
      const { outdir, template, json, nestedStack } = assembly(context);
      delete json.Resources[nestedStack].Properties;
      writeJson(template, json);
      return loadTemplateFiles([outdir]);
    });

    expect(withMetadata.errors).toEqual([]);
    expect(withMetadata.templates.map((t) => t.stackPath)).toEqual(STACKS);
    expect(withMetadata.templates[1].parent?.parameters).toEqual({});
    expect(withoutMetadata.errors).toEqual([]);
    expect(withoutMetadata.templates.map((t) => t.stackPath)).toEqual(['Reporting', 'Prod/Exports']);
  });

  test('a resource that is not a mapping is an error; another resource\'s asset (a function\'s code) is no nested stack', () => {
    const { outdir, template, json } = assembly({ 'aws:cdk:enable-asset-metadata': true });
    mkdirSync(path.join(outdir, 'asset.0123456789abcdef'));
    json.Resources.Nothing = null;
    json.Resources.Function = { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.0123456789abcdef', 'aws:asset:property': 'Code' } };
    writeJson(template, json);
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([{ file: template, reason: 'Resources.Nothing must be a mapping (a resource with its "Type"), got null' }]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  test('file assets without a source are not the nested stack\'s template', () => {
    const { outdir, assets } = assembly();
    const manifest = readJson(assets);
    writeJson(assets, { ...manifest, files: { ...manifest.files, NullAsset: null, AssetWithoutSource: {} } });
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  test('metadata: construct paths with or without their leading "/"; entries that are null or of other types skipped', () => {
    const { outdir, metadata } = assembly();
    const entries = Object.entries<any[]>(readJson(metadata)).map(([where, list]) => [where.replace(/^\//, ''), list]);
    // A warning's text, were it read as acknowledgements, would acknowledge IDs '0', '1', ... (its characters).
    entries.push(['Reporting', [null, { type: 'aws:cdk:warning', data: 'Read everything' }]]);
    writeJson(metadata, Object.fromEntries(entries));
    const { templates: [parent, nested], pathOf, acknowledgementsOf, errors } = loadTemplateFiles([outdir]);
    const exportRole = Object.keys(nested.json.Resources).find((id) => nested.json.Resources[id].Type === 'AWS::IAM::Role')!;

    expect(errors).toEqual([]);
    expect(pathOf(parent, exportRole)).toBe('Reporting/ExportRole/Resource');
    expect(pathOf(nested, exportRole)).toBe('Reporting/Legacy/ExportRole/Resource');
    expect(acknowledgementsOf('0')).toEqual([]);
  });

  test('fails on an artifact of the manifest that is not a mapping, and reads the others', () => {
    const { outdir, manifest } = assembly();
    const json = readJson(manifest);
    writeJson(manifest, { ...json, artifacts: { ...json.artifacts, Broken: null } });
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([{ file: manifest, reason: 'artifacts.Broken must be a mapping (an artifact with its "type"), got null' }]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  test('metadata that is not a list of entries, in the manifest or in its metadata file: an error; the rest is read', () => {
    const { outdir, manifest, metadata } = assembly();
    const json = readJson(manifest);
    json.artifacts.Reporting.metadata = { '/Reporting/Odd': { type: 'aws:cdk:logicalId', data: 'Odd' } };
    writeJson(manifest, json);
    writeJson(metadata, { ...readJson(metadata), '/Reporting/Empty': null, '/Reporting/Text': 'aws:cdk:logicalId' });
    const { templates, pathOf, errors } = loadTemplateFiles([outdir]);
    const [parent, nested] = templates;
    const exportRole = Object.keys(nested.json.Resources).find((id) => nested.json.Resources[id].Type === 'AWS::IAM::Role')!;

    expect(errors).toEqual([
      { file: manifest, reason: 'artifacts.Reporting.metadata["/Reporting/Odd"] must be a list of metadata entries, got {"type":"aws:cdk:logicalId","data":"Odd"}' },
      { file: metadata, reason: 'artifacts.Reporting.additionalMetadataFile["/Reporting/Empty"] must be a list of metadata entries, got null' },
      { file: metadata, reason: 'artifacts.Reporting.additionalMetadataFile["/Reporting/Text"] must be a list of metadata entries, got "aws:cdk:logicalId"' },
    ]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
    expect(pathOf(parent, exportRole)).toBe('Reporting/ExportRole/Resource');
  });

  test('a construct path in both the manifest and its metadata file: the entries of both are read, as the CDK CLI reads them', () => {
    const { outdir, manifest, metadata } = assembly();
    const json = readJson(manifest);
    json.artifacts.Reporting.metadata = { '/Reporting/Acknowledged': [{ type: 'aws:cdk:acknowledged-rules', data: { 'A::Rule': 'In the manifest' } }] };
    writeJson(manifest, json);
    writeJson(metadata, {
      ...readJson(metadata),
      '/Reporting/Acknowledged': [{ type: 'aws:cdk:acknowledged-rules', data: { 'A::Rule': 'In the metadata file' } }],
    });
    const { acknowledgementsOf, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([]);
    expect(acknowledgementsOf('A::Rule')).toEqual([
      { at: 'Reporting/Acknowledged', reason: 'In the manifest' },
      { at: 'Reporting/Acknowledged', reason: 'In the metadata file' },
    ]);
  });

  test('an acknowledgement entry whose data is not the reasons by ID: an error for each; the other entries are read', () => {
    const { outdir, metadata } = assembly();
    const acknowledged = (data: unknown) => ({ type: 'aws:cdk:acknowledged-rules', data });
    writeJson(metadata, {
      ...readJson(metadata),
      '/Reporting/Acknowledged': [acknowledged(null), acknowledged('Read everything'), acknowledged({ 'B::Rule': 'Why not', 'A::Rule': 42 }), acknowledged({ 'A::Rule': 'Why' })],
    });
    const { templates, acknowledgementsOf, errors } = loadTemplateFiles([outdir]);

    const where = 'artifacts.Reporting.additionalMetadataFile["/Reporting/Acknowledged"]';
    const expected = 'must be { "<ID to acknowledge with>": "<why>", ... }';
    expect(errors).toEqual([
      { file: metadata, reason: `${where}[0].data ${expected}, got null` },
      { file: metadata, reason: `${where}[1].data ${expected}, got "Read everything"` },
      { file: metadata, reason: `${where}[2].data ${expected}, got {"B::Rule":"Why not","A::Rule":42}` },
    ]);
    expect(acknowledgementsOf('A::Rule')).toEqual([{ at: 'Reporting/Acknowledged', reason: 'Why' }]);
    expect(acknowledgementsOf('B::Rule')).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(STACKS);
  });

  // One error, not one for each character of a text; a number is not read as no metadata.
  test.each([
    ['a text', 'aws:cdk:logicalId'],
    ['a number', 42],
    ['null', null],
    ['a list', [{ type: 'aws:cdk:logicalId', data: 'Odd' }]],
  ])('metadata that is %s, in the manifest or as its metadata file: an error for each; the stacks are read', (_name, value) => {
    const { outdir, manifest, metadata, nestedStack } = assembly();
    const json = readJson(manifest);
    json.artifacts.Reporting.metadata = value;
    writeJson(manifest, json);
    writeJson(metadata, value);
    const { templates, errors } = loadTemplateFiles([outdir]);

    const reason = `must be a mapping of construct paths to lists of metadata entries, got ${JSON.stringify(value)}`;
    expect(errors).toEqual([
      { file: manifest, reason: `artifacts.Reporting.metadata ${reason}` },
      { file: metadata, reason: `artifacts.Reporting.additionalMetadataFile ${reason}` },
    ]);
    // Without its metadata, the nested stack's path is its parent's and its resource's logical ID.
    expect(templates.map((t) => t.stackPath)).toEqual(['Reporting', `Reporting/${nestedStack}`, 'Prod/Exports']);
  });
});

describe('a malformed artifact of a cloud assembly\'s manifest: an error naming the manifest, the artifact and the property', () => {
  /** Loads a new cloud assembly whose artifact `id` of its manifest `change` changed. */
  function loadChanged(id: string, change: (artifact: any) => void) {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const manifest = path.join(outdir, 'manifest.json');
    const json = readJson(manifest);
    change(json.artifacts[id]);
    writeJson(manifest, json);
    return { manifest, ...loadTemplateFiles([outdir]) };
  }
  const TEMPLATE_FILE = 'properties.templateFile must be the path of the stack\'s template, relative to the manifest\'s folder';
  const ENVIRONMENT = 'environment must be "aws://<account>/<region>"';
  const ASSET_MANIFEST = 'properties.file must be the path of the asset manifest, relative to the manifest\'s folder';
  const DIRECTORY = 'properties.directoryName must be the path of the nested cloud assembly\'s folder, relative to the manifest\'s folder';
  const ENCLOSING = 'properties.directoryName must be the path of the nested cloud assembly\'s folder, not this assembly\'s nor an enclosing one\'s';
  const [STACK, ASSETS, STAGE] = ['Reporting', 'Reporting.assets', 'assembly-Prod'];

  // The properties are required by the schema and the CDK CLI. So is the stack's environment for the CDK CLI ("Missing
  // environment"), though the schema has it optional, for other artifacts' sake. The artifact is not read, the others
  // are: without the stack, its nested stack neither; without the asset manifest, the nested stack's template (one of
  // its assets) is not found; without the nested cloud assembly, the stage's stack is not read.
  test.each([
    ['a stack artifact without properties', STACK, (a: any) => delete a.properties, `${TEMPLATE_FILE}, got nothing`],
    ['a stack artifact whose template file is not a path', STACK, (a: any) => a.properties.templateFile = 42, `${TEMPLATE_FILE}, got 42`],
    ['a stack artifact without environment', STACK, (a: any) => delete a.environment, `${ENVIRONMENT}, got nothing`],
    ['a stack artifact with an environment without region', STACK, (a: any) => a.environment = 'aws://123456789012', `${ENVIRONMENT}, got "aws://123456789012"`],
    ['a stack artifact with an environment without account', STACK, (a: any) => a.environment = 'aws:///us-east-1', `${ENVIRONMENT}, got "aws:///us-east-1"`],
    ['a stack artifact with an environment that is no aws:// URL', STACK, (a: any) => a.environment = '123456789012/us-east-1', `${ENVIRONMENT}, got "123456789012/us-east-1"`],
    ['an asset manifest artifact without its file', ASSETS, (a: any) => delete a.properties.file, `${ASSET_MANIFEST}, got nothing`],
    ['an asset manifest artifact without properties', ASSETS, (a: any) => delete a.properties, `${ASSET_MANIFEST}, got nothing`],
    ['a nested cloud assembly artifact without its folder', STAGE, (a: any) => delete a.properties.directoryName, `${DIRECTORY}, got nothing`],
    ['a nested cloud assembly artifact whose properties are null', STAGE, (a: any) => a.properties = null, `${DIRECTORY}, got nothing`],
    ['a nested cloud assembly artifact naming its own manifest\'s folder', STAGE, (a: any) => a.properties.directoryName = '.', `${ENCLOSING}, got "."`],
    ['a nested cloud assembly artifact naming its own manifest\'s folder by an empty path', STAGE, (a: any) => a.properties.directoryName = '', `${ENCLOSING}, got ""`],
  ])('%s', (_name, id, change, reason) => {
    const { manifest, templates, errors } = loadChanged(id, change);

    expect(errors).toEqual([{ file: manifest, reason: `artifacts.${id}.${reason}` }]);
    expect(templates.map((t) => t.stackPath)).toEqual({
      [STACK]: ['Prod/Exports'],
      [ASSETS]: ['Reporting', 'Prod/Exports'],
      [STAGE]: ['Reporting', 'Reporting/Legacy'],
    }[id]);
  });

  test('a stack artifact without properties nor environment: both errors', () => {
    const { manifest, errors } = loadChanged(STACK, (artifact) => {
      delete artifact.properties;
      delete artifact.environment;
    });

    expect(errors).toEqual([
      { file: manifest, reason: `artifacts.Reporting.${TEMPLATE_FILE}, got nothing` },
      { file: manifest, reason: `artifacts.Reporting.${ENVIRONMENT}, got nothing` },
    ]);
  });

  test('a nested cloud assembly naming an enclosing one, by its path or a symbolic link: an error on its manifest; each is read once', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const nestedManifest = path.join(outdir, 'assembly-Prod', 'manifest.json');
    const json = readJson(nestedManifest);
    symlinkSync(outdir, path.join(outdir, 'assembly-Prod', 'Link'));
    const nestedAssembly = (directoryName: string) => ({ type: 'cdk:cloud-assembly', properties: { directoryName } });
    writeJson(nestedManifest, { ...json, artifacts: { ...json.artifacts, Back: nestedAssembly('..'), Linked: nestedAssembly('Link') } });
    const { templates, errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([
      { file: nestedManifest, reason: `artifacts.Back.${ENCLOSING}, got ".."` },
      { file: nestedManifest, reason: `artifacts.Linked.${ENCLOSING}, got "Link"` },
    ]);
    expect(templates.map((t) => t.stackPath)).toEqual(['Reporting', 'Reporting/Legacy', 'Prod/Exports']);
  });

  test('a nested cloud assembly two artifacts name, or given also on its own: read once, without error', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const manifest = path.join(outdir, 'manifest.json');
    const json = readJson(manifest);
    writeJson(manifest, { ...json, artifacts: { ...json.artifacts, Again: json.artifacts[STAGE] } });
    const nestedFolder = path.join(outdir, 'assembly-Prod');
    const results = [[outdir], [outdir, nestedFolder], [nestedFolder, outdir]].map((inputs) => loadTemplateFiles(inputs));

    expect(results.map((result) => result.errors)).toEqual([[], [], []]);
    expect(results.map((result) => result.templates.map((t) => t.stackPath))).toEqual([
      ['Reporting', 'Reporting/Legacy', 'Prod/Exports'],
      ['Reporting', 'Reporting/Legacy', 'Prod/Exports'],
      ['Prod/Exports', 'Reporting', 'Reporting/Legacy'],
    ]);
  });

  test.each([42, null, { file: 'Reporting.metadata.json' }])('a stack artifact whose metadata file is %j: an error; the stack is read without that metadata', (value) => {
    const { manifest, templates, errors } = loadChanged(STACK, (artifact) => artifact.additionalMetadataFile = value);

    expect(errors).toEqual([{
      file: manifest,
      reason: `artifacts.Reporting.additionalMetadataFile must be the path of the stack's metadata file, relative to the manifest's folder, got ${JSON.stringify(value)}`,
    }]);
    // Without its metadata, the nested stack's path is its parent's and its resource's logical ID.
    expect(templates.map((t) => t.stackPath)).toEqual(['Reporting', expect.stringMatching(/^Reporting\/LegacyNestedStack/), 'Prod/Exports']);
  });

  test('a nested cloud assembly artifact naming a folder without a manifest: the manifest it lacks is an error', () => {
    const { manifest, templates, errors } = loadChanged(STAGE, (artifact) => artifact.properties.directoryName = 'assembly-Missing');

    expect(errors).toEqual([{ file: path.join(path.dirname(manifest), 'assembly-Missing', 'manifest.json'), reason: expect.stringContaining('ENOENT') }]);
    expect(templates.map((t) => t.stackPath)).toEqual(['Reporting', 'Reporting/Legacy']);
  });

  test('two nested cloud assembly artifacts naming two folders without a manifest: an error for each (neither is taken as read)', () => {
    const { manifest, errors } = loadChanged(STAGE, (artifact) => artifact.properties.directoryName = 'assembly-Missing');
    const json = readJson(manifest);
    json.artifacts.Other = { ...json.artifacts[STAGE], properties: { ...json.artifacts[STAGE].properties, directoryName: 'assembly-Other' } };
    writeJson(manifest, json);

    expect(errors).toHaveLength(1);
    expect(loadTemplateFiles([path.dirname(manifest)]).errors.map((e) => e.file))
      .toEqual(['assembly-Missing', 'assembly-Other'].map((folder) => path.join(path.dirname(manifest), folder, 'manifest.json')));
  });
});

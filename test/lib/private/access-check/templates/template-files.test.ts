/**
 * template-files.ts: the templates `pinpoint-access-check` reads from files, folders and cloud assemblies, with their
 * stacks' names, nested stacks and acknowledgements; and every input it cannot read, with the reason.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { loadTemplateFiles } from '../../../../../lib/private/access-check/templates/template-files';
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { appWithNestedStackAndStage, cliFixture, emptyFolder, folderWith } from '../../../../support';

/** Each template's file (relative to `root`), stack path and parent's file and logical ID. */
function summary(templates: readonly TemplateSource[], root: string) {
  return templates.map((t) => ({
    file: path.relative(root, t.path),
    stackPath: t.stackPath,
    ...(t.parent ? { parent: `${path.relative(root, t.parent.template.path)} ${t.parent.logicalId}` } : {}),
  }));
}

describe('a template file', () => {
  test('a YAML SAM template: its short-form tags in the long form, its stack named after the file', () => {
    const file = cliFixture('sam-app', 'template.yaml');
    const { templates, errors } = loadTemplateFiles([file]);

    expect(errors).toEqual([]);
    expect(templates).toHaveLength(1);
    const [template] = templates;
    expect(template).toMatchObject({ path: file, stackPath: 'template', env: {} });
    expect(template.stackName).toBeUndefined();
    expect(template.parent).toBeUndefined();
    expect(template.json.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.json.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(template.json.Conditions.IsProduction).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '123456789012'] });
    expect(template.json.Resources.KpiExportFunction.Properties.Tracing).toEqual({ 'Fn::If': ['IsProduction', 'Active', 'PassThrough'] });
    expect(template.json.Resources.KpiExportFunction.Properties.Policies[0].Statement[0].Resource)
      .toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${ProjectId}/kpis/*' });
    expect(template.json.Resources.LegacyExportFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['LegacyExportRole', 'Arn'] });
    expect(template.json.Resources.LegacyExportRole.Properties.Policies[0].PolicyDocument.Statement[0])
      .toEqual({ Sid: 'ReadEverything', Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*' });
    expect(template.json.Outputs.KpiExportFunctionArn.Export.Name)
      .toEqual({ 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'KpiExportFunctionArn']] });
  });

  test('JSON files, by extension (.json) or by content (.template), as they are', () => {
    const json = cliFixture('library-statements.json');
    const template = cliFixture('wildcard-role.template');
    const { templates, errors } = loadTemplateFiles([json, template, json]);

    expect(errors).toEqual([]);
    expect(summary(templates, cliFixture())).toEqual([
      { file: 'library-statements.json', stackPath: 'library-statements' },
      { file: 'wildcard-role.template', stackPath: 'wildcard-role' },
    ]);
    expect(templates[0].json).toEqual(JSON.parse(readFileSync(json, 'utf-8')));
    expect(templates[1].json).toEqual(JSON.parse(readFileSync(template, 'utf-8')));
  });

  test('nested stacks whose template is a local file: read with their parent and its parameters, not on their own', () => {
    const main = cliFixture('nested', 'main.yaml');
    const { templates, errors } = loadTemplateFiles([main, cliFixture('nested', 'stacks', 'export.yaml')]);

    expect(errors).toEqual([]);
    // Not read: a template uploaded to S3, a folder, a missing file, an application of the Serverless Application Repository.
    expect(summary(templates, cliFixture('nested'))).toEqual([
      { file: 'main.yaml', stackPath: 'main' },
      { file: 'stacks/export.yaml', stackPath: 'main/ExportStack', parent: 'main.yaml ExportStack' },
      { file: 'shared.json', stackPath: 'main/SharedApp', parent: 'main.yaml SharedApp' },
    ]);
    expect(templates[1].parent).toEqual({ template: templates[0], logicalId: 'ExportStack', parameters: { ProjectId: { Ref: 'ProjectId' } } });
    expect(templates[2].parent?.parameters).toEqual({});
  });

  test('templates that name each other as nested stacks: each read once, the cycle not followed', () => {
    const nestedStack = (file: string) => ({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: file } } } });
    const folder = folderWith({ 'a.json': nestedStack('b.json'), 'b.json': nestedStack('./a.json') });
    const { templates, errors } = loadTemplateFiles([folder]);

    expect(errors).toEqual([]);
    expect(summary(templates, folder)).toEqual([
      { file: 'a.json', stackPath: 'a' },
      { file: 'b.json', stackPath: 'a/Child', parent: 'a.json Child' },
    ]);
  });

  test('a nested stack before its parent in the folder: read once, as the nested stack', () => {
    const folder = folderWith({
      'child.json': { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } },
      'parent.json': { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.json' } } } },
    });
    const { templates, errors } = loadTemplateFiles([folder]);

    expect(errors).toEqual([]);
    expect(summary(templates, folder)).toEqual([
      { file: 'parent.json', stackPath: 'parent' },
      { file: 'child.json', stackPath: 'parent/Child', parent: 'parent.json Child' },
    ]);
  });

  test('a nested stack resource without properties names no template', () => {
    const file = path.join(folderWith({
      'template.json': { Resources: { Stack: { Type: 'AWS::CloudFormation::Stack' }, App: { Type: 'AWS::Serverless::Application' } } },
    }), 'template.json');
    const { templates, errors } = loadTemplateFiles([file]);

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(['template']);
  });

  test('a nested stack named by the construct path of its resource, when it is a NestedStack\'s', () => {
    const nestedStack = (constructPath: string) => ({
      Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'nested.json' }, Metadata: { 'aws:cdk:path': constructPath },
    });
    const folder = folderWith({
      'main.json': {
        Resources: {
          Legacy: nestedStack('App/Legacy.NestedStack/Legacy.NestedStackResource'),
          Copy: nestedStack('App/Legacy.NestedStack/Legacy.NestedStackResourceCopy'),
        },
      },
      'nested.json': { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } },
    });
    const { templates, errors } = loadTemplateFiles([path.join(folder, 'main.json')]);

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(['main', 'App/Legacy', 'main/Copy']);
  });

  test('a file given by name is named after its whole name when its extension is none of a template\'s', () => {
    const folder = folderWith({
      'template.yaml.orig': 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n',
      'stack.template.orig': { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } },
    });
    const { templates, errors } = loadTemplateFiles(['template.yaml.orig', 'stack.template.orig'].map((name) => path.join(folder, name)));

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(['template.yaml.orig', 'stack.template.orig']);
  });

  test('acknowledgements in the metadata of the template and of its resources', () => {
    const { acknowledgementsOf, errors } = loadTemplateFiles([cliFixture('acknowledged.yml')]);

    expect(errors).toEqual([]);
    expect(acknowledgementsOf('PinpointAccessValidator::PinpointAnalyticsBroadResource[acknowledged/ReportPolicy#ReadEverything]'))
      .toEqual([{ at: 'acknowledged', reason: 'Every project of the account is exported' }]);
    expect(acknowledgementsOf('PinpointAccessValidator::PinpointAnalyticsWildcardAction[acknowledged/ReportPolicy#ReadEverything]'))
      .toEqual([{ at: 'acknowledged/ReportPolicy', reason: 'The legacy exporter is switched off with Pinpoint' }]);
    expect(acknowledgementsOf('PinpointAccessValidator::PinpointAnalyticsWithWriteAction[acknowledged/ReportPolicy#ReadEverything]')).toEqual([]);
  });

  test('a template outside a cloud assembly has no construct paths', () => {
    const { templates, pathOf } = loadTemplateFiles([cliFixture('wildcard-role.template')]);

    expect(pathOf(templates[0], 'ReportRole')).toBeUndefined();
  });
});

describe('a folder', () => {
  test('every template in it and its subfolders, named by their path in it; other files, node_modules and hidden folders skipped', () => {
    const folder = emptyFolder();
    cpSync(cliFixture('folder'), folder, { recursive: true });
    // Files that would fail the run if they were read.
    const malformed = {
      'node_modules/some-package/template.json': '{',
      '.aws-sam/build/template.yaml': 'Resources: [',
      'notes.md': 'Resources: [',
      'stacks/api.json.bak': '{',
    };
    cpSync(folderWith(malformed), folder, { recursive: true });
    // `.yml` as well as `.yaml`.
    cpSync(folderWith({ 'stacks/worker.yml': 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n' }), folder, { recursive: true });
    const { templates, errors, cloudAssemblies } = loadTemplateFiles([folder]);

    expect(errors).toEqual([]);
    expect(cloudAssemblies).toEqual([]);
    expect(summary(templates, folder)).toEqual([
      { file: 'app.template.json', stackPath: 'app' },
      { file: 'stacks/api.yaml', stackPath: 'stacks/api' },
      { file: 'stacks/worker.yml', stackPath: 'stacks/worker' },
    ]);
  });

  test('in the order of their names\' UTF-16 code units, not of the file system\'s (UTF-8 bytes here)', () => {
    // U+1D41A is the code units D835 DC1A, before U+FF5A; its UTF-8 bytes (F0 ...) come after those of U+FF5A (EF ...).
    const template = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };
    const folder = folderWith({ '\uFF5A.json': template, '\u{1D41A}.json': template });
    const { templates, errors } = loadTemplateFiles([folder]);

    expect(errors).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(['\u{1D41A}', '\uFF5A']);
  });

  test('a subfolder that holds a cloud assembly is read as one', () => {
    const folder = folderWith({ 'template.json': readFileSync(cliFixture('library-statements.json'), 'utf-8') });
    appWithNestedStackAndStage(path.join(folder, 'cdk.out')).synth();
    const { templates, errors, cloudAssemblies } = loadTemplateFiles([folder]);

    expect(errors).toEqual([]);
    expect(cloudAssemblies).toEqual([]);
    expect(templates.map((t) => t.stackPath)).toEqual(['Reporting', 'Reporting/Legacy', 'Prod/Exports', 'template']);
  });
});

describe('inputs that cannot be read', () => {
  test('fails on a missing file or folder', () => {
    const missing = cliFixture('no-such-template.yaml');
    const { errors } = loadTemplateFiles([missing]);

    expect(errors).toEqual([{ file: missing, reason: `ENOENT: no such file or directory, stat '${missing}'` }]);
  });

  test('fails on malformed JSON and YAML, with the line and column', () => {
    const json = cliFixture('malformed', 'trailing-comma.json');
    const yaml = cliFixture('malformed', 'bad-indentation.yaml');
    const { errors, templates } = loadTemplateFiles([json, yaml]);

    expect(templates).toEqual([]);
    expect(errors).toEqual([
      { file: json, reason: expect.stringMatching(/^malformed JSON at line 4, column 3: /) },
      { file: yaml, reason: 'malformed YAML: All mapping items must start at the same column at line 4, column 1' },
    ]);
  });

  test('fails on a folder that holds a malformed template, naming the file, and on the folder left without a template', () => {
    const folder = cliFixture('malformed');
    const { errors } = loadTemplateFiles([folder]);

    expect(errors.map((e) => path.relative(folder, e.file) || '.')).toEqual(['bad-indentation.yaml', 'trailing-comma.json', '.']);
    expect(errors[2].reason).toBe('holds no CloudFormation template that could be read');
  });

  test('fails on a file given by name that is not a template', () => {
    const file = cliFixture('not-a-template.json');
    const { errors } = loadTemplateFiles([file]);

    expect(errors).toEqual([{ file, reason: 'not a CloudFormation template: a template is a JSON or YAML mapping with a "Resources" mapping' }]);
  });

  test('fails on a folder without a template, given with one that has templates', () => {
    const folder = cliFixture('empty-of-templates');
    const { errors } = loadTemplateFiles([cliFixture('folder'), folder]);

    expect(errors).toEqual([{ file: folder, reason: 'holds no CloudFormation template that could be read' }]);
  });

  test('fails on a nested stack whose local template is malformed (once, however often named) or not a template', () => {
    const nestedStack = (file: string) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: file } });
    const folder = folderWith({
      'main.json': { Resources: { Broken: nestedStack('broken.yaml'), Again: nestedStack('./broken.yaml'), Other: nestedStack('notes.json') } },
      'broken.yaml': 'Resources: [',
      'notes.json': { notes: 'not a template' },
    });
    const { errors } = loadTemplateFiles([path.join(folder, 'main.json')]);

    expect(errors).toEqual([
      { file: path.join(folder, 'broken.yaml'), reason: expect.stringMatching(/^malformed YAML: /) },
      { file: path.join(folder, 'notes.json'), reason: expect.stringMatching(/^not a CloudFormation template/) },
    ]);
  });

  test('fails on a malformed acknowledgement, naming where it is and showing it', () => {
    const file = path.join(folderWith({
      'template.json': {
        Metadata: { PinpointAccessValidator: { acknowledge: [{ id: 'PinpointAccessValidator::X' }] } },
        Resources: {
          Role: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: 'PinpointAccessValidator::X' } },
          Empty: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: { acknowledge: [] } } },
          Null: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: null } },
          NoId: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: { acknowledge: [{ reason: 'Why' }] } } },
          NullItem: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: { acknowledge: [null] } } },
          OneOfTwo: { Type: 'AWS::IAM::Role', Metadata: { PinpointAccessValidator: { acknowledge: [{ id: 'A', reason: 'Why' }, { id: 'B' }] } } },
        },
      },
    }), 'template.json');
    const { errors, acknowledgementsOf } = loadTemplateFiles([file]);

    const expected = 'must be { "acknowledge": [{ "id": "<ID to acknowledge with>", "reason": "<why>" }, ...] }, got';
    expect(errors).toEqual([
      { file, reason: `Metadata.PinpointAccessValidator ${expected} {"acknowledge":[{"id":"PinpointAccessValidator::X"}]}` },
      { file, reason: `Resources.Role.Metadata.PinpointAccessValidator ${expected} "PinpointAccessValidator::X"` },
      { file, reason: `Resources.Empty.Metadata.PinpointAccessValidator ${expected} {"acknowledge":[]}` },
      { file, reason: `Resources.Null.Metadata.PinpointAccessValidator ${expected} null` },
      { file, reason: `Resources.NoId.Metadata.PinpointAccessValidator ${expected} {"acknowledge":[{"reason":"Why"}]}` },
      { file, reason: `Resources.NullItem.Metadata.PinpointAccessValidator ${expected} {"acknowledge":[null]}` },
      { file, reason: `Resources.OneOfTwo.Metadata.PinpointAccessValidator ${expected} {"acknowledge":[{"id":"A","reason":"Why"},{"id":"B"}]}` },
    ]);
    expect(acknowledgementsOf('A')).toEqual([]);
  });

  test('fails on a resource that is not a mapping, naming it and showing it: in a template and in its nested stack', () => {
    const folder = folderWith({
      'template.yaml': [
        'Resources:',
        '  Policy:',
        '  Roles: [analysts]',
        '  Role: AWS::IAM::Role',
        '  Nested:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties:',
        '      TemplateURL: nested.json',
      ].join('\n'),
      'nested.json': { Resources: { Group: { Type: 'AWS::IAM::Group' }, User: 7 } },
    });
    const [file, nested] = ['template.yaml', 'nested.json'].map((name) => path.join(folder, name));
    const { errors, templates } = loadTemplateFiles([file]);

    const expected = 'must be a mapping (a resource with its "Type"), got';
    expect(errors).toEqual([
      { file, reason: `Resources.Policy ${expected} null` },
      { file, reason: `Resources.Roles ${expected} ["analysts"]` },
      { file, reason: `Resources.Role ${expected} "AWS::IAM::Role"` },
      { file: nested, reason: `Resources.User ${expected} 7` },
    ]);
    expect(summary(templates, folder)).toEqual([
      { file: 'template.yaml', stackPath: 'template' },
      { file: 'nested.json', stackPath: 'template/Nested', parent: 'template.yaml Nested' },
    ]);
  });

  test('fails on a cloud assembly whose manifest names a missing or malformed file', () => {
    const outdir = emptyFolder();
    appWithNestedStackAndStage(outdir).synth();
    const [template] = loadTemplateFiles([outdir]).templates.filter((t) => t.stackPath === 'Prod/Exports').map((t) => t.path);
    rmSync(template);
    const assets = path.join(outdir, 'Reporting.assets.json');
    writeFileSync(assets, '{"files": ');
    const { errors } = loadTemplateFiles([outdir]);

    expect(errors).toEqual([
      { file: assets, reason: 'malformed JSON: Unexpected end of JSON input' },
      { file: template, reason: expect.stringMatching(/^ENOENT: no such file or directory/) },
    ]);
  });
});

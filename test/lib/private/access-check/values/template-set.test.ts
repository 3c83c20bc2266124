/**
 * Values followed through the templates of one check (lib/private/access-check/values/template-set.ts, read by
 * `renderValue` of cfn-values.ts): nested stacks' parameters and outputs, exports, stack outputs, mappings, the ARNs
 * of Pinpoint resources, and resources by name.
 */
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { renderValue } from '../../../../../lib/private/access-check/values/cfn-values';
import { TemplateSet } from '../../../../../lib/private/access-check/values/template-set';

describe('values followed through templates (cfn-values.ts, template-set.ts)', () => {
  function source(name: string, json: any, more: Partial<TemplateSource> = {}): TemplateSource {
    return { path: `/t/${name}.template.json`, stackPath: name, stackName: name, env: {}, json, ...more };
  }
  const parent = source('Parent', {
    Mappings: { Regions: { 'us-east-1': { Project: 'p1' } } },
    Resources: {
      App: { Type: 'AWS::Pinpoint::App' },
      Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { ProjectId: { Ref: 'App' } } } },
    },
    Outputs: { Exported: { Value: 'exported-value', Export: { Name: 'Exported' } }, Plain: { Value: 'plain' } },
  });
  const child = source('Child', {
    Parameters: { ProjectId: { Type: 'String' }, NotPassed: { Type: 'String' } },
    Resources: {},
    Outputs: { Arn: { Value: { 'Fn::Sub': 'apps/${ProjectId}' } } },
  }, { parent: { template: parent, logicalId: 'Child', parameters: parent.json.Resources.Child.Properties.Parameters } });
  const twin = source('Twin', { Resources: {} }, { stackName: 'Parent' });
  const set = new TemplateSet([parent, child]);
  const inParent = (value: unknown) => renderValue(value, { set, template: parent }).text;
  const inChild = (value: unknown) => renderValue(value, { set, template: child }).text;

  test('a parameter of a nested stack is what its parent passes; one nobody passes stays a token', () => {
    expect(inChild({ Ref: 'ProjectId' })).toBe('${App}');
    expect(inChild({ Ref: 'NotPassed' })).toBe('${NotPassed}');
    expect(set.follow(child, { Ref: 'ProjectId' })).toEqual({ template: parent, logicalId: 'App' });
    expect(set.follow(child, { Ref: 'NotPassed' })).toBeUndefined();
  });

  test("a nested stack's output, an export and a stack's output are their values; what no template answers, a token", () => {
    expect(inParent({ 'Fn::GetAtt': ['Child', 'Outputs.Arn'] })).toBe('apps/${App}');
    expect(inParent({ 'Fn::GetAtt': 'Child.Outputs.Missing' })).toBe('${Child.Outputs.Missing}');
    expect(inParent({ 'Fn::GetAtt': ['App', 'Outputs.Arn'] })).toBe('${App.Outputs.Arn}');
    expect(inChild({ 'Fn::ImportValue': 'Exported' })).toBe('exported-value');
    expect(inChild({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-X' } })).toBe('${Import:${AWS::StackName}-X}');
    expect(inChild({ 'Fn::GetStackOutput': { StackName: 'Parent', OutputName: 'Plain' } })).toBe('plain');
    expect(inChild({ 'Fn::GetStackOutput': { StackName: 'Parent', OutputName: 'Missing' } })).toBe('${Parent.Missing}');
    // Two templates of one stack name: which one is meant cannot be told.
    const ambiguous = new TemplateSet([parent, twin]);
    expect(ambiguous.stackOutput('Parent', 'Plain')).toBeUndefined();
  });

  test('Fn::FindInMap of literal keys is the mapping\'s value; of tokens or a missing entry, a token', () => {
    expect(inParent({ 'Fn::FindInMap': ['Regions', 'us-east-1', 'Project'] })).toBe('p1');
    expect(inParent({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Project'] })).toBe('${Fn::FindInMap}');
    expect(inParent({ 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Project'] })).toBe('${Fn::FindInMap}');
    expect(inParent({ 'Fn::FindInMap': 'nonsense' })).toBe('${Fn::FindInMap}');
  });

  test('references that lead back to themselves end, as tokens', () => {
    const loop = source('Loop', { Resources: {}, Outputs: { X: { Value: { 'Fn::ImportValue': 'Loop' }, Export: { Name: 'Loop' } } } });
    const loops = new TemplateSet([loop]);
    expect(renderValue({ 'Fn::ImportValue': 'Loop' }, { set: loops, template: loop }).text).toBe('${Import:Loop}');
    expect(loops.follow(loop, { 'Fn::ImportValue': 'Loop' })).toBeUndefined();
    // An export whose name is built, and whose value imports it again.
    const built = source('Built', { Resources: {}, Outputs: { X: { Value: { 'Fn::ImportValue': { 'Fn::Sub': 'Built' } }, Export: { Name: 'Built' } } } });
    expect(renderValue({ 'Fn::ImportValue': { 'Fn::Join': ['', ['Bui', 'lt']] } }, { set: new TemplateSet([built]), template: built }).text)
      .toBe('${Import:Built}');
  });

  test('a Pinpoint project\'s and campaign\'s ARN by its shape, shown as written; other attributes are tokens', () => {
    const pinpoint = source('P', {
      Resources: {
        App: { Type: 'AWS::Pinpoint::App' },
        Campaign: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { Ref: 'App' } } },
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    });
    const scope = { set: new TemplateSet([pinpoint]), template: pinpoint };
    expect(renderValue({ 'Fn::Sub': '${App.Arn}/kpis/*' }, scope)).toMatchObject({
      text: '${App.Arn}/kpis/*',
      tokens: ['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'App'],
    });
    expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }, scope).tokens).toEqual(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'App', 'Campaign.CampaignId']);
    expect(renderValue({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, scope).text).toBe('${Bucket.Arn}');
    expect(renderValue({ 'Fn::GetAtt': ['App', 'ApplicationId'] }, scope).text).toBe('${App.ApplicationId}');
  });

  test('resources by name: one per type and property, looked up once', () => {
    const named = source('N', { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'reader' } }, S: { Type: 'AWS::IAM::Role' } } });
    const names = new TemplateSet([named]);
    expect(names.named('AWS::IAM::Role', 'RoleName', 'reader')).toEqual([{ template: named, logicalId: 'R' }]);
    expect(names.named('AWS::IAM::Role', 'RoleName', 'writer')).toEqual([]);
    expect(names.resource(named, 'toString')).toBeUndefined();
    expect(names.resource(source('Empty', {}), 'R')).toBeUndefined();
    expect(new TemplateSet([source('Empty', {})]).named('AWS::IAM::Role', 'RoleName', 'reader')).toEqual([]);
  });
});

/**
 * template-text.ts: a template file's text in CloudFormation's JSON form. YAML's short-form tags become the long form
 * CloudFormation documents for each intrinsic function; malformed text fails with the line and column.
 */
import { formatOf, parseTemplateText } from '../../../../../lib/private/access-check/templates/template-text';

describe('formatOf', () => {
  test('.json is JSON and .yaml/.yml YAML, whatever the text', () => {
    expect(formatOf('a.json', 'Resources: {}')).toBe('json');
    expect(formatOf('a.template.JSON', '')).toBe('json');
    expect(formatOf('a.yaml', '{"Resources": {}}')).toBe('yaml');
    expect(formatOf('a.yml', '')).toBe('yaml');
    expect(formatOf('a.yml', '{"Resources": {}}')).toBe('yaml');
  });

  test('only the name\'s end counts: .json or .yaml inside a name is any other name', () => {
    expect(formatOf('a.json.bak', 'Resources: {}')).toBe('yaml');
    expect(formatOf('a.yaml.bak', '{"Resources": {}}')).toBe('json');
    expect(formatOf('a.yml.bak', '{"Resources": {}}')).toBe('json');
  });

  test('any other name: JSON when the text starts with {, after a byte order mark and white space; YAML otherwise', () => {
    expect(formatOf('a.template', '\uFEFF\n  {"Resources": {}}')).toBe('json');
    expect(formatOf('template', 'Resources: {}')).toBe('yaml');
  });
});

describe('parseTemplateText: YAML', () => {
  const parse = (text: string) => parseTemplateText(text, 'yaml');

  test('every short-form tag on a scalar becomes the long form; !GetAtt splits at its first dot, no other tag does', () => {
    expect(parse([
      'a: !Ref Project',
      'b: !GetAtt Campaign.Arn',
      'c: !GetAtt Nested.Outputs.PolicyArn',
      'd: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${Project}/kpis/*',
      'e: !ImportValue Shared-ProjectArn',
      'f: !Base64 text',
      'g: !GetAZs ""',
      'h: !Condition IsProduction',
      'i: !GetAtt Only',
      'j: !Sub ${Campaign.Arn}/kpis/*',
      'k: !ImportValue Shared.ProjectArn',
    ].join('\n'))).toEqual({
      a: { Ref: 'Project' },
      b: { 'Fn::GetAtt': ['Campaign', 'Arn'] },
      c: { 'Fn::GetAtt': ['Nested', 'Outputs.PolicyArn'] },
      d: { 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${Project}/kpis/*' },
      e: { 'Fn::ImportValue': 'Shared-ProjectArn' },
      f: { 'Fn::Base64': 'text' },
      g: { 'Fn::GetAZs': '' },
      h: { Condition: 'IsProduction' },
      i: { 'Fn::GetAtt': 'Only' },
      j: { 'Fn::Sub': '${Campaign.Arn}/kpis/*' },
      k: { 'Fn::ImportValue': 'Shared.ProjectArn' },
    });
  });

  test('short-form tags on sequences and mappings, nested in each other', () => {
    expect(parse([
      'If: !If [IsProduction, !Ref ProdArn, !Ref "AWS::NoValue"]',
      'Sub: !Sub',
      '  - apps/${Id}/kpis/*',
      '  - Id: !Ref Project',
      'Join: !Join ["", [!Sub "arn:${AWS::Partition}", ":mobiletargeting:*"]]',
      'Select: !Select [0, !Split [",", !ImportValue Shared-Arns]]',
      'GetAtt: !GetAtt [Campaign, Arn]',
      'FindInMap: !FindInMap [Regions, !Ref "AWS::Region", Arn]',
      'Cidr: !Cidr [10.0.0.0/16, 4, 8]',
      'Conditions: !And [!Equals [a, b], !Or [!Not [!Condition C], !Condition D]]',
      'Transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://bucket/snippet.yaml } }',
      'Output: !GetStackOutput { StackName: Shared, OutputName: PolicyArn }',
      'Custom: !SomeNewFunction [x]',
    ].join('\n'))).toEqual({
      If: { 'Fn::If': ['IsProduction', { Ref: 'ProdArn' }, { Ref: 'AWS::NoValue' }] },
      Sub: { 'Fn::Sub': ['apps/${Id}/kpis/*', { Id: { Ref: 'Project' } }] },
      Join: { 'Fn::Join': ['', [{ 'Fn::Sub': 'arn:${AWS::Partition}' }, ':mobiletargeting:*']] },
      Select: { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared-Arns' }] }] },
      GetAtt: { 'Fn::GetAtt': ['Campaign', 'Arn'] },
      FindInMap: { 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Arn'] },
      Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      Conditions: { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'C' }] }, { Condition: 'D' }] }] },
      Transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } } },
      Output: { 'Fn::GetStackOutput': { StackName: 'Shared', OutputName: 'PolicyArn' } },
      Custom: { 'Fn::SomeNewFunction': ['x'] },
    });
  });

  test('YAML 1.2 core schema: dates stay strings, as CloudFormation reads them; standard tags keep their meaning', () => {
    expect(parse([
      'AWSTemplateFormatVersion: 2010-09-09',
      'Version: 2012-10-17',
      'Count: 3',
      'Enabled: true',
      'Legacy: yes',
      'Quoted: !!str 123',
    ].join('\n'))).toEqual({
      AWSTemplateFormatVersion: '2010-09-09', Version: '2012-10-17', Count: 3, Enabled: true, Legacy: 'yes', Quoted: '123',
    });
    // A `%YAML 1.1` directive does not bring the YAML 1.1 schema (dates, yes/no, octal 0777) back.
    expect(parse('%YAML 1.1\n---\nVersion: 2012-10-17\nLegacy: yes\nMode: 0777\n')).toEqual({ Version: '2012-10-17', Legacy: 'yes', Mode: 777 });
  });

  test('anchors, aliases (of tagged values too) and merge keys are resolved', () => {
    expect(parse([
      'Statement: &read { Effect: Allow, Action: "mobiletargeting:GetReports", Resource: &reports !Sub "arn:${AWS::Partition}:reports" }',
      'Again: *read',
      'Resource: *reports',
      'Merged: { <<: *read, Sid: Reports }',
    ].join('\n'))).toEqual({
      Statement: { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:reports' } },
      Again: { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:reports' } },
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:reports' },
      Merged: { Effect: 'Allow', Action: 'mobiletargeting:GetReports', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:reports' }, Sid: 'Reports' },
    });
  });

  test('more aliases than the yaml library allows by default (100), as a long template may hold', () => {
    const lines = ['Project: &project analytics', 'Names:', ...Array(150).fill('  - *project')];
    expect(parse(lines.join('\n'))).toEqual({ Project: 'analytics', Names: Array(150).fill('analytics') });
  });

  test('JSON is YAML too, and a byte order mark is ignored', () => {
    expect(parse('\uFEFF{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}')).toEqual({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
  });

  test('fails on malformed YAML, naming the line and column', () => {
    expect(() => parse('Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n   Properties: {}\n'))
      .toThrow(/^malformed YAML: All mapping items must start at the same column at line 4, column 1$/);
    expect(() => parse('a: [1, 2')).toThrow(/^malformed YAML: .*at line 1, column 9$/);
  });

  test('fails on a duplicate key, which CloudFormation rejects too', () => {
    expect(() => parse('Resources:\n  Topic: {}\n  Topic: {}\n')).toThrow(/^malformed YAML: Map keys must be unique at line 3, column 3$/);
  });

  test('fails on an alias without its anchor, and on one that holds itself', () => {
    expect(() => parse('a: *nowhere')).toThrow(/^malformed YAML: Unresolved alias \(the anchor must be set before the alias\): nowhere$/);
    expect(() => parse('a: &loop [*loop]')).toThrow('malformed YAML: an alias stands for a node that holds the alias itself, a value without end');
  });

  test('fails on more aliases than a template needs (a "billion laughs" document)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(() => parse(lines.join('\n'))).toThrow(/^malformed YAML: Excessive alias count/);
  });

  test('fails on a file of no document or of several', () => {
    expect(() => parse('')).toThrow('a template is one YAML document; this file holds 0');
    expect(() => parse('Resources: {}\n---\nResources: {}\n')).toThrow('a template is one YAML document; this file holds 2');
  });
});

describe('parseTemplateText: JSON', () => {
  test('JSON as it is, after a byte order mark', () => {
    expect(parseTemplateText('\uFEFF{"Resources": {"Role": {"Type": "AWS::IAM::Role"}}}', 'json')).toEqual({ Resources: { Role: { Type: 'AWS::IAM::Role' } } });
  });

  test('a byte order mark elsewhere than at the start is text', () => {
    expect(parseTemplateText('{"Description": "\uFEFF"}', 'json')).toEqual({ Description: '\uFEFF' });
    expect(parseTemplateText('Description: "\uFEFF"', 'yaml')).toEqual({ Description: '\uFEFF' });
  });

  test('fails on malformed JSON, naming the line and column', () => {
    expect(() => parseTemplateText('{\n  "Resources": {\n    "Topic": {},\n  }\n}\n', 'json'))
      .toThrow(/^malformed JSON at line 4, column 3: .*in JSON at position 38/);
  });

  test('fails on JSON that ends too early', () => {
    expect(() => parseTemplateText('{"Resources": ', 'json')).toThrow(/^malformed JSON: Unexpected end of JSON input$/);
  });
});

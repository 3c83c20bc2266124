/**
 * The pure parts that read CloudFormation values: template conditions (`conditions.ts`), intrinsics
 * (`intrinsics.ts`), values followed through templates (`cfn-values.ts` with `template-set.ts`).
 */
import { TemplateSource } from '../../../../../lib/private/access-check/sources/policy-sources';
import { renderValue } from '../../../../../lib/private/access-check/values/cfn-values';
import { both, deepVariants, describeConditions, listElements, variants } from '../../../../../lib/private/access-check/values/conditions';
import { getAtt, intrinsic } from '../../../../../lib/private/access-check/values/intrinsics';
import { TemplateSet } from '../../../../../lib/private/access-check/values/template-set';

describe('conditions.ts', () => {
  const NO_VALUE = { Ref: 'AWS::NoValue' };

  test('both: conditions together, sorted; undefined when one contradicts the other', () => {
    expect(both([], ['B'])).toEqual(['B']);
    expect(both(['B'], [])).toEqual(['B']);
    expect(both(['B'], ['!A', 'B'])).toEqual(['!A', 'B']);
    expect(both(['A'], ['!A'])).toBeUndefined();
    expect(both(['!A'], ['A', 'C'])).toBeUndefined();
  });

  test('describeConditions reads a negated condition as "not"', () => {
    expect(describeConditions(['!Legacy', 'IsProd'])).toBe('not Legacy and IsProd');
  });

  test('variants: both branches of Fn::If, nested ones too; none for AWS::NoValue; a malformed Fn::If is a value', () => {
    expect(variants({ 'Fn::If': ['A', 'a', { 'Fn::If': ['B', 'b', NO_VALUE] }] })).toEqual([
      { value: 'a', when: ['A'] },
      { value: 'b', when: ['!A', 'B'] },
    ]);
    // A branch that contradicts the conditions already chosen is never taken.
    expect(variants({ 'Fn::If': ['A', 'a', 'x'] }, ['!A'])).toEqual([{ value: 'x', when: ['!A'] }]);
    expect(variants({ 'Fn::If': ['A', 'a'] })).toEqual([{ value: { 'Fn::If': ['A', 'a'] }, when: [] }]);
    expect(variants(NO_VALUE)).toEqual([]);
  });

  test('listElements: lists and single values, Fn::If around and inside, Fn::Split of literals, lists known at deploy time', () => {
    const values = (value: unknown, listOf?: (v: unknown) => unknown[] | undefined) =>
      listElements(value, [], listOf).map((e) => [e.value, e.when, e.index, e.unknownList]);
    expect(values(['a', { 'Fn::If': ['C', 'b', NO_VALUE] }])).toEqual([['a', [], 0, false], ['b', ['C'], 1, false]]);
    expect(values({ 'Fn::If': ['C', ['a'], []] })).toEqual([['a', ['C'], 0, false]]);
    expect(values('a')).toEqual([['a', [], 0, false]]);
    expect(values(undefined)).toEqual([]);
    expect(values({ 'Fn::Split': [',', 'a,b'] })).toEqual([['a', [], 0, false], ['b', [], 1, false]]);
    expect(values({ 'Fn::Split': [',', { 'Fn::Join': [',', ['a', { Ref: 'B' }]] }] })).toEqual([['a', [], 0, false], [{ Ref: 'B' }, [], 1, false]]);
    // Fn::Split of a list joined with another delimiter, or of a token: known at deploy time.
    expect(values({ 'Fn::Split': [',', { 'Fn::Join': [';', ['a']] }] })).toEqual([[{ 'Fn::Split': [',', { 'Fn::Join': [';', ['a']] }] }, [], 0, true]]);
    expect(values({ 'Fn::Split': [{ Ref: 'Delimiter' }, 'a'] })).toEqual([[{ 'Fn::Split': [{ Ref: 'Delimiter' }, 'a'] }, [], 0, true]]);
    expect(values({ Ref: 'Names' })).toEqual([[{ Ref: 'Names' }, [], 0, true]]);
    // Fn::Sub, Fn::Join and Fn::Select make one text.
    expect(values({ 'Fn::Sub': 'a' })).toEqual([[{ 'Fn::Sub': 'a' }, [], 0, false]]);
    // What the caller knows the list of.
    expect(values({ 'Fn::FindInMap': ['M', 'a', 'b'] }, () => ['x', 'y'])).toEqual([['x', [], 0, false], ['y', [], 1, false]]);
  });

  test('deepVariants: every Fn::If decided; values alike merged under the conditions all their choices share', () => {
    expect(deepVariants({ a: 1 })).toEqual([{ value: { a: 1 }, when: [] }]);
    expect(deepVariants({ Action: [{ 'Fn::If': ['A', 'x', NO_VALUE] }, 'y'], Sid: { 'Fn::If': ['B', 's', 's'] } })).toEqual([
      { value: { Action: ['y'], Sid: 's' }, when: ['!A'] },
      { value: { Action: ['x', 'y'], Sid: 's' }, when: ['A'] },
    ]);
    expect(deepVariants({ Condition: { 'Fn::If': ['A', { x: 1 }, NO_VALUE] } })).toEqual([
      { value: {}, when: ['!A'] },
      { value: { Condition: { x: 1 } }, when: ['A'] },
    ]);
    // A whole value removed, and choices that contradict the conditions already chosen.
    expect(deepVariants({ 'Fn::If': ['A', NO_VALUE, 'v'] }, ['B'])).toEqual([{ value: 'v', when: ['!A', 'B'] }]);
    expect(deepVariants({ 'Fn::If': ['A', 'a', 'v'] }, ['!A'])).toEqual([{ value: 'v', when: ['!A'] }]);
    const many = Array.from({ length: 9 }, (_, i) => ({ 'Fn::If': [`C${i}`, 'a', 'b'] }));
    expect(deepVariants(many)).toBeUndefined();
  });
});

describe('intrinsics.ts', () => {
  test('intrinsic finds the function of a one-key object whose key is Ref or Fn::*', () => {
    expect(intrinsic({ Ref: 'X' })).toEqual(['Ref', 'X']);
    expect(intrinsic({ 'Fn::Join': ['', []] })).toEqual(['Fn::Join', ['', []]]);
    expect(intrinsic({ Ref: 'X', Other: 1 })).toBeUndefined();
    expect(intrinsic({ Other: 1 })).toBeUndefined();
    expect(intrinsic(['Ref'])).toBeUndefined();
    expect(intrinsic('Ref')).toBeUndefined();
    expect(intrinsic(null)).toBeUndefined();
  });

  test('getAtt reads both forms, split at the first dot', () => {
    expect(getAtt(['Nested', 'Outputs.Arn'])).toEqual(['Nested', 'Outputs.Arn']);
    expect(getAtt('Nested.Outputs.Arn')).toEqual(['Nested', 'Outputs.Arn']);
    expect(getAtt(['Only'])).toEqual(['Only', undefined]);
    expect(getAtt('Only')).toEqual(['Only', undefined]);
  });
});

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

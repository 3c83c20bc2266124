/**
 * Values followed through the templates of one check (lib/private/access-check/values/template-set.ts, read by
 * `renderValue` of cfn-values.ts): nested stacks' parameters and outputs, exports, stack outputs, mappings, the ARNs
 * of Pinpoint resources, and resources by name.
 */
import { TemplateSource } from '../../../../../lib/private/access-check/templates/template-source';
import { renderValue, TOKEN } from '../../../../../lib/private/access-check/values/cfn-values';
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
    Outputs: { Arn: { Value: { 'Fn::Sub': 'apps/${ProjectId}' } }, Time: { Value: 'an output named Time' } },
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
    // A Ref of a list names no parameter.
    expect(inChild({ Ref: ['ProjectId'] })).toBe('${ProjectId}');
  });

  test('a resource of a nested stack is itself, whatever its parent passes; a nested stack without outputs answers none', () => {
    const host = source('Host', { Resources: { Inner: { Type: 'AWS::CloudFormation::Stack' } } });
    const inner = source('Inner', { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } },
      { parent: { template: host, logicalId: 'Inner', parameters: { Bucket: 'passed' } } });
    const nested = new TemplateSet([host, inner]);
    expect(renderValue({ Ref: 'Bucket' }, { set: nested, template: inner }).text).toBe('${Bucket}');
    expect(nested.follow(inner, { Ref: 'Bucket' })).toEqual({ template: inner, logicalId: 'Bucket' });
    expect(renderValue({ 'Fn::GetAtt': ['Inner', 'Outputs.Arn'] }, { set: nested, template: host }).text).toBe('${Inner.Outputs.Arn}');
  });

  test('follow: only a Ref or an Fn::GetAtt (with or without an attribute) of a resource leads to it', () => {
    expect(set.follow(parent, { 'Fn::GetAtt': 'App' })).toEqual({ template: parent, logicalId: 'App' });
    expect(set.follow(parent, { 'Fn::Sub': 'App' })).toBeUndefined();
    expect(set.follow(parent, { Ref: ['App'] })).toBeUndefined();
  });

  test('a chain of 20 references is followed to its end; a longer one is not', () => {
    const chain = source('Chain', {
      Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
      Outputs: Object.fromEntries(Array.from({ length: 21 }, (_, i) =>
        [`E${i}`, { Value: i === 20 ? { Ref: 'Bucket' } : { 'Fn::ImportValue': `E${i + 1}` }, Export: { Name: `E${i}` } }])),
    });
    const chains = new TemplateSet([chain]);
    expect(chains.follow(chain, { 'Fn::ImportValue': 'E1' })).toEqual({ template: chain, logicalId: 'Bucket' });
    expect(chains.follow(chain, { 'Fn::ImportValue': 'E0' })).toBeUndefined();
  });

  test("a nested stack's output, an export and a stack's output are their values; what no template answers, a token", () => {
    expect(inParent({ 'Fn::GetAtt': ['Child', 'Outputs.Arn'] })).toBe('apps/${App}');
    expect(inParent({ 'Fn::GetAtt': 'Child.Outputs.Missing' })).toBe('${Child.Outputs.Missing}');
    expect(inParent({ 'Fn::GetAtt': ['App', 'Outputs.Arn'] })).toBe('${App.Outputs.Arn}');
    // An attribute of the stack itself, not an output, even where an output's name ends it.
    expect(inParent({ 'Fn::GetAtt': ['Child', 'CreationTime'] })).toBe('${Child.CreationTime}');
    expect(inChild({ 'Fn::ImportValue': 'Exported' })).toBe('exported-value');
    expect(inChild({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-X' } })).toBe('${Import:${AWS::StackName}-X}');
    expect(inChild({ 'Fn::GetStackOutput': { StackName: 'Parent', OutputName: 'Plain' } })).toBe('plain');
    expect(inChild({ 'Fn::GetStackOutput': { StackName: 'Parent', OutputName: 'Missing' } })).toBe('${Parent.Missing}');
    expect(set.referenced(child, { 'Fn::GetStackOutput': null })).toBeUndefined();
    const numbered = source('Numbered', { Resources: {}, Outputs: { 1: { Value: 'first' } } });
    expect(renderValue({ 'Fn::GetStackOutput': { StackName: 'Numbered', OutputName: 1 } }, { set: new TemplateSet([numbered]), template: numbered }).text)
      .toBe('${Numbered.1}');
    // Only Fn::ImportValue imports, only Fn::GetStackOutput reads a stack's output.
    expect(inChild({ 'Fn::Base64': 'Exported' })).toBe('${Fn::Base64}');
    expect(inChild({ 'Fn::Base64': { StackName: 'Parent', OutputName: 'Plain' } })).toBe('${Fn::Base64}');
    // A stack without outputs, and an output that is not an object.
    expect(new TemplateSet([twin]).stackOutput('Parent', 'Plain')).toBeUndefined();
    const odd = source('Odd', { Resources: {}, Outputs: { Broken: null, Shared: { Value: 'odd-value', Export: { Name: 'Odd' } } } });
    expect(new TemplateSet([odd]).exported('Odd')).toEqual({ template: odd, value: 'odd-value' });
    // Two templates of one stack name: which one is meant cannot be told.
    const ambiguous = new TemplateSet([parent, twin]);
    expect(ambiguous.stackOutput('Parent', 'Plain')).toBeUndefined();
  });

  test('Fn::FindInMap of literal keys is the mapping\'s value; of tokens, a missing mapping or a missing entry, a token', () => {
    expect(inParent({ 'Fn::FindInMap': ['Regions', 'us-east-1', 'Project'] })).toBe('p1');
    expect(inParent({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Project'] })).toBe('${Fn::FindInMap}');
    expect(inParent({ 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Project'] })).toBe('${Fn::FindInMap}');
    expect(inParent({ 'Fn::FindInMap': ['Accounts', 'us-east-1', 'Project'] })).toBe('${Fn::FindInMap}');
    expect(inParent({ 'Fn::FindInMap': 'nonsense' })).toBe('${Fn::FindInMap}');
    // A key that is a token never matches a key written as that text.
    const written = source('Written', { Mappings: { Regions: { '${AWS::Region}': { Project: 'p1' } } }, Resources: {} });
    expect(renderValue({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Project'] }, { set, template: written }).text).toBe('${Fn::FindInMap}');
  });

  test('a malformed Fn::FindInMap (not a list of three keys) is a token, even where a mapping and its keys are named "undefined"', () => {
    const odd = source('Odd', { Mappings: { undefined: { undefined: { undefined: 'found' } }, M: { a: { b: 'b-value' } } }, Resources: {} });
    const inOdd = (value: unknown) => renderValue(value, { set: new TemplateSet([odd]), template: odd }).text;
    expect(inOdd({ 'Fn::FindInMap': 'nonsense' })).toBe('${Fn::FindInMap}');
    expect(inOdd({ 'Fn::FindInMap': { M: 'a' } })).toBe('${Fn::FindInMap}');
    expect(inOdd({ 'Fn::FindInMap': ['undefined', 'undefined'] })).toBe('${Fn::FindInMap}');
    expect(inOdd({ 'Fn::FindInMap': ['undefined', 'undefined', 'undefined'] })).toBe('found');
    // A fourth argument (AWS::LanguageExtensions' DefaultValue) does not matter where the keys find a value.
    expect(inOdd({ 'Fn::FindInMap': ['M', 'a', 'b', { DefaultValue: 'default' }] })).toBe('b-value');
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

  test('a cycle ends after 20 references, wherever it passes: through Fn::Sub, an import\'s name, a campaign\'s project', () => {
    const cycles = source('Cycles', {
      Resources: { Campaign: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { 'Fn::ImportValue': 'Sub' } } } },
      Outputs: {
        Sub: { Value: { 'Fn::Sub': ['x/${Next}', { Next: { 'Fn::ImportValue': 'Sub' } }] }, Export: { Name: 'Sub' } },
        Named: { Value: { 'Fn::ImportValue': { 'Fn::ImportValue': 'Named' } }, Export: { Name: 'Named' } },
      },
    });
    const scope = { set: new TemplateSet([cycles]), template: cycles };
    expect(renderValue({ 'Fn::ImportValue': 'Sub' }, scope).text).toBe(`${'x/'.repeat(10)}\${Import:Sub}`);
    expect(renderValue({ 'Fn::ImportValue': 'Named' }, scope).text).toBe(`${'${Import:'.repeat(11)}Named${'}'.repeat(11)}`);
    expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }, scope).pattern)
      .toBe(`arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${'x/'.repeat(10)}${TOKEN}/campaigns/${TOKEN}`);
  });

  test('a campaign whose project is its own ARN, or that of a campaign whose project is its ARN, ends after 20 references, as a token', () => {
    const campaigns = source('Campaigns', {
      Resources: {
        Self: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { 'Fn::GetAtt': ['Self', 'Arn'] } } },
        A: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { 'Fn::GetAtt': ['B', 'Arn'] } } },
        B: { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { 'Fn::GetAtt': 'A.Arn' } } },
      },
    });
    const scope = { set: new TemplateSet([campaigns]), template: campaigns };
    const self = renderValue({ 'Fn::GetAtt': ['Self', 'Arn'] }, scope);
    const arn = `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/`;
    expect(self.text).toBe('${Self.Arn}');
    expect(self.pattern).toBe(`${arn.repeat(20)}${TOKEN}${`/campaigns/${TOKEN}`.repeat(20)}`);
    expect(self.tokens[3 * 20]).toBe('Self.Arn');
    const cycle = renderValue({ 'Fn::GetAtt': ['A', 'Arn'] }, scope);
    expect(cycle.text).toBe('${A.Arn}');
    expect(cycle.tokens[3 * 20]).toBe('A.Arn');
    // Counted from the Fn::Sub around it: one reference fewer to the token.
    expect(renderValue({ 'Fn::Sub': '${B.Arn}/*' }, scope).tokens.filter((token) => token.endsWith('.Arn'))).toEqual(['A.Arn']);
  });

  test('a Pinpoint project\'s and campaign\'s ARN by its shape, shown as written; other attributes are tokens', () => {
    const pinpoint = source('P', {
      Resources: {
        'App': { Type: 'AWS::Pinpoint::App' },
        'Campaign': { Type: 'AWS::Pinpoint::Campaign', Properties: { ApplicationId: { Ref: 'App' } } },
        'NoProperties': { Type: 'AWS::Pinpoint::Campaign' },
        'AWS::App': { Type: 'AWS::Pinpoint::App' },
        'Bucket': { Type: 'AWS::S3::Bucket' },
      },
    });
    const scope = { set: new TemplateSet([pinpoint]), template: pinpoint };
    expect(renderValue({ 'Fn::Sub': '${App.Arn}/kpis/*' }, scope)).toMatchObject({
      text: '${App.Arn}/kpis/*',
      tokens: ['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'App'],
    });
    expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }, scope).tokens).toEqual(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'App', 'Campaign.CampaignId']);
    expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }, scope).pattern)
      .toBe(`arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/campaigns/${TOKEN}`);
    expect(renderValue({ 'Fn::GetAtt': ['NoProperties', 'Arn'] }, scope).text).toBe('${NoProperties.Arn}');
    // In Fn::Sub, a name that starts with AWS:: is a pseudo parameter, even with a dot.
    expect(renderValue({ 'Fn::Sub': '${AWS::App.Arn}' }, scope).pattern).toBe(TOKEN);
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
    expect(names.resource(source('Null', { Resources: null }), 'R')).toBeUndefined();
  });

  test('resources by name: only resources of that type that have that name; a resource that is not an object is skipped', () => {
    const named = source('N', {
      Resources: {
        Reader: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'reader' } },
        ReaderPolicy: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: 'reader', PolicyName: 'read' } },
        Unnamed: { Type: 'AWS::IAM::Role' },
        Broken: null,
      },
    });
    const names = new TemplateSet([named]);
    expect(names.named('AWS::IAM::Role', 'RoleName', 'reader')).toEqual([{ template: named, logicalId: 'Reader' }]);
    expect(names.named('AWS::IAM::Role', 'RoleName', 'undefined')).toEqual([]);
    // A property asked for first, whose text holds another property and a name, does not confuse the index.
    const spaced = new TemplateSet([named]);
    expect(spaced.named('AWS::IAM::Role', 'RoleName reader', 'x')).toEqual([]);
    expect(spaced.named('AWS::IAM::Role', 'RoleName', 'reader')).toEqual([{ template: named, logicalId: 'Reader' }]);
  });

  test('an export\'s name is followed only where it is known at synthesis: literal text, and Fn::Sub and Fn::Join of known parts', () => {
    const outputs = {
      BySub: { Value: 'sub', Export: { Name: { 'Fn::Sub': '${AWS::StackName}-${AWS::Region}-Sub' } } },
      ByJoin: { Value: 'join', Export: { Name: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, { Ref: 'AWS::Region' }, 'Join']] } } },
      BySeparator: { Value: 'separator', Export: { Name: { 'Fn::Join': [{ Ref: 'Separator' }, ['Shared', 'Separator']] } } },
      BySelect: { Value: 'select', Export: { Name: { 'Fn::Select': ['0', ['Shared-Select']] } } },
      ByRefList: { Value: 'ref-list', Export: { Name: { 'Fn::Join': ['-', [{ Ref: ['AWS::StackName'] }, 'RefList']] } } },
    };
    const imports = (env: TemplateSource['env']) => {
      const user = source('User', { Resources: {} }, { env });
      const scope = { set: new TemplateSet([source('Shared', { Resources: {}, Outputs: outputs }, { env }), user]), template: user };
      return [
        { 'Fn::Sub': 'Shared-${AWS::Region}-Sub' },
        { 'Fn::Join': ['-', ['Shared', { Ref: 'AWS::Region' }, 'Join']] },
        { 'Fn::Join': [{ Ref: 'Separator' }, ['Shared', 'Separator']] },
        'Shared-Select',
        'Shared-RefList',
      ].map((name) => renderValue({ 'Fn::ImportValue': name }, scope).text);
    };
    // Not known: the region of an environment-agnostic stack, a separator that is a Ref; Fn::Select and a Ref of a list make no name.
    expect(imports({})).toEqual(['${Import:Shared-${AWS::Region}-Sub}', '${Import:Shared-${AWS::Region}-Join}', '${Import:${Fn::Join}}',
      '${Import:Shared-Select}', '${Import:Shared-RefList}']);
    expect(imports({ region: 'eu-west-1' }).slice(0, 2)).toEqual(['sub', 'join']);
  });
});

/**
 * CloudFormation values as the access check shows and matches them: literal text stays, each token becomes `${Name}`
 * in the text and one `TOKEN` character in the pattern.
 */
import { renderList, renderValue, textOf, TOKEN } from '../../../../../lib/private/access-check/values/cfn-values';

describe('cfn-values.ts', () => {
  const arnJoin = {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mobiletargeting:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
      ':apps/', { Ref: 'Project' }, '/kpis/*']],
  };

  describe('renderValue', () => {
    test('a literal string, number or boolean is its own text and pattern', () => {
      expect(renderValue('arn:aws:mobiletargeting:us-east-1:123456789012:reports'))
        .toEqual({ text: 'arn:aws:mobiletargeting:us-east-1:123456789012:reports', pattern: 'arn:aws:mobiletargeting:us-east-1:123456789012:reports', tokens: [], opaque: false });
      expect(renderValue(12).text).toBe('12');
      expect(renderValue(true).text).toBe('true');
    });

    test('a literal string is never opaque, even one that is the TOKEN character', () => {
      expect(renderValue(TOKEN)).toEqual({ text: TOKEN, pattern: TOKEN, tokens: [], opaque: false });
    });

    test('Fn::Join puts its separator between the elements, never before the first', () => {
      expect(renderValue({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'mobiletargeting']] })).toEqual({
        text: 'arn:${AWS::Partition}:mobiletargeting', pattern: `arn:${TOKEN}:mobiletargeting`, tokens: ['AWS::Partition'], opaque: false,
      });
    });

    test('Fn::Join of literals and Refs, as aws-cdk-lib writes ARNs of an environment-agnostic stack', () => {
      expect(renderValue(arnJoin)).toEqual({
        text: 'arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${Project}/kpis/*',
        pattern: `arn:${TOKEN}:mobiletargeting:${TOKEN}:${TOKEN}:apps/${TOKEN}/kpis/*`,
        tokens: ['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'Project'],
        opaque: false,
      });
    });

    test('a Ref, an Fn::GetAtt (list or dotted) and an Fn::ImportValue as a whole are opaque tokens', () => {
      expect(renderValue({ Ref: 'Project' })).toEqual({ text: '${Project}', pattern: TOKEN, tokens: ['Project'], opaque: true });
      expect(renderValue({ 'Fn::GetAtt': ['Campaign', 'Arn'] }).text).toBe('${Campaign.Arn}');
      expect(renderValue({ 'Fn::GetAtt': 'Campaign.Arn' }).text).toBe('${Campaign.Arn}');
      expect(renderValue({ 'Fn::ImportValue': 'Shared:ProjectArn' })).toMatchObject({ text: '${Import:Shared:ProjectArn}', opaque: true });
      expect(renderValue({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Arn' } }).text).toBe('${Import:${AWS::StackName}-Arn}');
    });

    test('Fn::Sub: variables given, pseudo parameters and Refs as tokens, ${!Literal} as text', () => {
      expect(renderValue({ 'Fn::Sub': 'arn:${AWS::Partition}:mobiletargeting:*:${AWS::AccountId}:apps/${Project}/kpis/*' }).text)
        .toBe('arn:${AWS::Partition}:mobiletargeting:*:${AWS::AccountId}:apps/${Project}/kpis/*');
      const sub = renderValue({ 'Fn::Sub': ['apps/${Id}/campaigns/${!Literal}/${Other}', { Id: 'p1', Other: { Ref: 'Campaign' } }] });
      expect(sub).toEqual({ text: 'apps/p1/campaigns/${Literal}/${Campaign}', pattern: `apps/p1/campaigns/\${Literal}/${TOKEN}`, tokens: ['Campaign'], opaque: false });
      expect(renderValue({ 'Fn::Sub': ['${Only}', { Only: { Ref: 'X' } }] }).opaque).toBe(true);
      expect(renderValue({ 'Fn::Sub': '' })).toEqual({ text: '', pattern: '', tokens: [], opaque: false });
    });

    test('Fn::Select of a literal list (or Fn::Split of a literal) by a literal index is the element; anything else a token', () => {
      expect(renderValue({ 'Fn::Select': [1, ['a', 'b']] }).text).toBe('b');
      expect(renderValue({ 'Fn::Select': ['0', ['a', 'b']] }).text).toBe('a');
      expect(renderValue({ 'Fn::Select': [2, ['a', 'b']] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b'] }] }).text).toBe('b');
      expect(renderValue({ 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': 'nonsense' }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': [-1, ['a', 'b']] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': [0.5, ['a', 'b']] }).text).toBe('${Fn::Select}');
    });

    test('Fn::Select of a list with conditional elements is a token: the index may fall on any of them', () => {
      expect(renderValue({ 'Fn::Select': [0, [{ 'Fn::If': ['IsProd', 'a', 'b'] }]] }).text).toBe('${Fn::Select}');
      expect(renderValue({ 'Fn::Select': [1, ['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }]] }).text).toBe('${Fn::Select}');
    });

    test('malformed intrinsics, Fn::FindInMap without its template, other intrinsics and other objects are tokens', () => {
      expect(renderValue({ 'Fn::Join': [',', { Ref: 'List' }] }).text).toBe('${Fn::Join}');
      expect(renderValue({ 'Fn::Join': 'nonsense' }).text).toBe('${Fn::Join}');
      expect(renderValue({ 'Fn::Join': [{ Ref: 'Separator' }, ['a', 'b']] }).text).toBe('${Fn::Join}');
      expect(renderValue({ Ref: ['A', 'B'] }).text).toBe('${A,B}');
      expect(renderValue({ 'Fn::GetStackOutput': null }).opaque).toBe(true);
      expect(renderValue({ 'Fn::FindInMap': ['Regions', 'us-east-1', 'Project'] }).text).toBe('${Fn::FindInMap}');
      expect(renderValue({ 'Fn::Sub': [{ Ref: 'X' }, {}] }).text).toBe('${Fn::Sub}');
      expect(renderValue({ 'Fn::Sub': ['${A}'] }).text).toBe('${A}');
      expect(renderValue({ 'Fn::If': ['Cond', 'a', 'b'] }).text).toBe('${Fn::If}');
      expect(renderValue({ a: 1, b: 2 }).text).toBe('${{"a":1,"b":2}}');
      expect(renderValue(null).text).toBe('${null}');
    });
  });

  describe('renderList and textOf', () => {
    test('renderList renders each element of a list, or a single value as a list of one', () => {
      expect(renderList(['a', { Ref: 'B' }]).map((v) => v.text)).toEqual(['a', '${B}']);
      expect(renderList('a').map((v) => v.text)).toEqual(['a']);
    });

    test('textOf shows a part of the pattern with its tokens named, counting the tokens before it', () => {
      const value = renderValue(arnJoin);
      const start = value.pattern.indexOf('apps/') + 5;
      expect(textOf(value, start, start + 1)).toBe('${Project}');
      expect(textOf(value, 0, value.pattern.length)).toBe(value.text);
      // Without tokens, the TOKEN character is literal text.
      expect(textOf(renderValue(`a${TOKEN}b`), 0, 3)).toBe(`a${TOKEN}b`);
    });
  });
});

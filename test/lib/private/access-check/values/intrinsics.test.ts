/**
 * CloudFormation's intrinsic functions in a template's JSON form (lib/private/access-check/values/intrinsics.ts).
 */
import { getAtt, intrinsic } from '../../../../../lib/private/access-check/values/intrinsics';

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

  test('getAtt keeps an attribute only where it is a string, and splits at a leading dot too', () => {
    // Malformed, as a template may be: no attribute is made up from a number, and no logical ID keeps the dot.
    expect(getAtt(['Role', 5])).toEqual(['Role', undefined]);
    expect(getAtt('.Arn')).toEqual(['', 'Arn']);
  });
});

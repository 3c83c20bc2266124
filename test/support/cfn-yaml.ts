/**
 * CloudFormation templates as files, read into CloudFormation's JSON form for the access check's independent judge.
 *
 * YAML is parsed with the `yaml` package and a schema of CloudFormation's short-form tags (`!Ref`, `!GetAtt A.B`,
 * `!Sub`, `!If`, ...) written here, apart from the library's own loader, so that a mistake in one is not repeated in
 * the other. YAML 1.2's core schema keeps `2010-09-09` and `2012-10-17` strings, as CloudFormation reads them.
 */
import { readFileSync } from 'fs';
import { parseDocument, Scalar, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';

/** The short-form tags and the intrinsic function each stands for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** `!GetAtt Resource.Attribute` as a scalar: split at the first dot, as CloudFormation does (`Stack.Outputs.Name`). */
function getAttArguments(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function shortFormTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  for (const [tag, fn] of Object.entries(SHORT_FORMS)) {
    tags.push({
      tag,
      resolve: (text: string) => ({ [fn]: fn === 'Fn::GetAtt' ? getAttArguments(text) : text }),
    } as ScalarTag);
    tags.push({
      tag,
      collection: 'seq',
      resolve: (seq: YAMLSeq) => ({ [fn]: seq.toJSON() }),
    } as unknown as CollectionTag);
    tags.push({
      tag,
      collection: 'map',
      resolve: (map: YAMLMap) => ({ [fn]: map.toJSON() }),
    } as unknown as CollectionTag);
  }
  return tags;
}

const TAGS = shortFormTags();

/**
 * A CloudFormation template (JSON or YAML with short-form tags) in CloudFormation's JSON form. Fails, naming `file`
 * and the reason, on text that is neither.
 */
export function parseCloudFormation(text: string, file = '<template>'): any {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const document = parseDocument(text, { customTags: TAGS, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new Error(`${file} is not valid YAML: ${document.errors.map((e) => e.message).join('; ')}`);
  }
  return toPlain(document.toJS({ maxAliasCount: -1 }));
}

/** `yaml` returns `Scalar` objects nowhere after `toJS`, but keeps class instances from the tags: make them plain. */
function toPlain(value: any): any {
  if (value instanceof Scalar) {
    return toPlain(value.value);
  }
  if (Array.isArray(value)) {
    return value.map(toPlain);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** A template file (`.json`, `.yaml`, `.yml`, `.template`) in CloudFormation's JSON form. */
export function readCloudFormation(path: string): any {
  return parseCloudFormation(readFileSync(path, 'utf8'), path);
}

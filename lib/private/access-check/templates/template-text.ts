/**
 * The text of a CloudFormation template file turned into CloudFormation's JSON form, the form the access check reads:
 * JSON as it is; YAML with CloudFormation's short-form tags turned into the long form (`!Ref X` into `{ "Ref": "X" }`,
 * `!GetAtt A.B` into `{ "Fn::GetAtt": ["A", "B"] }`, `!Condition C` into `{ "Condition": "C" }`, and any other
 * `!Name` into `{ "Fn::Name": ... }`, whether it tags a scalar, a sequence or a mapping).
 *
 * YAML is read with the YAML 1.2 core schema, so `AWSTemplateFormatVersion: 2010-09-09` and `Version: 2012-10-17`
 * stay strings (YAML 1.1 would make them dates, which CloudFormation does not), with anchors, aliases and merge keys
 * (`<<`) resolved, as `aws cloudformation package` and `sam package` resolve them before CloudFormation sees them.
 */
import { isScalar, Node, Pair, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';

/** The two forms of a template file. */
export type TemplateFormat = 'json' | 'yaml';

/**
 * The format of a file by its name: `.json` is JSON and `.yaml`/`.yml` YAML; for any other name (`.template`, ...) the
 * text decides: JSON when it starts with `{`, YAML otherwise.
 */
export function formatOf(file: string, text: string): TemplateFormat {
  if (/\.json$/i.test(file)) {
    return 'json';
  }
  if (/\.ya?ml$/i.test(file)) {
    return 'yaml';
  }
  return withoutBom(text).trimStart().startsWith('{') ? 'json' : 'yaml';
}

/**
 * The value `text` holds, in CloudFormation's JSON form. Throws when it is not `format`, with the reason and, where the
 * parser names them, the line and column.
 */
export function parseTemplateText(text: string, format: TemplateFormat): unknown {
  return format === 'json' ? parseJson(withoutBom(text)) : parseYaml(withoutBom(text));
}

function withoutBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // Node.js names the offset of the error ("... in JSON at position 42"); people need the line and column.
    const position = /at position (\d+)/.exec(message);
    if (!position) {
      throw new Error(`malformed JSON: ${message}`);
    }
    const before = text.slice(0, Number(position[1])).split('\n');
    throw new Error(`malformed JSON at line ${before.length}, column ${before[before.length - 1].length + 1}: ${message}`);
  }
}

function parseYaml(text: string): unknown {
  const documents = parseAllDocuments(text, {
    version: '1.2',
    // The core schema even under a `%YAML 1.1` directive (which would otherwise choose the YAML 1.1 schema).
    // Stryker disable next-line StringLiteral: the yaml library names a schema given as '' 'core' (Schema: `schema || 'core'`)
    schema: 'core',
    merge: true,
  });
  if (documents.length !== 1) {
    throw new Error(`a template is one YAML document; this file holds ${documents.length}`);
  }
  const [document] = documents;
  // Every tag not in the schema is reported as a warning ("Unresolved tag"): short-form tags are turned into the long
  // form below, so warnings are not errors here.
  const [error] = document.errors;
  if (error) {
    throw new Error(`malformed YAML: ${firstLine(error.message)}`);
  }
  visit(document, {
    Node(_key, node) {
      const tag = node.tag;
      // Local tags start with `!`; the schema's own (`!!str`, ...) are resolved to `tag:yaml.org,2002:...`.
      return tag?.startsWith('!') ? longForm(tag.slice(1), node) : undefined;
    },
  });
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // An alias without its anchor, or more aliases than a template could need (a "billion laughs" document).
    throw new Error(`malformed YAML: ${firstLine((e as Error).message)}`);
  }
  try {
    JSON.stringify(value);
  } catch {
    throw new Error('malformed YAML: an alias stands for a node that holds the alias itself, a value without end');
  }
  return value;
}

/** `{ "<intrinsic>": node }` for the short-form tag `!name` on `node`; the tag and any anchor move to the new mapping. */
function longForm(name: string, node: Node): YAMLMap {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  let value: Node = node;
  // A scalar with a tag the schema does not know holds its text as a string, whatever it looks like (`!GetAtt 1.5`).
  if (name === 'GetAtt' && isScalar<string>(node) && node.value.includes('.')) {
    // `!GetAtt Resource.Attribute`; an attribute may hold dots itself (`Outputs.Name` of a nested stack).
    const text = node.value;
    const dot = text.indexOf('.');
    value = new YAMLSeq();
    (value as YAMLSeq).items.push(new Scalar(text.slice(0, dot)), new Scalar(text.slice(dot + 1)));
  }
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value));
  map.anchor = node.anchor;
  node.anchor = undefined;
  node.tag = undefined;
  return map;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

/**
 * What the first step of the check gives the others: a template, parsed into CloudFormation's JSON form, with what is
 * known of its stack. Made from a cloud assembly (cloud-assembly.ts) or from files (template-files.ts).
 */
import { Location } from '../../collections';

/** A template of the app, parsed. */
export interface TemplateSource {
  /** The absolute path of the template file. */
  readonly path: string;
  /** The construct path of its stack. */
  readonly stackPath: string;
  /** The CloudFormation name of its stack, where it is known (for `Fn::GetStackOutput`). */
  readonly stackName?: string;
  /** The account and region of its stack, where they are not tokens. */
  readonly env: Location;
  /** The template, parsed: CloudFormation's JSON form (YAML's short-form tags already turned into it). */
  readonly json: any;
  /** For a nested stack: its parent, the logical ID of its `AWS::CloudFormation::Stack` there, and its parameters. */
  readonly parent?: NestedIn;
}

/** Where a nested stack is created. */
export interface NestedIn {
  readonly template: TemplateSource;
  readonly logicalId: string;
  /** The values the parent passes to the nested stack's parameters. */
  readonly parameters: Record<string, unknown>;
}

/**
 * What the construct tree of the app knows and the templates do not say: the construct path of each resource
 * (templates carry it only with path metadata on), the nested stacks of each template, and the acknowledgements
 * recorded with `Validations.of(scope).acknowledge`. Built in one walk of the tree, when first asked: a check of
 * templates with path metadata, no nested stack and no finding never walks it.
 */
import * as path from 'path';
import { CfnElement, NestedStack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A nested stack of a template: its own template file and the resource of the parent that creates it. */
export interface NestedStackInfo {
  /** The construct path of the nested stack. */
  readonly path: string;
  readonly templateFile: string;
  readonly resourceLogicalId: string;
}

/** An acknowledgement recorded with `Validations.of(scope).acknowledge`. */
export interface Acknowledgement {
  readonly at: string;
  readonly reason: string;
}

/** The construct tree of an app, indexed by template file and logical ID. */
export class ConstructIndex {
  private readonly paths = new Map<string, string>();
  private readonly nested = new Map<string, NestedStackInfo[]>();
  private readonly acknowledgements = new Map<string, Acknowledgement[]>();
  private built = false;

  constructor(private readonly root: IConstruct) {}

  /** The construct path of the resource `logicalId` of the template at `templatePath`, if the tree has it. */
  public pathOf(templatePath: string, logicalId: string): string | undefined {
    return this.build().paths.get(key(templatePath, logicalId));
  }

  /** The nested stacks created by the template at `templatePath`. */
  public nestedStacksOf(templatePath: string): readonly NestedStackInfo[] {
    return this.build().nested.get(path.basename(templatePath)) ?? [];
  }

  /** The acknowledgements recorded with exactly `id`. */
  public acknowledgementsOf(id: string): readonly Acknowledgement[] {
    return this.build().acknowledgements.get(id) ?? [];
  }

  private build(): this {
    if (this.built) {
      return this;
    }
    this.built = true;
    for (const construct of this.root.node.findAll()) {
      if (CfnElement.isCfnElement(construct)) {
        this.paths.set(key(construct.stack.templateFile, construct.stack.resolve(construct.logicalId)), construct.node.path);
      }
      if (NestedStack.isNestedStack(construct)) {
        // A nested stack always has its resource in the parent (the type allows none).
        const resource = construct.nestedStackResource!;
        const parent = resource.stack.templateFile;
        const list = this.nested.get(parent) ?? [];
        list.push({
          path: construct.node.path,
          templateFile: construct.templateFile,
          resourceLogicalId: resource.stack.resolve(resource.logicalId),
        });
        this.nested.set(parent, list);
      }
      for (const entry of construct.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
            const list = this.acknowledgements.get(id) ?? [];
            list.push({ at: construct.node.path, reason });
            this.acknowledgements.set(id, list);
          }
        }
      }
    }
    return this;
  }
}

function key(templateFile: string, logicalId: string): string {
  return `${path.basename(templateFile)} ${logicalId}`;
}

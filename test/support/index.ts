/**
 * The tests' one support module: `import { ... } from '.'`. Each file holds one concern.
 */
export * from './access-check';
export * from './access-corpus';
export * from './analytics';
export * from './analytics-judge';
export * from './app';
export * from './aws-managed-policies';
export * from './cdk-version';
export * from './cfn-world';
export * from './cfn-yaml';
export * from './cli';
export * from './condition-assignments';
export * from './evaluator';
export * from './flags';
export * from './pinpoint';
export * from './policy-tables';
export * from './principals';
export * from './properties';
export * from './report-comparison';
export * from './requests';
export * from './sam-policies';
export * from './size-validation';
export * from './template';
export * from './validation';

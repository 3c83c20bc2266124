/**
 * The tests' one support module: `import { ... } from '../support'`. Each file holds one concern.
 */
export * from './analytics';
export * from './app';
export * from './cdk-version';
export * from './evaluator';
export * from './flags';
export * from './pinpoint';
export * from './principals';
export * from './properties';
export * from './template';
export * from './validation';

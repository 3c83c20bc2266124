/**
 * The tests' one support module: `import { ... } from '../support'`. Each file holds one concern.
 */
export * from './analytics';
export * from './app';
export * from './cdk-version';
export * from './cli';
export * from './evaluator';
export * from './pinpoint';
export * from './principals';
export * from './properties';
export * from './template';
export * from './validation';

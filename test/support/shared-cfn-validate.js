// @ts-check
/**
 * `@aws/cloudformation-validate` loaded once per jest worker process, for the test environment (environment.js).
 *
 * aws-cdk-lib's CloudFormation rules (`@aws-cdk/core:validateAgainstDefaultRules`, which the tests turn on) run in
 * `@aws/cloudformation-validate`, whose 7.8 MB WebAssembly module is compiled when it is required: ~7.5 s. jest gives
 * every test file a fresh module registry, so every file that synthesizes paid it again. `cfnValidateFor` requires it
 * once per worker process, outside the test files' sandboxes, from the aws-cdk-lib the configuration maps
 * (`moduleNameMapper`'s `^aws-cdk-lib$`, as test/cdk-versions/jest.config.js sets it for the newest release; otherwise
 * the one in node_modules); the environment hands it to each test file as `globalThis.__cfnValidate`, and the module name
 * mapper sends `require('@aws/cloudformation-validate')` to test/support/cloudformation-validate.js, which returns it.
 * Its rule engines are shared too (see `cfnValidateOf`). The rules themselves still run on every synthesis.
 */
const path = require('path');

/** `@aws/cloudformation-validate` by the folder of the aws-cdk-lib that bundles it: loaded once per process. */
const cfnValidateByCdkLib = new Map();

/**
 * The folder of the aws-cdk-lib the tests load: the target of a `^aws-cdk-lib$` module name mapping, or else the one
 * Node.js resolves from the project's root.
 *
 * @param {{ rootDir: string, moduleNameMapper?: Array<[string, string | string[]]> }} projectConfig
 */
function cdkLibDir(projectConfig) {
  const mapped = (projectConfig.moduleNameMapper ?? []).find(([pattern]) => pattern === '^aws-cdk-lib$');
  if (mapped) {
    return [mapped[1]].flat()[0];
  }
  return path.dirname(require.resolve('aws-cdk-lib/package.json', { paths: [projectConfig.rootDir] }));
}

/**
 * The module, with its rule engines shared as well: `new RegoEngine(config)` (aws-cdk-lib's plugin makes one per module
 * registry, so one per test file; from aws-cdk-lib 2.269 a `CompositeEngine`) returns the engine already made for an
 * equal `config`. Making an engine compiles the rules inside the WebAssembly module, and the engines of earlier test
 * files are never freed there: a run of the whole suite slowed down file by file until one file's engine took minutes.
 * An engine keeps no state between validations (each call passes the template and its own options).
 *
 * Every engine class the module exports is shared, and made safe to call from a test file (see `callableFromSandbox`).
 *
 * @param {string} dir the folder of an aws-cdk-lib
 */
function cfnValidateOf(dir) {
  if (!cfnValidateByCdkLib.has(dir)) {
    const cfnValidate = require(require.resolve('@aws/cloudformation-validate', { paths: [dir] }));
    const engines = Object.fromEntries(Object.entries(cfnValidate)
      .filter(([name, value]) => typeof value === 'function' && (/Engine$/.test(name) || name === 'SchemaValidator'))
      .map(([name, Engine]) => [name, sharedInstances(callableFromSandbox(Engine))]));
    cfnValidateByCdkLib.set(dir, { ...cfnValidate, ...engines });
  }
  return cfnValidateByCdkLib.get(dir);
}

/**
 * `value` rebuilt from objects of this process's realm. A test file runs in a sandbox of its own (a `vm` context), so
 * the plain objects, arrays and maps it makes have another `Object.prototype`; `@aws/cloudformation-validate` 1.14 (as
 * aws-cdk-lib 2.276 bundles it) accepts only plain objects of its own realm as configuration and rejects the others
 * ("validation config must contain only plain objects, arrays, maps, and primitive values"). Instances of classes
 * (the module's own `TemplateContent`, for example) are passed as they are.
 *
 * @param {unknown} value
 * @returns {unknown}
 */
function inThisRealm(value) {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(inThisRealm);
  }
  if (Object.prototype.toString.call(value) === '[object Map]') {
    const entries = [.../** @type {Map<unknown, unknown>} */ (value).entries()];
    return new Map(entries.map(([k, v]) => [inThisRealm(k), inThisRealm(v)]));
  }
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  if (!plain) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inThisRealm(v)]));
}

/**
 * A subclass of `Engine` whose constructor and methods receive their arguments rebuilt in this realm (`inThisRealm`).
 *
 * @param {new (...args: any[]) => object} Engine
 */
function callableFromSandbox(Engine) {
  const Callable = class extends Engine {
    /** @param {unknown[]} args */
    constructor(...args) {
      super(...args.map(inThisRealm));
    }
  };
  for (const name of Object.getOwnPropertyNames(Engine.prototype)) {
    const method = Object.getOwnPropertyDescriptor(Engine.prototype, name)?.value;
    if (name !== 'constructor' && typeof method === 'function') {
      Object.defineProperty(Callable.prototype, name, {
        value: function (/** @type {unknown[]} */ ...args) { return method.apply(this, args.map(inThisRealm)); },
        writable: true,
        configurable: true,
      });
    }
  }
  return Callable;
}

/**
 * A constructor that makes one instance of `Engine` per configuration (by its JSON, maps included) and returns it to
 * every `new`. The instances live as long as the process: their `free()` does nothing, as aws-cdk-lib 2.276 frees its
 * engine when its rules change, which would free it under the other test files that share it.
 *
 * @param {new (config?: unknown) => { free?: () => void }} Engine
 */
function sharedInstances(Engine) {
  /** @type {Map<string, object>} */
  const instances = new Map();
  const json = (/** @type {unknown} */ config) => JSON.stringify(config ?? {}, (_key, value) =>
    Object.prototype.toString.call(value) === '[object Map]' ? { Map: [...value.entries()] } : value);
  return function SharedEngine(/** @type {unknown} */ config) {
    const key = json(config);
    if (!instances.has(key)) {
      const instance = new Engine(config);
      if (typeof instance.free === 'function') {
        Object.defineProperty(instance, 'free', { value: () => undefined });
      }
      instances.set(key, instance);
    }
    return instances.get(key);
  };
}

/**
 * The shared `@aws/cloudformation-validate` of the aws-cdk-lib a jest project loads.
 *
 * @param {{ rootDir: string, moduleNameMapper?: Array<[string, string | string[]]> }} projectConfig
 */
function cfnValidateFor(projectConfig) {
  return cfnValidateOf(cdkLibDir(projectConfig));
}

module.exports = { cfnValidateFor };

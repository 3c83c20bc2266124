// @ts-check
/**
 * What `require('@aws/cloudformation-validate')` returns in a test (package.json's jest `moduleNameMapper`): the module
 * the test environment (test/support/environment.js, with shared-cfn-validate.js) loaded once for the whole worker
 * process, instead of compiling its WebAssembly again for every test file.
 */
const shared = /** @type {any} */ (globalThis).__cfnValidate;
if (shared === undefined) {
  throw new Error('@aws/cloudformation-validate is mapped to test/support/cloudformation-validate.js, which needs the '
    + "test environment test/support/environment.js (package.json's jest.testEnvironment)");
}
module.exports = shared;

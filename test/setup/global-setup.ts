// Global setup runs outside Jest's module system (no moduleNameMapper), so the @app/* aliases are
// registered before anything that uses them is required; hence require() instead of hoisted imports.
/* eslint-disable @typescript-eslint/no-require-imports */
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');
register({ baseUrl: `${__dirname}/../..`, paths: compilerOptions.paths });

export default async function globalSetup(): Promise<void> {
  const { prepareTestRun } = require('./prepare-test-run');
  await prepareTestRun();
}

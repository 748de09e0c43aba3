// Jest config shared by every project: SWC transform (with decorator metadata for Nest),
// tsconfig path aliases, unit (*.spec.ts) and integration (*.int-spec.ts) tests beside the code.
const path = require('path');
const workspaceRoot = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(workspaceRoot, 'tsconfig.base.json'));

function moduleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')}$`] = path.join(workspaceRoot, target);
  }
  return mapper;
}

module.exports = function projectConfig(projectDir, overrides = {}) {
  const rel = path.relative(workspaceRoot, projectDir);
  return {
    displayName: rel,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/generated/'],
    transform: {
      '^.+\\.(t|j)s$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: moduleNameMapper(),
    globalSetup: path.join(__dirname, 'global-setup.js'),
    testTimeout: 60_000,
    ...overrides,
  };
};

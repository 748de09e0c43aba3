// ESLint flat config: typescript-eslint recommended rules plus Nx module boundaries.
// The layers and who may import whom are described in docs/architecture.md ("Layers").
//
// type: tags say what kind of code a project is: type:app may use any lib but never another app;
// type:feature uses feature/data-access/infra/util libs; type:data-access uses data-access/infra/util;
// type:infra uses infra/util; type:util uses util only.
//
// scope: tags say which part of the domain a project belongs to. A library may import its own
// scope and the scopes listed under LIB_SCOPES; an app may import the lib scopes under APP_SCOPES.
// scope:shared (plumbing) and scope:core (prediction domain, model registry) are open to everyone.
import nx from '@nx/eslint-plugin';

const BASE = ['shared', 'core'];
const LIB_SCOPES = {
  shared: ['shared'],
  core: BASE,
  'feature-store': [...BASE, 'feature-store'],
  ingestion: [...BASE, 'ingestion'],
  collectors: [...BASE, 'ingestion', 'collectors'],
  grading: [...BASE, 'grading'],
  trainer: [...BASE, 'grading', 'trainer'],
  api: [...BASE, 'grading', 'api'],
  // prediction-serving scores feature rows with the trainer's packaged models.
  prediction: [...BASE, 'feature-store', 'trainer', 'prediction'],
};
const APP_SCOPES = {
  api: [...BASE, 'grading', 'api'],
  'feature-store': [...BASE, 'feature-store'],
  ingestion: [...BASE, 'ingestion', 'collectors', 'feature-store'],
  'prediction-coordinator': [...BASE, 'feature-store', 'prediction'],
  'prediction-worker': [...BASE, 'feature-store', 'trainer', 'prediction'],
  // the trainer app also posts the picks notifications (read-model) when predictions are ready.
  trainer: [...BASE, 'grading', 'trainer', 'api'],
  // the operator CLI drives every pipeline stage; the demo seeds and serves a stack.
  cli: [...BASE, 'feature-store', 'ingestion', 'collectors', 'grading', 'trainer', 'api', 'prediction'],
  // the demo drives the whole stack in process (live replay) like the CLI.
  demo: [...BASE, 'feature-store', 'ingestion', 'collectors', 'grading', 'trainer', 'api', 'prediction'],
};
const tags = (scopes) => scopes.map((scope) => `scope:${scope}`);

export const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:infra', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:infra', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:infra', 'type:util'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  // shared and core are held by libraries only; the other scopes also name an app, hence type:feature.
  ...Object.entries(LIB_SCOPES).map(([scope, allowed]) => ({
    ...(BASE.includes(scope) ? { sourceTag: `scope:${scope}` } : { allSourceTags: ['type:feature', `scope:${scope}`] }),
    onlyDependOnLibsWithTags: tags(allowed),
  })),
  ...Object.entries(APP_SCOPES).map(([scope, allowed]) => ({ allSourceTags: ['type:app', `scope:${scope}`], onlyDependOnLibsWithTags: tags(allowed) })),
];

// Test helpers (`@propcast/<lib>/testing`) are for specs, other test helpers and benchmarks only.
const TEST_CODE = ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**/*.ts', 'tools/bench/**/*.ts', 'tools/lint/**/*.ts'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'var/**', '**/generated/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], banTransitiveDependencies: false, depConstraints }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@propcast/*/testing', '@propcast/*/testing/**'], message: 'test helpers are for *.spec.ts, *.int-spec.ts, src/testing and tools/bench only' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // End-to-end integration tests drive several stages (a collector's game day ends in graded predictions), so they
  // may cross scopes; the type layers and the ban on relative imports of other projects still hold for them.
  {
    files: ['**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], banTransitiveDependencies: false, depConstraints: depConstraints.filter((c) => c.sourceTag?.startsWith('type:')) },
      ],
    },
  },
  {
    files: TEST_CODE,
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['tools/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];

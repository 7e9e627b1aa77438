import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Type-aware lint (decision 0023) for every TypeScript file: the Nx presets already carry
 * typescript-eslint `recommended`, so only its type-checked half is added here, which together make
 * `recommendedTypeChecked`. Types come from each project's own tsconfig through the project service.
 */
const TS_FILES = ['**/*.ts', '**/*.cts', '**/*.mts'];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/tmp-artifacts', '**/.angular'],
  },
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        projectService: {
          // the only TypeScript no tsconfig includes: a jest configuration, and the fixtures the
          // contract-lint spec lints from stdin (they are never files on disk)
          allowDefaultProject: [
            'apps/api/jest.int.config.cts',
            'apps/api/src/cases/contract-fixture.ts',
            'apps/portal/src/app/cases/contract-fixture.ts',
            'libs/domain/src/lib/contract-fixture.ts',
          ],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // an async function without await is a deliberate shape (Nest handlers, interface methods)
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // tests poke at parsed JSON bodies and pass methods to expect(): the unsafe-* family and
    // unbound-method would only add casts there; the rest (floating promises…) still holds
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // libs/domain is the shared, framework-free contract: it depends on nothing
            // in the workspace and on no framework.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', '@angular/*', 'rxjs', 'express', 'pg', 'bullmq', 'ioredis'],
            },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            // libs/ui: the portal's shared components, services and styles; Angular and the domain
            // contract only, never the portal app (its core/ or a feature) nor anything server-side.
            {
              sourceTag: 'type:ui',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'express', 'pg', 'bullmq', 'ioredis'],
            },
            // the portal's features take their shared pieces from libs/ui and the contract from libs/domain
            { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:shared', 'type:ui'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    rules: {
      // focused tests never land
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'no focused tests' },
        { object: 'describe', property: 'only', message: 'no focused tests' },
        { object: 'test', property: 'only', message: 'no focused tests' },
        { object: 'it', property: 'skip', message: 'no skipped tests' },
        { object: 'describe', property: 'skip', message: 'no skipped tests' },
        { object: 'test', property: 'skip', message: 'no skipped tests' },
      ],
      'no-restricted-globals': ['error', 'fit', 'fdescribe', 'xit', 'xdescribe'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

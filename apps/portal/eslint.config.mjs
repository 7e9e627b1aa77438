import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';
import { contractRules } from '../../eslint.contract.mjs';

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  contractRules,
  {
    files: ['**/*.ts'],
    rules: {
      // Angular passes methods as values by design (Validators.required, signal setters in templates):
      // decision 0023
      '@typescript-eslint/unbound-method': 'off',
      '@angular-eslint/directive-selector': [
        'error',
        {
          type: 'attribute',
          prefix: 'app',
          style: 'camelCase',
        },
      ],
      '@angular-eslint/component-selector': [
        'error',
        {
          type: 'element',
          prefix: 'app',
          style: 'kebab-case',
        },
      ],
    },
  },
  {
    files: ['**/*.html'],
    // Override or add rules here
    rules: {},
  },
];

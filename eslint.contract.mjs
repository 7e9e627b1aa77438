/**
 * The shared contract's lint rule (decision 0020): a response view is declared once, in libs/domain,
 * and the API and the portal import it from `@ctms/domain`. Declaring a `…View` interface or type
 * alias anywhere else is an error, so a copy that could drift from the API cannot come back.
 * Used by apps/api and apps/portal (apps/api/src/contract-lint.spec.ts proves it fires).
 */
const message = 'Response views live in libs/domain (decision 0020): import this one from @ctms/domain instead of declaring it here.';

export const contractRules = {
  files: ['**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: 'TSInterfaceDeclaration[id.name=/View$/]', message },
      { selector: 'TSTypeAliasDeclaration[id.name=/View$/]', message },
    ],
  },
};

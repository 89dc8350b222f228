// ESLint 9 flat config: typescript-eslint's recommended rules, without type information (fast).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ADMIN = ['src/admin/**/*.{ts,tsx,js,jsx}', 'src/plugins/*/admin/**/*.{ts,tsx,js,jsx}'];

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    'build/',
    '.strapi/',
    'types/generated/',
    'coverage/',
    '.tmp/',
    'src/plugins/approval-workflow/dist/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // Server code, config, scripts and tool configs run on Node.
    ignores: ADMIN,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The admin panel runs in the browser.
    files: ADMIN,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain JavaScript here is CommonJS (scripts, the plugin's build and server entry).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // HTTP contracts are type-only namespaces (GetSettings.Response…), as in Strapi's own plugins.
    files: ['src/plugins/*/shared/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // shared/ is the leaf that the server and the admin both use: it imports neither of them.
    files: ['src/plugins/*/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(server|admin)(/|$)',
              message: 'shared/ depends on nothing in server/ or admin/: move the type into shared/ instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '**/__tests__/**/*.ts', '**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest } },
  }
);

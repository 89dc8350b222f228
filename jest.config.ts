/**
 * ts-node loads this file at every jest start; `npm run typecheck` checks its types (tsconfig.test.json),
 * so ts-node only strips them (its type check took about 4 s of CPU before each run).
 * @jest-config-loader-options {"transpileOnly": true}
 */
import type { Config } from 'jest';

const swc: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};

// The plugin's admin components: TSX with React's automatic runtime.
const swcReact: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
  ],
};

const config: Config = {
  // Per test and per hook. A beforeAll that boots the app and sets up its scenario over HTTP took
  // over 60 s with two files in parallel on a busy 2-core machine (PostgreSQL); a limit, not a goal.
  testTimeout: 120000,
  collectCoverageFrom: ['<rootDir>/src/plugins/approval-workflow/server/src/domain/**/*.ts', '!**/__tests__/**'],
  coveragePathIgnorePatterns: ['/__tests__/', '/node_modules/'],
  coverageReporters: ['text-summary', 'text'],
  coverageThreshold: {
    global: {},
    './src/plugins/approval-workflow/server/src/domain/': { lines: 100, branches: 100, functions: 100, statements: 100 },
  },
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: swc,
      testMatch: ['<rootDir>/src/plugins/approval-workflow/**/__tests__/**/*.test.ts'],
    },
    {
      // Component tests of the admin (a DOM in jsdom, rendered with the design system's provider).
      displayName: 'admin',
      testEnvironment: 'jsdom',
      transform: swcReact,
      testMatch: ['<rootDir>/src/plugins/approval-workflow/admin/**/__tests__/**/*.test.tsx'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: swc,
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      // Run only when an integration test is selected: compile the app, make the template
      // database every test file copies (tests/helpers/database.ts), and drop it at the end.
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
  ],
};

export default config;

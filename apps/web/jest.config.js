// Unit tests of the web app (pure logic: i18n resources, API client, role landing, paths).
// The root config's unit project skips apps/web because this code targets the browser (JSX,
// DOM types); these tests run in Node with jsx enabled in swc. Run alone with
// `npx jest -c apps/web/jest.config.js`, or list this file in the root config's `projects`.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'web',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/web/src/**/*.web-spec.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: {
    '\\.css$': '<rootDir>/apps/web/jest.css-stub.js',
    '^@ejustice/vocabulary/(.*)$': '<rootDir>/libs/vocabulary/src/$1',
    '^@ejustice/([a-z-]+)/domain/(.*)$': '<rootDir>/libs/$1/src/domain/$2',
    '^@ejustice/hearings/signalling/(.*)$': '<rootDir>/libs/hearings/src/signalling/$1',
    '^@ejustice/hearings/orders/(order-terms|order-views)$': '<rootDir>/libs/hearings/src/orders/$1',
    '^@ejustice/hearings/links/hearing-link-views$': '<rootDir>/libs/hearings/src/links/hearing-link-views',
    '^@ejustice/([a-z-]+)/contract/(.*)$': '<rootDir>/libs/$1/src/contract/$2',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/apps/web/dist/', '<rootDir>/.tools/'],
};

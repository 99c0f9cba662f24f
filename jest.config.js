/** ts-jest in ESM mode; type checking is done by `tsc --noEmit` in `npm test`. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // end-to-end tests run leadq over real files on shared 2-core machines: a test's time limit only
  // catches a hang (speed is measured by `npm run bench`, never by tests)
  testTimeout: 30_000,
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true }] },
};

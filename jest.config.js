/**
 * One Jest run, three projects: unit specs beside the code (src/**\/*.spec.ts), end-to-end suites
 * that boot the real app against a real sandbox (test/**\/*.e2e-spec.ts), and browser suites
 * (test/browser/**\/*.browser-spec.ts, Chromium via playwright-core).
 */
const transform = { '^.+\\.ts$': 'ts-jest' };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', rootDir: '<rootDir>/src', testRegex: '.*\\.spec\\.ts$' },
    { ...common, displayName: 'e2e', rootDir: '<rootDir>/test', testRegex: '.*\\.e2e-spec\\.ts$', slowTestThreshold: 30 },
    { ...common, displayName: 'browser', rootDir: '<rootDir>/test', testRegex: '.*\\.browser-spec\\.ts$', slowTestThreshold: 60 },
  ],
};

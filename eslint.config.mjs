// ESLint (typescript-eslint, type-checked) for src, test and bench. Beyond the recommended rules,
// the ones that guard the shape of the code: which folder may import which, no import cycles, no
// forgotten promises, no `any`. Formatting is Prettier's (npm run format:check), not ESLint's.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The sandbox is a separate app: the app reaches it only through main.ts's dynamic import. */
const NO_SANDBOX = {
  group: ['**/sandbox', '**/sandbox/**'],
  message: 'The app never imports the sandbox (src/main.ts starts it with a dynamic import; tests use test/support).',
};

/** From the app, the sandbox may use only the Linode contract (schemas and scopes). */
const SANDBOX_ONLY_CONTRACT = {
  target: './src/sandbox',
  from: './src',
  except: ['./sandbox', './linode/contract'],
  message: 'The sandbox imports nothing from the app but src/linode/contract/**.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'bench/results/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Off for now: they flag every use of a value typed `any` by a library (JSON bodies, supertest,
      // Nest's reflection, hbs), 230 places mostly in tests. `no-explicit-any` keeps our own code free of it.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Nest handlers, guards and stores are async by contract even when a body does not await.
      '@typescript-eslint/require-await': 'off',
      // The patterns that strip control characters from untrusted text name them on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Specs hand methods to Jest (`expect(obj.method)`) and fake callbacks that reject with anything.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/prefer-promise-reject-errors': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/sandbox/**', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_SANDBOX] }],
      // The layers of ARCHITECTURE.md: sign-in knows nothing of what it is for; the catalog has no pages.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/auth', from: ['./src/provisioning', './src/configure'], message: 'auth/ is sign-in only.' },
            {
              target: './src/catalog',
              from: ['./src/provisioning', './src/configure', './src/auth'],
              message: 'catalog/ is Linode data only.',
            },
            { target: './src/configure', from: './src/provisioning', message: 'provisioning/ uses configure/, not the other way.' },
            {
              target: './src/tokens',
              from: ['./src/provisioning', './src/configure', './src/auth'],
              message: 'tokens/ holds and gives back tokens for whoever has one.',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs and test helpers build Linode's answers from the sandbox's strict contract; app code never does.
    files: ['src/**/*.spec.ts', 'src/**/testing/**/*.ts', 'src/**/*.test-helper.ts'],
    ignores: ['src/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '/sandbox(/(?!contract/linode\\.contract$)|$)', message: NO_SANDBOX.message }] },
      ],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    // Relative paths inside the sandbox look like app paths (`../auth/…`), so this one goes by folders.
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [SANDBOX_ONLY_CONTRACT] }] },
  },
  {
    // Plain Node scripts (CommonJS) for the bench and the build.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false, program: null },
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
        exports: 'writable',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['eslint.config.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);

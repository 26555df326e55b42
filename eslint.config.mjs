// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NO_APPS = {
  group: ['**/apps/*', '../../../*'],
  message: 'Import through the @ejustice/* path aliases; libs never import from apps.',
};
/**
 * The libs are layered and import only downwards, so that no two libs import each other
 * (libs/vocabulary/README.md). Each lib lists the libs it may use; the rule refuses the rest.
 */
const LIBS = [
  'platform',
  'vocabulary',
  'identity',
  'cases',
  'media-policy',
  'hearings',
  'filing',
  'scheduling',
  'scheduling-data',
  'certification',
  'recording',
];
const LAYERS = {
  platform: [],
  vocabulary: [],
  identity: ['platform', 'vocabulary'],
  cases: ['platform', 'vocabulary', 'identity'],
  'media-policy': ['vocabulary'],
  hearings: ['platform', 'vocabulary', 'identity', 'cases', 'media-policy'],
  filing: ['platform', 'vocabulary', 'identity', 'cases'],
  scheduling: ['vocabulary'],
  'scheduling-data': ['platform', 'vocabulary', 'identity', 'cases', 'scheduling'],
  certification: ['platform', 'vocabulary', 'identity', 'cases', 'filing'],
  recording: ['platform', 'vocabulary', 'identity', 'cases', 'media-policy', 'hearings', 'filing'],
};
/** A lib's index pulls in its Nest module and entities: the browser never imports one. */
const NO_LIB_INDEX = {
  regex: '^@ejustice/[a-z-]+$',
  message: 'Import a pure subpath (contract, vocabulary, domain, signalling...), never a lib index: it pulls Nest and TypeORM in.',
};
/**
 * A lib's REST contract (src/contract) is compiled into the web app too: plain types and a few
 * constants, declared once for the api and the browser. No framework, no database, no lib index.
 */
const CONTRACT_PURE = [
  {
    group: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer', 'express'],
    message: 'A REST contract holds plain types and constants only: it is compiled into the browser too.',
  },
  NO_LIB_INDEX,
];
const layerRules = Object.entries(LAYERS).flatMap(([lib, below]) => {
  const above = LIBS.filter((other) => other !== lib && !below.includes(other));
  const patterns = [
    NO_APPS,
    ...(above.length === 0
      ? []
      : [
          {
            group: above.flatMap((other) => [`@ejustice/${other}`, `@ejustice/${other}/*`]),
            message: `libs/${lib} may import only ${below.length ? below.map((b) => `@ejustice/${b}`).join(', ') : 'packages'}: the libs are layered (libs/vocabulary/README.md).`,
          },
        ]),
  ];
  return [
    { files: [`libs/${lib}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } },
    {
      files: [`libs/${lib}/src/contract/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...CONTRACT_PURE] }] },
    },
  ];
});

export default tseslint.config(
  { ignores: ['dist/**', 'apps/web/dist/**', 'node_modules/**', '.tools/**', '.cache/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are mistakes, except deliberately ignored ones (`_name`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Config is read once, in libs/platform/src/config; everything else receives it.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through AppConfig (libs/platform/src/config), never process.env.',
        },
      ],
      // Libraries never reach into apps, and imports go through the @ejustice/* aliases.
      'no-restricted-imports': ['error', { patterns: [NO_APPS] }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  ...layerRules,
  {
    // Where the environment legitimately is read: config parsing, and the scripts and tests that
    // set up environments for child processes.
    files: ['libs/platform/src/config/**', 'scripts/**', 'test/**', 'bench/**', 'tools/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests and scripts compose the apps (test/support boots the api module).
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_APPS, NO_LIB_INDEX] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

// ESLint for the SPA (flat config): `npm run lint`; tests/run.sh runs it as the `lint` suite.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist', 'node_modules', 'src/types/api.ts'] },
  { files: ['*.js'], extends: [js.configs.recommended], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: {
      'react-hooks': reactHooks,
      'react-refresh': reactRefresh,
      i18next,
    },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      // Only says the React Compiler skips a component (react-hook-form's watch()); this app does not use the compiler.
      'react-hooks/incompatible-library': 'off',
      'react-refresh/only-export-components': ['error', { allowConstantExport: true }],
      // Every user-visible string goes through i18next (ja and en): text in JSX and the props that show text.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['label', 'placeholder', 'title', 'aria-label', 'alt', 'description', 'error', 'message'],
          },
          // Replaces the default list (ASCII punctuation and digits, CONSTANTS, HTML entities, emoji): a text of only
          // digits, punctuation and marks (✓, －, ・, —) is not a word in either language. src/ has no HTML entities.
          words: { exclude: [/^[\p{N}\p{P}\p{S}\s]+$/u, '[A-Z_-]+', /^\p{Emoji}+$/u] },
        },
      ],
    },
  },
);

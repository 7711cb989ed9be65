import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '**/dist/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/config.ts reads process.env (house style: one typed config).',
        },
      ],
    },
  },
  // Vue single-file components: Vue's recommended rules, TypeScript in <script setup lang="ts">
  // (types are checked by vue-tsc: npm run typecheck). Layout is Prettier's.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['ui/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // v-html takes only HTML the server made safe (action=parse's sanitized output, extmetadata's
      // escaped values), and the interface's Content-Security-Policy runs no script it did not ship.
      'vue/no-v-html': 'off',
    },
  },
  {
    // The web interface runs in the browser.
    files: ['ui/**/*.ts', 'ui/**/*.vue'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'bin/**', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);

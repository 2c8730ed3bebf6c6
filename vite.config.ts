import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under the `source` condition, so tests run
// against source and nothing has to be built first. Node-side tests resolve through `ssr`, so the
// condition is set for both.
const conditions = ['source', 'module', 'browser', 'development|production'];
const ssrConditions = ['source', 'node', 'import', 'module', 'default'];

function project(
  name: string,
  root: string,
  extra: { testTimeout?: number; environment?: string; fileParallelism?: boolean; include?: string[] } = {},
) {
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions: ssrConditions, externalConditions: ['source'] } },
    test: {
      name,
      root,
      include: extra.include ?? ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      environment: extra.environment ?? 'node',
      testTimeout: extra.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      ...(extra.fileParallelism === undefined ? {} : { fileParallelism: extra.fileParallelism }),
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      project('protocol', 'packages/protocol'),
      project('crypto-node', 'packages/crypto-node'),
      project('sdk', 'packages/sdk'),
      project('cloud', 'apps/cloud', { testTimeout: 60_000 }),
      project('bank', 'apps/bank', { testTimeout: 60_000 }),
      project('db', 'packages/db', { testTimeout: 60_000 }),
      project('wallet', 'apps/wallet'),
      project('checkout', 'packages/checkout'),
      project('web-kit', 'packages/web-kit'),
      project('i18n', 'packages/i18n'),
      project('service-kit', 'packages/service-kit'),
      project('shop', 'apps/shop', { testTimeout: 60_000 }),
      project('budget', 'apps/budget', { testTimeout: 60_000 }),
      // The import rules of the whole repository (packages/stack/test/architecture).
      project('architecture', 'packages/stack', { include: ['test/**/*.test.ts'] }),
      // Real cloud and bank processes on PostgreSQL, killed and restarted: one file at a time.
      project('faults', 'packages/stack', {
        testTimeout: 240_000,
        fileParallelism: false,
        include: ['src/**/*.test.ts'],
      }),
    ],
  },
});

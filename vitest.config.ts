import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    environment: 'node',
    // SQLite files in temp folders; two cores on CI.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    environment: 'node',
    // SQLite files in temp folders; two cores on CI.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Scripts run by tests (seed, store) find the suite's fixed store key here
    // (tests/support/temp-backend.ts TEST_STORE_KEY), so every test store is encrypted.
    env: { DESK_DB_KEY: '7e57'.repeat(16) },
  },
});

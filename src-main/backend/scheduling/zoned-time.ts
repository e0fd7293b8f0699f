// Moved to src-shared/domain/zoned-time.ts (the renderer converts clinic times too).
export * from '../../../src-shared/domain/zoned-time';

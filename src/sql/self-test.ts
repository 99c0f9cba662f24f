import type { Dialect } from './dialect.js';
export function selfTestSql(_d: Dialect): string { return ''; }

import type { ResolvedRuleset } from '../ruleset/resolved.js';
import type { CostStages } from '../ruleset/types.js';
import type { Dialect } from './dialect.js';
export interface SummaryOptions { table: string; asOf: string | null; spend: Map<string, number>; spendTable?: string; costStages: CostStages }
export function summarySql(_r: ResolvedRuleset, _d: Dialect, _o: SummaryOptions): string { return ''; }

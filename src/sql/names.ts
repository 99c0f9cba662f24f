/** Names the SQL back-end shares with the summary (output/sources.ts NO_SOURCE, which sql/ may not import). */

/** the source of leads whose source cell is empty (or of every lead, without source_column) */
export const NO_SOURCE_NAME = '(none)';

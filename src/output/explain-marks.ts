/** The marks an explanation's text is drawn with, shared by its parts: held or not, and a cell quoted as data. */
import { quoteData } from '../model/errors.js';

export const YES = '✓';
export const NO = '✗';
export const mark = (held: boolean): string => (held ? YES : NO);
/** A cell from a file: `(empty)`, else quoted with control characters escaped. */
export const cell = (text: string): string => (text.trim() === '' ? '(empty)' : quoteData(text));

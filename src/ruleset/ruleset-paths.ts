/**
 * Where a file a ruleset names (a related file, an account file) is read from: a path written
 * absolute is taken as it is; any other is relative to the ruleset's folder, so a ruleset and its
 * files move together.
 */
import { dirname, isAbsolute, join } from 'node:path';

export function besideRuleset(rulesFile: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(rulesFile), path);
}

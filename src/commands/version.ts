/**
 * leadq's own version, from its package.json; not `npm_package_version`, which names whatever
 * project runs leadq under `npm run`. Two levels up from this module in dist/commands/, from the
 * bundle in dist/bundle/ and from src/commands/ under the tests alike.
 */
import { readFileSync } from 'node:fs';

export const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

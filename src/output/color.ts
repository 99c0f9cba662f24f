/** Colour is decided once, here, from --color, NO_COLOR, FORCE_COLOR and whether stderr is a terminal. */
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'always' | 'never';

export function makeChalk(mode: ColorMode, isTTY: boolean, env: NodeJS.ProcessEnv): ChalkInstance {
  let on: boolean;
  if (mode === 'always') on = true;
  else if (mode === 'never') on = false;
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') on = false;
  else if (env.FORCE_COLOR !== undefined) on = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  else on = isTTY;
  return new Chalk({ level: on ? 1 : 0 });
}

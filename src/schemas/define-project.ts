import type {ShotListInput} from './shot-list-schema.ts';
import type {ProjectInput} from './project-schema.ts';

/** Types a compositions file; validation happens when it is loaded, so errors name the file. */
export const defineProject = (project: ProjectInput): ProjectInput => project;

/** Types a shot list file (`remotion/shots.ts`); validated when `songreel generate` loads it. */
export const defineShots = (shots: ShotListInput): ShotListInput => shots;

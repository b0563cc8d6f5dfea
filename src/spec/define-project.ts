import type {ProjectInput} from './project-schema';

/** Types a compositions file; validation happens when it is loaded, so errors name the file. */
export const defineProject = (project: ProjectInput): ProjectInput => project;

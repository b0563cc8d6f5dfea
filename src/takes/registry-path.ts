/** Registry location inside public/, so Studio and renders can read it over HTTP like any asset. */
export const REGISTRY_PATH_IN_PUBLIC = 'takes/takes.json';

/** Where the project's own code failed while a frame was drawn: which component, where it is used, the frame, its message. */
export type ProjectCodeFailure = {readonly component: string; readonly where: string; readonly frame: number; readonly message: string};

const PATTERN = /component "([^"]+)" \(([^)]*)\) failed at frame (\d+): ([^\n]*)/;

/** The error text the Remotion layer throws when a project's component throws (it survives Remotion's wrapping). */
export const describeProjectCodeFailure = ({component, where, frame, message}: ProjectCodeFailure): string => `component "${component}" (${where}) failed at frame ${frame}: ${message}`;

/** Finds such a failure in an error's text (a render error carries it among Remotion's own lines); null when there is none. */
export const findProjectCodeFailure = (text: string): ProjectCodeFailure | null => {
	const match = PATTERN.exec(text);
	return match ? {component: match[1] as string, where: match[2] as string, frame: Number(match[3]), message: match[4] as string} : null;
};

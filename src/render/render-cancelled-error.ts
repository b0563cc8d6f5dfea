/** Thrown when a render was cancelled (Ctrl-C). */
export class RenderCancelledError extends Error {
	constructor() {
		super('render cancelled');
		this.name = 'RenderCancelledError';
	}
}

import {defineShots} from '../src/schemas/define-project.ts';

/**
 * The demo's shot list: `songreel generate` makes its takes with the offline provider (the demo script runs
 * it for you). Point defaults.provider at "openai" and set OPENAI_BASE_URL to use a real video model.
 */
export default defineShots({
	styleBible: {
		look: 'paper-cut diorama, warm dusk light, slow camera moves, 35mm film grain',
		characters: {Mara: 'a young woman with a short black bob and a yellow raincoat, always carrying a paper bird'},
		avoid: 'text, logos, extra fingers',
	},
	defaults: {takes: 3, lengthInSeconds: 6, size: '960x540', provider: 'offline', model: 'offline-procedural', pricePerSecondUsd: 0, concurrency: 2},
	shots: [
		{id: 'bridge-sunrise', prompt: 'Mara watches the sunrise over paper mountains from a rooftop'},
		{id: 'outro-skyline', prompt: 'the paper city skyline as clouds race past, Mara lets the paper bird go', takes: 2},
	],
});

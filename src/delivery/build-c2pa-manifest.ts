// Pure: the C2PA manifest that says a video contains AI-generated media, from its credits. No IO here.
import type {Credits} from './build-credits.ts';

/** IPTC digital source types C2PA uses for generative AI. */
export const DIGITAL_SOURCE_TYPES = {
	trainedAlgorithmicMedia: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
	compositeWithTrainedAlgorithmicMedia: 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
} as const;

/** A C2PA manifest definition as `@contentauth/c2pa-node`'s Builder takes it (the parts songreel writes). */
export type C2paManifestDefinition = {
	readonly claim_generator_info: readonly {readonly name: string; readonly version: string}[];
	readonly title: string;
	readonly format: 'video/mp4';
	readonly assertions: readonly {readonly label: string; readonly data: unknown}[];
	readonly ingredients: readonly {readonly title: string; readonly format: string; readonly relationship: 'componentOf'; readonly metadata: Readonly<Record<string, string>>}[];
};

/**
 * States what made the video: a `c2pa.created` action whose digital source type is composite-with-AI when the video
 * mixes generated takes with anything else (the song, at least, always is), and plain AI when every shot is a generated
 * take and the song is declared generated; each generated take is an ingredient (take id, provider, model, shot).
 */
export const buildC2paManifest = ({credits, title, version, songIsGenerated = false}: {readonly credits: Credits; readonly title: string; readonly version: string; readonly songIsGenerated?: boolean}): C2paManifestDefinition => {
	const allGenerated = songIsGenerated && credits.otherClips.length === 0 && credits.generatedTakes.length > 0;
	const actions =
		credits.generatedTakes.length === 0
			? [{action: 'c2pa.created', softwareAgent: {name: 'songreel', version}}]
			: [{action: 'c2pa.created', softwareAgent: {name: 'songreel', version}, digitalSourceType: allGenerated ? DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia : DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia}];
	return {
		claim_generator_info: [{name: 'songreel', version}],
		title,
		format: 'video/mp4',
		assertions: [{label: 'c2pa.actions.v2', data: {actions}}],
		ingredients: credits.generatedTakes.map((take) => ({
			title: take.takeId,
			format: 'video/mp4',
			relationship: 'componentOf',
			metadata: {takeId: take.takeId, shotId: take.shotId, provider: take.provider, model: take.model, digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia},
		})),
	};
};

import {type CalculateMetadataFunction, getRemotionEnvironment} from 'remotion';
import {REGISTRY_PATH_IN_PUBLIC} from '../takes/registry-path.ts';
import {parseRegistry} from '../takes/parse-registry.ts';
import {takeTilesOf} from '../takes/take-tiles.ts';
import {browserAssetReader} from './browser-asset-reader.ts';
import type {TakesGridProps} from './TakesGrid.tsx';

const FPS = 30;

/** Loads a shot's complete takes from the registry for the review views; the longest take sets the duration. */
export const calculateTakesMetadata: CalculateMetadataFunction<TakesGridProps> = async ({props}) => {
	try {
		const registry = parseRegistry(await browserAssetReader.readText(REGISTRY_PATH_IN_PUBLIC), `public/${REGISTRY_PATH_IN_PUBLIC}`);
		const takes = registry.takes.filter((take) => take.shotId === props.shotId && take.status === 'complete' && take.file !== null);
		if (takes.length === 0) {
			throw new Error(`shot "${props.shotId}" has no complete takes; run "songreel generate --shots ${props.shotId}"`);
		}
		const tiles = takeTilesOf(registry, props.shotId, FPS);
		const longest = Math.max(...takes.map((take) => Math.round((take.facts?.durationInSeconds ?? 1) * FPS)));
		const sheet = props.mode === 'sheet';
		return {
			durationInFrames: sheet ? 1 : longest,
			fps: FPS,
			width: sheet ? 1600 : 1280,
			height: sheet ? Math.max(200, tiles.length * 184) : 720,
			props: {...props, takes: tiles, problems: null},
		};
	} catch (error) {
		if (getRemotionEnvironment().isRendering) {
			throw error;
		}
		return {durationInFrames: 90, props: {...props, takes: null, problems: [(error as Error).message]}};
	}
};

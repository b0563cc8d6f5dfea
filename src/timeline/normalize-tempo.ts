import {BeatListError, createBeatListTempoMap, createTempoMap, TempoMapError, type TempoMap} from '../music/tempo-map.ts';
import type {Song} from '../schemas/song-schema.ts';
import type {Diagnostics} from './diagnostics.ts';
import {timelineMessages as m} from './messages.ts';
import {isMissing, type TimelineFacts} from './timeline-facts.ts';

/**
 * The song's beat grid: from its tempo and tempo changes, or (`tempo.fromAnalysis`) from the beats as played in its
 * analysis file. Null, with the problem reported, when neither makes a grid.
 */
export const normalizeTempo = ({song, facts, songPath, diagnostics}: {song: Song; facts: TimelineFacts; songPath: readonly PropertyKey[]; diagnostics: Diagnostics}): TempoMap | null => {
	const {tempo} = song;
	const path = [...songPath, 'tempo'];
	if ((tempo.bpm === undefined) === (tempo.fromAnalysis === undefined)) {
		diagnostics.error(path, m.bpmOrAnalysis());
		return null;
	}
	if (tempo.fromAnalysis !== undefined) {
		const analysis = facts.analysis;
		if (!analysis || isMissing(analysis)) {
			diagnostics.error([...path, 'fromAnalysis'], m.analysisMissing(tempo.fromAnalysis, analysis?.error ?? 'not read'), m.analysisMissingFix(song.audio));
			return null;
		}
		if (!analysis.beatsInSeconds || !analysis.downbeatsInSeconds) {
			diagnostics.error([...path, 'fromAnalysis'], m.analysisWithoutBeats(tempo.fromAnalysis), m.analysisMissingFix(song.audio));
			return null;
		}
		try {
			return createBeatListTempoMap({beatsInSeconds: analysis.beatsInSeconds, downbeatsInSeconds: analysis.downbeatsInSeconds});
		} catch (error) {
			if (!(error instanceof BeatListError)) {
				throw error;
			}
			diagnostics.error([...path, 'fromAnalysis'], m.analysisBeatsUnusable(tempo.fromAnalysis, error.message));
			return null;
		}
	}
	try {
		return createTempoMap(tempo);
	} catch (error) {
		if (!(error instanceof TempoMapError)) {
			throw error;
		}
		diagnostics.error([...path, 'changes', error.changeIndex, 'atBar'], m.tempoChangeOrder(error.message));
		return null;
	}
};

/** Message texts of the timeline compiler; tests assert through these functions. */

const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const q = (text: string): string => JSON.stringify(text);
const list = (items: readonly string[]): string => items.map(q).join(', ');

export const timelineMessages = {
	audioMissing: (src: string, reason: string) => `song audio ${q(src)} could not be read: ${reason}`,
	audioMissingFix: () => 'audio paths are relative to public/; run "npm run demo:assets" for the demo song',
	tempoChangeOrder: (detail: string) => detail,
	effectsWithoutAnalysis: () => 'followLoudness and flashes on onsets need the song\'s analysis file (songreel analyze <audio> --write); pulsing at full strength on every beat and flashing on no onset instead',
	cutEveryWithoutAnalysis: (lengthInBeats: number) => `cutting faster in loud passages needs the song\'s analysis file (songreel analyze <audio> --write); cutting every ${lengthInBeats} beats throughout instead`,
	bpmOrAnalysis: () => 'give "bpm" (with optional "changes") or "fromAnalysis" (an analysis file under public/), one of them',
	analysisMissing: (src: string, reason: string) => `the analysis file ${q(src)} could not be read: ${reason}`,
	analysisMissingFix: (audio: string) => `run "songreel analyze public/${audio} --write"`,
	analysisWithoutBeats: (src: string) => `the analysis file ${q(src)} has no "beatsInSeconds" and "downbeatsInSeconds"`,
	analysisBeatsUnusable: (src: string, detail: string) => `the beats in ${q(src)} make no grid: ${detail}`,
	beatOutsideBar: (position: string, bar: number, beat: number, beatsPerBar: number) =>
		`${q(position)} means beat ${beat} of bar ${bar}, but bar ${bar} has ${beatsPerBar} beat${beatsPerBar === 1 ? '' : 's'} (1 to ${beatsPerBar})`,
	beatOutsideBarFix: (bar: number, beatsPerBar: number) => `use "${bar}:1" to "${bar}:${beatsPerBar}", or "${bar + 1}" for the next downbeat`,
	positionBeforeStart: (position: string, seconds: number) => `${q(position)} falls at ${s(seconds)}, before the song starts at 0 s`,
	positionBeforeStartFix: () => 'give a later bar, or seconds like "0s" for the very start',
	sectionStartRequired: () => 'is required for every section but the first',
	firstSectionNotAtStart: (seconds: number) => `the first section starts at ${s(seconds)}, but the video starts at 0 s`,
	firstSectionNotAtStartFix: () => 'start the first section at "0s" (add an intro section for a pickup)',
	sectionsOverlap: (id: string, previousId: string) => `section ${q(id)} starts before section ${q(previousId)} has started; sections must be in song order`,
	sectionOutOfOrder: (id: string, start: string, startInSeconds: number, earlierId: string, earlierStart: string, earlierInSeconds: number) =>
		`section ${q(id)} starts at ${q(start)} (${s(startInSeconds)}), before section ${q(earlierId)} listed above it (${q(earlierStart)}, ${s(earlierInSeconds)}); sections must be listed in song order`,
	sectionAfterLaterOnes: (id: string, start: string, startInSeconds: number, laterId: string, laterStart: string, laterInSeconds: number) =>
		`section ${q(id)} starts at ${q(start)} (${s(startInSeconds)}), after section ${q(laterId)} listed below it (${q(laterStart)}, ${s(laterInSeconds)}); sections must be listed in song order`,
	sectionOutOfOrderFix: () => 'move the section to its place in the list, or fix its start',
	sectionsSameStart: (id: string, start: string, otherId: string, otherStart: string, startInSeconds: number) =>
		`sections ${q(otherId)} (${q(otherStart)}) and ${q(id)} (${q(start)}) both start at ${s(startInSeconds)}; a section must last at least a frame`,
	sectionsSameStartFix: () => 'give one of them a later start, or remove one',
	sectionGap: (id: string, endInSeconds: number, nextId: string, nextStartInSeconds: number) =>
		`section ${q(id)} ends at ${s(endInSeconds)} but ${q(nextId)} starts at ${s(nextStartInSeconds)}: sections must tile the song`,
	sectionGapFix: () => 'leave out "end" so the section runs to the next one',
	sectionEndsOffSong: (id: string, endInSeconds: number, songInSeconds: number) =>
		`section ${q(id)} ends at ${s(endInSeconds)} but the song ends at ${s(songInSeconds)}: sections must tile the song`,
	sectionAfterSong: (id: string, startInSeconds: number, songInSeconds: number) => `section ${q(id)} starts at ${s(startInSeconds)}, after the song ends at ${s(songInSeconds)}`,
	duplicateSection: (id: string) => `section id ${q(id)} is used twice`,
	unknownSection: (id: string, known: readonly string[]) => `section ${q(id)} is not in the song; the song's sections are ${list(known)}`,
	sectionWithoutPlan: (id: string) => `song section ${q(id)} has no shots in this video`,
	sectionWithoutPlanFix: (id: string) => `add sections[${q(id)}] with shots, or { filler: "#000000" } to show a colour`,
	twoFillShots: () => 'only one shot per section may leave out its length (it fills the rest)',
	shotsOverflow: (neededInSeconds: number, sectionInSeconds: number) =>
		`shots need ${s(neededInSeconds)} but the section lasts ${s(sectionInSeconds)}`,
	shotsOverflowFix: () => 'shorten a shot, or leave out one shot\'s length so it fills what is left',
	shotsUnderflow: (coveredInSeconds: number, sectionInSeconds: number) =>
		`shots cover ${s(coveredInSeconds)} of the section's ${s(sectionInSeconds)}`,
	shotsUnderflowFix: () => 'add a shot, or leave out the last shot\'s length so it fills the rest',
	shotTooShort: () => 'lasts less than one frame',
	clipMissing: (src: string, reason: string) => `clip ${q(src)} could not be read: ${reason}`,
	clipMissingFix: () => 'clip paths are relative to public/',
	takeUnresolved: (ref: string, reason: string) => `take ${q(ref)} cannot be used: ${reason}`,
	generatedSlotEmpty: (shotId: string, videoId: string) => `shot ${q(shotId)} has no take yet, showing the background; run "songreel generate --for ${videoId}"`,
	clipStartPastEnd: (startInSeconds: number, clipInSeconds: number) => `starts at ${s(startInSeconds)} but the clip is only ${s(clipInSeconds)} long`,
	clipTooShort: (src: string, availableInSeconds: number, startInSeconds: number, neededInSeconds: number, frames: number, speed: number) =>
		`clip ${q(src)} has ${s(availableInSeconds)} from ${s(startInSeconds)}, the shot needs ${s(neededInSeconds)} (${frames} frames at speed ${speed})`,
	clipTooShortFix: () => 'set onShortClip to "loop", "freeze" or "slow", or use a longer clip',
	clipTooSlow: (neededSpeed: number, slowest: number) => `the clip would have to play at speed ${neededSpeed.toFixed(3)}, slower than slowestSpeed allows (${slowest})`,
	clipTooSlowFix: () => 'lower slowestSpeed, or use onShortClip "loop" or "freeze"',
	transitionLongerThanShot: (type: string, intoShotId: string, transitionFrames: number, shotId: string, shotFrames: number) =>
		`${type} transition into ${q(intoShotId)} lasts ${transitionFrames} frames, longer than shot ${q(shotId)} (${shotFrames} frames)`,
	transitionLongerThanShotFix: () => 'shorten lengthInBeats or lengthen the shot',
	transitionRoundsToNothing: (type: string) => `${type} transition is shorter than a frame, cutting instead`,
	transitionAtVideoStart: () => 'a transition into the first shot has nothing to blend from; ignoring it',
	cutOffBeat: (shotId: string, cutInSeconds: number, offInSeconds: number) =>
		`the cut into ${q(shotId)} at ${s(cutInSeconds)} is ${Math.round(Math.abs(offInSeconds) * 1000)} ms ${offInSeconds < 0 ? 'before' : 'after'} the nearest beat; give lengths in beats or bars, or snap: "beat"`,
	lyricsBothSources: () => 'give either "file" or "lines", not both',
	lyricsFileMissing: (file: string, reason: string) => `lyrics file ${q(file)} could not be read: ${reason}`,
	lyricsAfterEnd: (text: string, startInSeconds: number, songInSeconds: number) =>
		`lyric ${q(text)} starts at ${s(startInSeconds)}, after the song ends at ${s(songInSeconds)}`,
	lyricsEndAfterSong: (text: string, endInSeconds: number, songInSeconds: number) =>
		`lyric ${q(text)} ends at ${s(endInSeconds)}, after the song ends at ${s(songInSeconds)}`,
	lyricsEndBeforeStart: (text: string) => `lyric ${q(text)} ends before it starts`,
	lyricsBeforeStart: (text: string, startInSeconds: number) => `lyric ${q(text)} starts at ${s(startInSeconds)}, before the song starts at 0 s`,
	lyricsOverlap: (text: string, nextText: string) => `lyric ${q(text)} runs into the next line ${q(nextText)}; ending it where the next one starts`,
	layerPointUnknown: (value: string, sections: readonly string[]) =>
		`${JSON.stringify(value)} is neither a section (${sections.join(', ')}) nor a position like "5", "5:3" or "12.5s"`,
	layerAfterSong: (startInSeconds: number, songEndInSeconds: number) => `the layer starts at ${startInSeconds.toFixed(2)} s, after the song ends (${songEndInSeconds.toFixed(2)} s)`,
	layerEmpty: (startInSeconds: number, endInSeconds: number) => `the layer would run from ${startInSeconds.toFixed(2)} s to ${endInSeconds.toFixed(2)} s: it must end after it starts`,
} as const;

/** Message texts of the lyrics parsers; tests assert through these functions. */
export const lyricsMessages = {
	lrcNoTimestamp: (text: string) => `expected a line starting with a time tag like [01:23.45], got ${JSON.stringify(text.slice(0, 40))}`,
	lrcBadTime: (tag: string) => `bad time tag ${JSON.stringify(tag)}; expected [mm:ss.xx]`,
	lrcBadWordTime: (tag: string) => `bad word time ${JSON.stringify(tag)}; expected <mm:ss.xx>`,
	lrcBadOffset: (value: string) => `bad [offset:] value ${JSON.stringify(value)}; expected milliseconds like +250 or -120`,
	srtBadIndex: (text: string) => `expected a cue number, got ${JSON.stringify(text.slice(0, 40))}`,
	srtBadTiming: (text: string) => `expected a timing line like "00:00:01,000 --> 00:00:02,500", got ${JSON.stringify(text.slice(0, 60))}`,
	srtEndBeforeStart: () => 'cue ends before it starts',
	srtNoText: () => 'cue has no text',
} as const;

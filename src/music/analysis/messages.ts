/** What `songreel analyze` says about audio it cannot analyse or whose beat it cannot trust. */
export const analysisMessages = {
	notAudio: (detail: string) => `cannot decode: not an audio file ffmpeg can read (${detail})`,
	silent: (peakInDb: number) => `silent: the loudest sample is at ${peakInDb.toFixed(0)} dBFS, there is nothing to analyse`,
	tooShort: (seconds: number, minimum: number) => `too short to find a beat: ${seconds.toFixed(1)} s of audio, at least ${minimum} s needed`,
	noReliableBeat: (confidence: number) => `no reliable beat (confidence ${confidence.toFixed(2)}): noise, a pad or speech? The tempo below is a guess`,
} as const;

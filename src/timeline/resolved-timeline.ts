/**
 * How a transition blends two shots; `durationInFrames` is centred on `cutFrame`. `type` is a built-in
 * transition (src/transitions) or one the project registered; `props` go to a project's own presentation.
 */
export type ResolvedTransition = {
	readonly type: string;
	readonly direction: string | null;
	readonly props: Readonly<Record<string, unknown>> | null;
	readonly cutFrame: number;
	readonly startFrame: number;
	readonly durationInFrames: number;
};

/** A stretch of a shot during which the clip plays (or holds one frame); frames count from the shot's first visible frame. */
export type ClipSegment = {
	readonly kind: 'play' | 'freeze';
	readonly fromFrame: number;
	readonly durationInFrames: number;
	/** Where in the clip to start, in frames at the video's fps, as Remotion's `trimBefore` takes it. */
	readonly trimBeforeInFrames: number;
	readonly playbackRate: number;
};

/** Values at increasing frames, ready for Remotion's `interpolate` (clamped between them). */
export type Keyframes = {
	readonly frames: readonly number[];
	readonly values: readonly number[];
};

/** A slow zoom and pan over the shot's visible frames; translations in percent of the frame. */
export type ResolvedKenBurns = {
	readonly scale: Keyframes;
	readonly xPercent: Keyframes;
	readonly yPercent: Keyframes;
};

/**
 * Which point of the clip stays in frame when it is cropped or letterboxed, over the shot's visible frames (frames count
 * from its first visible frame): percent of the clip, 0 the left or top edge, 100 the right or bottom, 50 the centre.
 * Exactly CSS `object-position` in percent: that point of the clip lands on the same point of the frame, so with
 * `cover` the crop window's offset is (frame size − scaled clip size) × percent / 100.
 */
export type ResolvedFocus = {
	readonly xPercent: Keyframes;
	readonly yPercent: Keyframes;
};

/** What a shot shows: a clip, one of the project's components (a generative shot), or a plain colour for sections the user filled explicitly. */
export type ShotVisual =
	| {readonly kind: 'component'; readonly component: string; readonly props: Readonly<Record<string, unknown>>}
	| {
			readonly kind: 'clip';
			readonly src: string;
			readonly fit: 'cover' | 'contain';
			readonly volume: number;
			readonly segments: readonly ClipSegment[];
			readonly kenBurns: ResolvedKenBurns | null;
			readonly focus: ResolvedFocus;
	  }
	| {readonly kind: 'filler'; readonly color: string};

/**
 * A shot placed on the timeline. `cutInFrame`/`cutOutFrame` are its slot between cuts (on the beat grid);
 * `fromFrame`/`durationInFrames` are what is visible, slot plus the halves of the transitions around it.
 */
export type ResolvedShot = {
	readonly id: string;
	readonly sectionId: string;
	readonly indexInSection: number;
	readonly cutInFrame: number;
	readonly cutOutFrame: number;
	readonly fromFrame: number;
	readonly durationInFrames: number;
	readonly visual: ShotVisual;
	readonly transitionIn: ResolvedTransition | null;
};

/** A lyric word with its highlight frames. */
export type ResolvedLyricWord = {
	readonly text: string;
	readonly startFrame: number;
	readonly endFrame: number;
};

/** Everything the lyric layer needs to draw one line; style already merged from defaults and its section. */
export type ResolvedLyricStyle = {
	readonly position: 'top' | 'center' | 'bottom';
	readonly fontSizeInPx: number;
	readonly fontFamily: string;
	readonly fontWeight: number;
	readonly color: string;
	readonly highlightColor: string;
	readonly wordHighlight: boolean;
	/** A lyric renderer the project registered, drawing the line instead of the built-in one; null for the built-in. */
	readonly renderer: string | null;
};

/** A lyric line on screen from `startFrame` (inclusive) to `endFrame` (exclusive). */
export type ResolvedLyricLine = {
	readonly text: string;
	readonly startFrame: number;
	readonly endFrame: number;
	/** Opacity over absolute frames: the fade in and out. */
	readonly opacity: Keyframes;
	readonly words: readonly ResolvedLyricWord[] | null;
	readonly style: ResolvedLyricStyle;
};

/** A section of the song placed in frames. */
export type ResolvedSection = {
	readonly id: string;
	readonly startFrame: number;
	readonly endFrame: number;
};

/** Beat-driven effects over the whole picture, in absolute frames; null where a video has none. */
export type ResolvedEffects = {
	readonly scale: Keyframes | null;
	readonly brightness: Keyframes | null;
};

/** A beat of the song: its exact (unrounded) frame position, where it sits in its bar, and the tempo there. */
export type ResolvedBeat = {
	readonly frame: number;
	readonly bar: number;
	readonly beatInBar: number;
	readonly beatsPerBar: number;
	readonly bpm: number;
};

/** One of the project's components over the picture from `startFrame` (inclusive) to `endFrame` (exclusive). */
export type ResolvedLayer = {
	readonly id: string;
	readonly component: string;
	readonly props: Readonly<Record<string, unknown>>;
	readonly startFrame: number;
	readonly endFrame: number;
	/** The section whose `layers` placed it; null for the video's own layers. */
	readonly sectionId: string | null;
};

/** How the song sounds at each frame of the video, from its analysis file (`songreel analyze --write`). */
export type ResolvedEnvelopes = {
	/** Loudness in dB (LUFS-like, momentary) per frame. */
	readonly loudnessInDb: readonly number[];
	/** The same, 0 (40 dB below the song's loudest frame, or quieter) to 1 (its loudest). */
	readonly loudness: readonly number[];
	/** Onset strength per frame, 0 to 1: how strongly a new note or hit starts within the frame. */
	readonly onset: readonly number[];
};

/** The compiled plan of one music video: every decision made, every time an integer frame. */
export type ResolvedTimeline = {
	readonly id: string;
	readonly width: number;
	readonly height: number;
	readonly fps: number;
	readonly durationInFrames: number;
	readonly background: string;
	readonly clipElement: 'video' | 'offthread-video';
	readonly audio: {readonly src: string};
	readonly sections: readonly ResolvedSection[];
	readonly shots: readonly ResolvedShot[];
	readonly lyrics: readonly ResolvedLyricLine[];
	readonly effects: ResolvedEffects | null;
	/** The project's own components over the picture, in drawing order (later on top). */
	readonly layers: readonly ResolvedLayer[];
	/** Every beat in the video, in order; what the musical-time hooks read. */
	readonly beats: readonly ResolvedBeat[];
	/** Per-frame loudness and onsets when the song has an analysis file; null otherwise. */
	readonly envelopes: ResolvedEnvelopes | null;
};

import React from 'react';
import {AbsoluteFill} from 'remotion';
import {useMusicalTime} from 'songreel/remotion';
import {z} from 'zod';

/** The visualiser's props. */
export const visualiserSchema = z.strictObject({bars: z.number().int().min(4).max(64).default(24), color: z.string().default('#7df9ff')});

/**
 * Bars along the bottom that jump on every beat and harder on downbeats. With the song's analysis file
 * (`songreel analyze --write`), the heights follow its loudness and its onsets add a flash: all read from the
 * compiled timeline through `useMusicalTime()`, no FFT in the browser.
 */
export const Visualiser: React.FC<z.input<typeof visualiserSchema>> = ({bars = 24, color = '#7df9ff'}) => {
	const {beatEnvelope, downbeatEnvelope, loudness, onset, beatInBar} = useMusicalTime({decayInBeats: 0.35});
	const level = loudness ?? 0.7;
	return (
		<AbsoluteFill style={{justifyContent: 'flex-end'}}>
			<div style={{display: 'flex', alignItems: 'flex-end', gap: 4, height: '40%', padding: '0 16px 16px'}}>
				{Array.from({length: bars}, (_, i) => {
					// A fixed shape across the bars, so the picture reads as a spectrum without computing one.
					const shape = 0.35 + 0.65 * Math.abs(Math.sin((i + 1) * 1.7 + beatInBar));
					const height = Math.min(1, level * shape * (0.35 + 0.45 * beatEnvelope + 0.2 * downbeatEnvelope));
					return <div key={i} style={{flex: 1, height: `${height * 100}%`, backgroundColor: color, opacity: 0.55 + 0.45 * (onset ?? 0), borderRadius: 3}} />;
				})}
			</div>
		</AbsoluteFill>
	);
};

import React from 'react';
import {AbsoluteFill, useCurrentFrame, useVideoConfig} from 'remotion';
import {useMusicalTime} from 'songreel/remotion';
import {z} from 'zod';

/** The title card's props, checked by songreel when the compositions file is loaded. */
export const titleCardSchema = z.strictObject({title: z.string().min(1), subtitle: z.string().default('')});

/** A title that kicks on every beat and fades out over the last bar of its layer. */
export const TitleCard: React.FC<z.input<typeof titleCardSchema>> = ({title, subtitle}) => {
	const {beatEnvelope, downbeatEnvelope, bar, beatInBar} = useMusicalTime();
	const frame = useCurrentFrame();
	const {fps} = useVideoConfig();
	const fadeIn = Math.min(1, frame / (fps / 2));
	return (
		<AbsoluteFill style={{justifyContent: 'center', alignItems: 'center', opacity: fadeIn}}>
			<div style={{transform: `scale(${1 + 0.06 * beatEnvelope + 0.06 * downbeatEnvelope})`, textAlign: 'center', color: 'white', fontFamily: 'Helvetica, Arial, sans-serif', textShadow: '0 4px 24px rgba(0,0,0,0.8)'}}>
				<div style={{fontSize: 64, fontWeight: 900, letterSpacing: 2}}>{title}</div>
				<div style={{fontSize: 20, opacity: 0.85}}>{subtitle}</div>
				<div style={{fontSize: 14, opacity: 0.6, marginTop: 8}}>
					bar {bar} · beat {beatInBar}
				</div>
			</div>
		</AbsoluteFill>
	);
};

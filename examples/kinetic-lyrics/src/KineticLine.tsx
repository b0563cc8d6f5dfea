import React from 'react';
import {AbsoluteFill} from 'remotion';
import type {LyricRendererProps} from 'songreel/remotion';

/**
 * Kinetic typography: each word waits small and dim, pops up large as it is sung (by its own progress, from the
 * word times in the lyrics file) and settles; the whole line fades as songreel's built-in renderer would.
 */
export const KineticLine: React.FC<LyricRendererProps> = ({words, opacity}) => (
	<AbsoluteFill style={{justifyContent: 'center', alignItems: 'center', opacity}}>
		<div style={{display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '0 14px', maxWidth: '85%'}}>
			{words.map((word, index) => {
				const singing = word.progress > 0 && word.progress < 1;
				const pop = singing ? Math.sin(word.progress * Math.PI) : 0;
				return (
					<span
						key={`${word.startFrame}:${index}`}
						style={{
							display: 'inline-block',
							fontFamily: 'Helvetica, Arial, sans-serif',
							fontWeight: 900,
							fontSize: 34,
							color: word.progress > 0 ? '#fff3b0' : 'rgba(255,255,255,0.35)',
							transform: `translateY(${-14 * pop}px) scale(${word.progress === 0 ? 0.85 : 1 + 0.35 * pop}) rotate(${(index % 2 === 0 ? -4 : 4) * pop}deg)`,
							textShadow: '0 3px 14px rgba(0,0,0,0.9)',
						}}
					>
						{word.text}
					</span>
				);
			})}
		</div>
	</AbsoluteFill>
);

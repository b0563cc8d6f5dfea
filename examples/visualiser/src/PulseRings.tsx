import React from 'react';
import {AbsoluteFill} from 'remotion';
import {useMusicalTime} from 'songreel/remotion';

/** A generative shot: rings that open on each beat, the bar's first beat the widest. */
export const PulseRings: React.FC<{readonly hue?: number}> = ({hue = 200}) => {
	const {beatProgress, beatInBar, barProgress} = useMusicalTime();
	return (
		<AbsoluteFill style={{backgroundColor: `hsl(${hue + barProgress * 60}, 45%, 12%)`, justifyContent: 'center', alignItems: 'center'}}>
			{[0, 1, 2].map((ring) => {
				const size = 60 + (beatProgress + ring) * (beatInBar === 1 ? 120 : 80);
				return <div key={ring} style={{position: 'absolute', width: size, height: size, borderRadius: '50%', border: `4px solid hsla(${hue}, 90%, 70%, ${1 - (beatProgress + ring) / 3})`}} />;
			})}
		</AbsoluteFill>
	);
};

import React from 'react';
import {AbsoluteFill} from 'remotion';

/** Shows input problems in Studio instead of a blank canvas, one per line, as `songreel check` prints them. */
export const ProblemList: React.FC<{readonly problems: readonly string[]}> = ({problems}) => (
	<AbsoluteFill style={{backgroundColor: '#1d1f24', color: '#ffb4a9', padding: 48, fontFamily: 'monospace', fontSize: 22, lineHeight: 1.5}}>
		<div style={{color: '#ffffff', fontSize: 28, marginBottom: 24}}>songreel: {problems.length === 1 ? '1 problem' : `${problems.length} problems`} in the project</div>
		{problems.map((problem, index) => (
			// The same message can come twice (two transitions too long for one shot): key by position.
			<div key={index} style={{whiteSpace: 'pre-wrap', marginBottom: 12}}>
				{problem}
			</div>
		))}
	</AbsoluteFill>
);

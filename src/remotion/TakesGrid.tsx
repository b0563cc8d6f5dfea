import {Video} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, staticFile} from 'remotion';
import {ProblemList} from './ProblemList.tsx';

/** One take as the review views show it. */
export type TakeTile = {
	readonly id: string;
	readonly src: string;
	readonly label: string;
	/** Frames (at the composition's fps) at which the contact sheet samples this take. */
	readonly sheetFrames: readonly number[];
};

/** Props of a `Takes-<shot>` composition: the shot and its takes, filled in by calculateMetadata from the registry. */
export type TakesGridProps = {
	readonly shotId: string;
	readonly mode: 'grid' | 'sheet';
	readonly takes?: readonly TakeTile[] | null;
	readonly problems?: readonly string[] | null;
};

const Label: React.FC<{readonly text: string}> = ({text}) => (
	<div style={{position: 'absolute', left: 8, top: 6, padding: '2px 8px', background: 'rgba(0,0,0,0.7)', color: 'white', fontFamily: 'monospace', fontSize: 18, borderRadius: 4}}>{text}</div>
);

/**
 * Review views of a shot's takes: "grid" plays every take side by side, in sync; "sheet" shows each take as a
 * row of stills, for `songreel contact-sheet`.
 */
export const TakesGrid: React.FC<TakesGridProps> = ({takes, problems, mode}) => {
	if (problems) {
		return <ProblemList problems={problems} />;
	}
	const tiles = takes ?? [];
	if (mode === 'sheet') {
		return (
			<AbsoluteFill style={{backgroundColor: '#111', display: 'grid', gridTemplateRows: `repeat(${tiles.length}, 1fr)`, gap: 4, padding: 4}}>
				{tiles.map((take) => (
					<div key={take.id} style={{position: 'relative', display: 'grid', gridTemplateColumns: `repeat(${take.sheetFrames.length}, 1fr)`, gap: 4}}>
						{take.sheetFrames.map((frame) => (
							<div key={frame} style={{position: 'relative', overflow: 'hidden'}}>
								{/* The sheet is a one-frame composition: each still is its take started at that frame. */}
								<Video src={staticFile(take.src)} trimBefore={frame} muted objectFit="cover" style={{width: '100%', height: '100%'}} />
							</div>
						))}
						<Label text={take.label} />
					</div>
				))}
			</AbsoluteFill>
		);
	}
	const columns = Math.ceil(Math.sqrt(tiles.length));
	return (
		<AbsoluteFill style={{backgroundColor: '#111', display: 'grid', gridTemplateColumns: `repeat(${columns}, 1fr)`, gridAutoRows: '1fr', gap: 4, padding: 4}}>
			{tiles.map((take) => (
				<div key={take.id} style={{position: 'relative', overflow: 'hidden'}}>
					<Video src={staticFile(take.src)} muted objectFit="contain" style={{width: '100%', height: '100%'}} />
					<Label text={take.label} />
				</div>
			))}
		</AbsoluteFill>
	);
};

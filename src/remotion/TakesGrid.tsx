import {Video} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, Img, staticFile} from 'remotion';
import type {TakeTile} from '../takes/take-tiles.ts';
import {ProblemList} from './ProblemList.tsx';

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

const SmallLabel: React.FC<{readonly text: string}> = ({text}) => (
	<div style={{position: 'absolute', left: 4, bottom: 4, padding: '1px 6px', background: 'rgba(0,0,0,0.7)', color: '#ffd23f', fontFamily: 'monospace', fontSize: 14, borderRadius: 3}}>{text}</div>
);

/**
 * Review views of a shot's takes: "grid" plays every take side by side, in sync; "sheet" shows each take as a
 * row of stills, for `songreel contact-sheet`. A take that started from an image (the previous shot's last
 * frame, or a reference) shows it beside the take: first in its row of stills, inset in the grid.
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
					<div key={take.id} style={{position: 'relative', display: 'grid', gridTemplateColumns: `repeat(${take.sheetFrames.length + (take.startImage === null ? 0 : 1)}, 1fr)`, gap: 4}}>
						{take.startImage === null ? null : (
							// The image the take started from, beside its first frame: does the cut continue?
							<div style={{position: 'relative', overflow: 'hidden', outline: '3px solid #ffd23f'}}>
								<Img src={staticFile(take.startImage)} style={{width: '100%', height: '100%', objectFit: 'cover'}} />
								<SmallLabel text={take.startImageLabel ?? ''} />
							</div>
						)}
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
					{take.startImage === null ? null : (
						<div style={{position: 'absolute', right: 8, top: 8, width: '28%', aspectRatio: '16 / 9', outline: '3px solid #ffd23f', overflow: 'hidden'}}>
							<Img src={staticFile(take.startImage)} style={{width: '100%', height: '100%', objectFit: 'cover'}} />
							<SmallLabel text={take.startImageLabel ?? ''} />
						</div>
					)}
				</div>
			))}
		</AbsoluteFill>
	);
};

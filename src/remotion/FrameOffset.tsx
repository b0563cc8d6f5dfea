import React, {useContext} from 'react';
import {FrameOffsetContext} from './songreel-context.ts';

/** Tells the hooks below that the enclosing sequence starts `from` frames later than its parent. */
export const FrameOffset: React.FC<{readonly from: number; readonly children: React.ReactNode}> = ({from, children}) => {
	const parent = useContext(FrameOffsetContext);
	return <FrameOffsetContext.Provider value={parent + from}>{children}</FrameOffsetContext.Provider>;
};

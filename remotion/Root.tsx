import React from 'react';
import {SongreelCompositions} from '../src/remotion/index.ts';
import project from './compositions.ts';
import shots from './shots.ts';

/** The demo project's Root: every songreel video of remotion/compositions.ts, take review per shot, and the renderer's compositions. */
export const RemotionRoot: React.FC = () => <SongreelCompositions project={project} shots={shots} />;

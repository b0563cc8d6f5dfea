// The entry of songreel's own lyric-stills page: the lyric-stills composition alone, nothing of a project's. The
// direct renderer takes stills of lines in the built-in look from it (see render/direct/lyric-stills-page.ts), so a
// render that needs the browser for nothing else never bundles the project.
import React from 'react';
import {registerRoot} from 'remotion';
import {LyricStillsComposition} from './LyricStills.tsx';

registerRoot(() => <LyricStillsComposition />);

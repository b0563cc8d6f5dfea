import React from 'react';
import {SongreelCompositions} from 'songreel/remotion';
import project from './compositions';

export const RemotionRoot: React.FC = () => <SongreelCompositions project={project} file="src/compositions.tsx" />;

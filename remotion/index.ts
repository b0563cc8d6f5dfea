import {registerRoot} from 'remotion';
import {RemotionRoot} from './Root.tsx';

registerRoot(RemotionRoot);

// Read by `npx remotion studio|render|still`. songreel's own CLI passes the same settings through the Node API.
import {Config} from '@remotion/cli/config';
import {resolveBrowserExecutable} from './src/render/resolve-browser-executable.ts';

// Remotion looks for src/index.ts first, which here is songreel's library API, so name the entry point.
Config.setEntryPoint('remotion/index.ts');
Config.setBrowserExecutable(resolveBrowserExecutable());
Config.setVideoImageFormat('jpeg');

import {Config} from '@remotion/cli/config';

// Debian's headless shell (apt-get install chromium-headless-shell) when Remotion cannot download its own browser.
Config.setBrowserExecutable(process.env.SONGREEL_BROWSER_EXECUTABLE ?? '/usr/bin/chromium-headless-shell');
Config.setVideoImageFormat('jpeg');

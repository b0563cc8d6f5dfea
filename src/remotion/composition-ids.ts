/** The composition every songreel render goes through: a music video whose props are the song and one video. */
export const RENDER_COMPOSITION = 'SongreelRender';

/** The composition that draws lyric lines as stills on a transparent background, for the direct renderer. */
export const LYRIC_STILLS_COMPOSITION = 'SongreelLyricStills';

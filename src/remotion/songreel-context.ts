import {createContext} from 'react';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {EMPTY_REGISTRY, type SongreelRegistry} from './songreel-registry.ts';

/** The compiled timeline of the video being drawn; the musical-time hooks read it. */
export const TimelineContext = createContext<ResolvedTimeline | null>(null);

/** The project's own components, transitions and lyric renderers. */
export const RegistryContext = createContext<SongreelRegistry>(EMPTY_REGISTRY);

/** The absolute frame at which the enclosing sequence starts, so hooks can tell the video's frame inside a layer or shot. */
export const FrameOffsetContext = createContext<number>(0);

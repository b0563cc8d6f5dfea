import type {ComponentLike, ComponentRegistration, TransitionRegistration} from './project-extensions.ts';
import type {LayerInput} from './layer-schema.ts';
import type {ProjectInput} from './project-schema.ts';
import type {ShotInput} from './shot-schema.ts';
import type {ShotListInput} from './shot-list-schema.ts';
import type {SectionPlan, sectionPlanSchema, VideoInput} from './video-schema.ts';
import type {z} from 'zod';

// The props a registered component takes.
type PropsOf<R> = R extends {readonly component: ComponentLike<infer P>} ? P : R extends (props: infer P) => unknown ? P : R extends abstract new (props: infer P) => unknown ? P : Record<string, unknown>;

/** A layer naming one of the project's components, with that component's props. */
export type LayerFor<C> = {[K in keyof C & string]: Omit<LayerInput, 'component' | 'props'> & {component: K; props?: PropsOf<C[K]>}}[keyof C & string];

/** A shot: a clip or take, or one of the project's components with its props. */
export type ShotFor<C> = Omit<ShotInput, 'component' | 'props'> | {[K in keyof C & string]: Omit<ShotInput, 'component' | 'props' | 'clip' | 'take'> & {component: K; props?: PropsOf<C[K]>}}[keyof C & string];

type SectionPlanInput = z.input<typeof sectionPlanSchema>;

/** A video of a project with these components. */
export type VideoFor<C> = Omit<VideoInput, 'layers' | 'sections'> & {
	layers?: LayerFor<C>[];
	sections: Record<string, Omit<SectionPlanInput, 'layers' | 'shots'> & {layers?: LayerFor<C>[]; shots?: ShotFor<C>[]}>;
};

/** A compositions file: the song, the videos, and the project's own components, transitions and lyric renderers, each by name. */
export type ProjectDefinition<C extends Record<string, ComponentRegistration> = Record<string, ComponentRegistration>> = {
	song: ProjectInput['song'];
	videos: VideoFor<C>[];
	/** Components that layers and shots name: `{TitleCard}` or `{TitleCard: {component: TitleCard, schema: titleCardProps}}`. */
	components?: C;
	/** Transitions used by name like the built-in ones (`{type: 'swirl', lengthInBeats: 1, props}`). */
	transitions?: Record<string, TransitionRegistration>;
	/** Components that draw a lyric line, named by a lyric style's `renderer`. */
	lyricRenderers?: Record<string, ComponentLike>;
};

/** Types a compositions file (props of the project's components included); it is validated when loaded, so errors name the file. */
export const defineProject = <const C extends Record<string, ComponentRegistration> = Record<never, never>>(project: ProjectDefinition<C>): ProjectDefinition<C> => project;

/** Types a shot list file (`remotion/shots.ts`); validated when `songreel generate` loads it. */
export const defineShots = (shots: ShotListInput): ShotListInput => shots;

export type {SectionPlan};

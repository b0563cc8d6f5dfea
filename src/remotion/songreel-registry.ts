import type {TransitionPresentation} from '@remotion/transitions';
import type React from 'react';
import {componentOf} from '../schemas/project-extensions.ts';
import type {ProjectDefinition} from '../schemas/define-project.ts';
import type {LyricRendererProps} from './lyric-renderer-props.ts';

/** The project's own React code by name, as the compiled timeline refers to it (props travel as JSON, components cannot). */
export type SongreelRegistry = {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each component declares its own props
	readonly components: Readonly<Record<string, React.ComponentType<any>>>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- presentations differ only in their props type
	readonly transitions: Readonly<Record<string, (props: Record<string, unknown>) => TransitionPresentation<any>>>;
	readonly lyricRenderers: Readonly<Record<string, React.ComponentType<LyricRendererProps>>>;
};

/** A project with none of its own code. */
export const EMPTY_REGISTRY: SongreelRegistry = {components: {}, transitions: {}, lyricRenderers: {}};

/** Collects a compositions file's components, transitions (as functions of the file's props) and lyric renderers. */
export const registryOf = (project: Pick<ProjectDefinition, 'components' | 'transitions' | 'lyricRenderers'>): SongreelRegistry => ({
	components: Object.fromEntries(Object.entries(project.components ?? {}).map(([name, registration]) => [name, componentOf(registration) as React.ComponentType])),
	transitions: Object.fromEntries(
		Object.entries(project.transitions ?? {}).map(([name, registration]) => [
			name,
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see SongreelRegistry
			(props: Record<string, unknown>): TransitionPresentation<any> => {
				if (typeof registration === 'function') {
					return registration(props) as TransitionPresentation<Record<string, unknown>>;
				}
				const presentation = registration as unknown as TransitionPresentation<Record<string, unknown>>;
				return {...presentation, props: {...(presentation.props ?? {}), ...props}};
			},
		]),
	),
	lyricRenderers: (project.lyricRenderers ?? {}) as SongreelRegistry['lyricRenderers'],
});

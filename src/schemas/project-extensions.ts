import type {z} from 'zod';

/** Anything React renders as a component: a function, a class, or a memo/forwardRef/lazy object. (Typed without React: this layer is pure.) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a component's props are whatever it declares
export type ComponentLike<P = any> = ((props: P) => unknown) | (abstract new (props: P) => unknown) | {readonly $$typeof: symbol};

/** A component registered in a project: the component, or the component with a zod schema its props are checked against. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ComponentLike
export type ComponentRegistration<P = any> = ComponentLike<P> | {readonly component: ComponentLike<P>; readonly schema?: z.ZodType<P>};

/** A project's own transition: a `@remotion/transitions` presentation, or a function of the compositions file's `props` returning one. */
export type TransitionRegistration =
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- presentations differ only in their props type
	| {readonly component: ComponentLike; readonly props?: any}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
	| ((props: any) => {readonly component: ComponentLike; readonly props?: any});

/** What the compiler needs to know of a project's own code: names, and the schemas of component props. */
export type ProjectExtensions = {
	readonly components: Readonly<Record<string, {readonly schema: z.ZodType | null}>>;
	readonly transitions: readonly string[];
	readonly lyricRenderers: readonly string[];
};

/** A project with none of its own code. */
export const NO_EXTENSIONS: ProjectExtensions = {components: {}, transitions: [], lyricRenderers: []};

/** Whether a value is something React can render as a component. */
export const isComponentLike = (value: unknown): value is ComponentLike =>
	typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as {$$typeof?: unknown}).$$typeof === 'symbol');

/** The component of a registration (itself, or its `component`). */
export const componentOf = (registration: unknown): unknown =>
	typeof registration === 'object' && registration !== null && 'component' in registration && !('$$typeof' in registration) ? (registration as {component: unknown}).component : registration;

/** The props schema of a registration, when it gives one. */
export const schemaOf = (registration: unknown): z.ZodType | null =>
	typeof registration === 'object' && registration !== null && 'schema' in registration && (registration as {schema?: unknown}).schema ? ((registration as {schema: z.ZodType}).schema) : null;

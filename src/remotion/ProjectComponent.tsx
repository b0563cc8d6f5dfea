import React, {useContext} from 'react';
import {useCurrentFrame} from 'remotion';
import {describeProjectCodeFailure} from '../problems/project-code-failure.ts';
import {FrameOffsetContext, RegistryContext} from './songreel-context.ts';

type BoundaryProps = {readonly name: string; readonly where: string; readonly children: React.ReactNode; readonly frame: number};

// Names the failing component and the frame, then fails the render with that message (React boundaries cannot change an error in place).
class ComponentBoundary extends React.Component<BoundaryProps, {readonly error: Error | null}> {
	override state = {error: null as Error | null};

	static getDerivedStateFromError(error: Error): {error: Error} {
		return {error};
	}

	override render(): React.ReactNode {
		if (this.state.error) {
			throw new Error(describeProjectCodeFailure({component: this.props.name, where: this.props.where, frame: this.props.frame, message: this.state.error.message}), {cause: this.state.error});
		}
		return this.props.children;
	}
}

/** Draws one of the project's components by name with its props; a failure names the component and the frame. */
export const ProjectComponent: React.FC<{readonly name: string; readonly props: Readonly<Record<string, unknown>>; readonly where: string}> = ({name, props, where}) => {
	const registry = useContext(RegistryContext);
	const frame = useCurrentFrame() + useContext(FrameOffsetContext);
	const Component = registry.components[name];
	if (Component === undefined) {
		throw new Error(`component "${name}" (${where}) is not registered in defineProject({components})`);
	}
	return (
		<ComponentBoundary name={name} where={where} frame={frame}>
			<Component {...props} />
		</ComponentBoundary>
	);
};

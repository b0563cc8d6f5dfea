import {clockWipeTransition} from './clock-wipe.ts';
import {fadeTransition} from './fade.ts';
import {flipTransition} from './flip.ts';
import {irisTransition} from './iris.ts';
import {slideTransition} from './slide.ts';
import type {TransitionDefinition} from './transition-definition.ts';
import {wipeTransition} from './wipe.ts';

/** Every built-in transition, registered once: schemas, the compiler, the render planner and Remotion read this list. */
export const BUILTIN_TRANSITIONS = [fadeTransition, slideTransition, wipeTransition, flipTransition, irisTransition, clockWipeTransition] as const;

/** The name of a built-in transition. */
export type BuiltinTransitionType = (typeof BUILTIN_TRANSITIONS)[number]['type'];

/** The built-in definition of a transition type; null for a project's own transitions. */
export const builtinTransition = (type: string): TransitionDefinition | null => BUILTIN_TRANSITIONS.find((definition) => definition.type === type) ?? null;

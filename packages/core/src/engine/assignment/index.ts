/**
 * The assignment engine: a hard-coded string handed to a key sink, for any provider whose
 * sinks a rule lists (`SinkFamily`). Rules use `assignmentMatchers`; the readers and context
 * finders are exported for a rule that needs a matcher of its own.
 */
export { assignmentMatchers, type SinkFamily } from './matchers';
export { enclosingCallee, enclosingSection, literalAssignedTo, objectNamesProvider, resolveConstant } from './context';
export { expandIdentifier, readAssignedValue, readQuoted, readValue, type ValueSpan } from './read';

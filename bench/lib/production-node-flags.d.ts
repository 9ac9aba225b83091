/** Types of production-node-flags.js, for the TypeScript suites that start the app as it ships. */

export function nodeFlagsOfDockerfile(text: string): string[];
export function productionNodeFlags(root: string): string[];
export function mallocEnvOfDockerfile(text: string): Record<string, string>;
export function productionMallocEnv(root: string): Record<string, string>;

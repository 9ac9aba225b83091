import type { loadAppConfig } from './load-app-config';

/** The app's settings, read once from the environment at boot: whatever `loadAppConfig` builds. */
export type AppConfig = ReturnType<typeof loadAppConfig>;
export type NodeEnv = AppConfig['nodeEnv'];
export type LogLevel = AppConfig['logLevel'];

export const APP_CONFIG = Symbol('APP_CONFIG');

export { envVar, loadConfig, renderConfigTable, ConfigError, type EnvVarSpec, type ConfigSpec, type ConfigOf } from './config-spec';
export { CommonEnv, port } from './common-env';

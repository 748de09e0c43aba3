export { envVar, loadConfig, renderConfigTable, ConfigError, type EnvVarSpec, type ConfigSpec, type ConfigOf } from './config-spec';
export { AuthEnv, CommonEnv, ServiceEnv, StoreAndBusEnv, port } from './common-env';

export { crc32c, crc32cBase64 } from './crc32c';
export { FakeGcsServer, type FakeGcsObject, type FakeGcsServerOptions } from './fake-gcs-server';

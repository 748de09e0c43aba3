// The proxy lives in @propcast/common (libs/db's tests use it too); re-exported for the messaging tests.
export { TcpProxy } from '@propcast/common';

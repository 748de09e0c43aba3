export { CodedError, CodedErrorWithStatus } from './coded-error';
export { seededRandom } from './seeded-random';
export { freePort } from './free-port';
export { TcpProxy } from './tcp-proxy';
export { GameDate, InvalidGameDateError } from './game-date';
export { dateBlockFolds, dateBlocks, type DateBlock, type DateBlockFold } from './date-blocks';
export { appendColumn } from './row-major';

export { CodedError } from './coded-error';
export { seededRandom } from './seeded-random';

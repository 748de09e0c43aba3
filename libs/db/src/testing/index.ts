export { createTestDatabase, dropDatabase, TEST_TEMPLATE_DATABASE, type TestDatabase } from './test-database';
export { prepareTestTemplate } from './test-template';

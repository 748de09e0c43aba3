export { createTestDatabase, dropDatabase, recreateMigratedDatabase, TEST_TEMPLATE_DATABASE, type TestDatabase } from './test-database';
export { prepareTestTemplate } from './test-template';

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../testing';
import { columnsFromDatabase, columnsFromDmmf, compareSchemas, readDmmfModels } from './schema-agreement';

const schemaPath = join(__dirname, '../../../../prisma/schema.prisma');

describe('schema.prisma and prisma/migrations agree', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('has every model column, type and nullability in the migrated database, and nothing else', async () => {
    const diffs = compareSchemas(columnsFromDmmf(readDmmfModels(schemaPath)), await columnsFromDatabase(db.pool));
    expect(diffs).toEqual([]);
  });

  it('reports a column added to schema.prisma only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    const edited = join(dir, 'schema.prisma');
    writeFileSync(edited, readFileSync(schemaPath, 'utf8').replace('model Team {\n', 'model Team {\n  conference String?\n'));
    const diffs = compareSchemas(columnsFromDmmf(readDmmfModels(edited)), await columnsFromDatabase(db.pool));
    expect(diffs).toEqual([{ table: 'teams', column: 'conference', problem: 'column is in schema.prisma but not in the migrations' }]);
  });

  it('reports a column added by a migration only', async () => {
    await db.pool.query('ALTER TABLE "teams" ADD COLUMN "conference" TEXT');
    try {
      const diffs = compareSchemas(columnsFromDmmf(readDmmfModels(schemaPath)), await columnsFromDatabase(db.pool));
      expect(diffs).toEqual([{ table: 'teams', column: 'conference', problem: 'column is in the migrations but not in schema.prisma' }]);
    } finally {
      await db.pool.query('ALTER TABLE "teams" DROP COLUMN "conference"');
    }
  });

  it('reports a nullability difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    const edited = join(dir, 'schema.prisma');
    copyFileSync(schemaPath, edited);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('  city         String\n', '  city         String?\n'));
    const diffs = compareSchemas(columnsFromDmmf(readDmmfModels(edited)), await columnsFromDatabase(db.pool));
    expect(diffs).toEqual([{ table: 'teams', column: 'city', problem: 'nullability differs: schema NULL, database NOT NULL' }]);
  });
});

import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** One column as both sides describe it, normalised so they can be compared. */
export interface ColumnShape {
  table: string;
  column: string;
  type: string; // postgres udt name, e.g. int4, text, _text, StatType
  nullable: boolean;
}

export interface SchemaDifference {
  table: string;
  column?: string;
  problem: string;
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

const SCALAR_UDT: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Bytes: 'bytea',
  Decimal: 'numeric',
};

const NATIVE_UDT: Record<string, string> = { Date: 'date', Timestamptz: 'timestamptz', Real: 'float4', SmallInt: 'int2', Uuid: 'uuid', VarChar: 'varchar' };

/** Reads Prisma's DMMF of a schema.prisma file (through Prisma's own schema parser, compiled to wasm). */
export function readDmmfModels(schemaPath: string): DmmfModel[] {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const schema = readFileSync(schemaPath, 'utf8');
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] })));
  return dmmf.datamodel.models as DmmfModel[];
}

/** The columns schema.prisma declares, as Postgres would store them. */
export function columnsFromDmmf(models: DmmfModel[]): ColumnShape[] {
  const out: ColumnShape[] = [];
  for (const m of models) {
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      const base = f.nativeType ? (NATIVE_UDT[f.nativeType[0]] ?? f.nativeType[0].toLowerCase()) : f.kind === 'enum' ? f.type : SCALAR_UDT[f.type];
      out.push({
        table: m.dbName ?? m.name,
        column: f.dbName ?? f.name,
        type: f.isList ? `_${base}` : base,
        // Prisma lists are NOT NULL in the model but created as nullable arrays: compare them as nullable.
        nullable: f.isList ? true : !f.isRequired,
      });
    }
  }
  return out;
}

/** The columns the live database has (public schema, Prisma's bookkeeping table excluded). */
export async function columnsFromDatabase(pool: Pool): Promise<ColumnShape[]> {
  const res = await pool.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  return res.rows.map((r) => ({ table: r.table_name, column: r.column_name, type: r.udt_name, nullable: r.is_nullable === 'YES' }));
}

/** Lists every table or column that exists on one side only, or differs in type or nullability. */
export function compareSchemas(expected: ColumnShape[], actual: ColumnShape[]): SchemaDifference[] {
  const key = (c: ColumnShape) => `${c.table}.${c.column}`;
  const actualByKey = new Map(actual.map((c) => [key(c), c]));
  const expectedByKey = new Map(expected.map((c) => [key(c), c]));
  const expectedTables = new Set(expected.map((c) => c.table));
  const actualTables = new Set(actual.map((c) => c.table));
  const diffs: SchemaDifference[] = [];
  for (const t of expectedTables) if (!actualTables.has(t)) diffs.push({ table: t, problem: 'table is in schema.prisma but not in the migrated database' });
  for (const t of actualTables) if (!expectedTables.has(t)) diffs.push({ table: t, problem: 'table is in the migrated database but not in schema.prisma' });
  for (const e of expected) {
    if (!actualTables.has(e.table)) continue;
    const a = actualByKey.get(key(e));
    if (!a) diffs.push({ table: e.table, column: e.column, problem: 'column is in schema.prisma but not in the migrations' });
    else if (a.type !== e.type) diffs.push({ table: e.table, column: e.column, problem: `type differs: schema ${e.type}, database ${a.type}` });
    else if (a.nullable !== e.nullable)
      diffs.push({ table: e.table, column: e.column, problem: `nullability differs: schema ${e.nullable ? 'NULL' : 'NOT NULL'}, database ${a.nullable ? 'NULL' : 'NOT NULL'}` });
  }
  for (const a of actual) {
    if (expectedTables.has(a.table) && !expectedByKey.has(key(a))) diffs.push({ table: a.table, column: a.column, problem: 'column is in the migrations but not in schema.prisma' });
  }
  return diffs;
}

/** Advisory lock every write to the ingested tables takes (imports, player merges): they never interleave. */
export const INGEST_LOCK_KEY = 4_242_004;

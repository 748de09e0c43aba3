import { envVar } from '@propcast/config';
import { z } from 'zod';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../input/input-limits';

/** The import's limits on decompression and line length (the service and the CLI read the same variables). */
export const IngestLimitsEnv = {
  INGEST_MAX_INFLATED_BYTES: envVar(z.coerce.number().int().min(1024), 'largest size an import may inflate to (gzip, bytes); beyond, it answers 413 before parsing (a decompression bomb)', {
    default: String(DEFAULT_INPUT_LIMITS.maxInflatedBytes),
  }),
  INGEST_MAX_LINE_CHARS: envVar(z.coerce.number().int().min(1024), 'longest CSV or NDJSON line an import may have (characters); a longer one answers 413 naming the line', {
    default: String(DEFAULT_INPUT_LIMITS.maxLineChars),
  }),
  INGEST_REJECTED_RAW_MAX_BYTES: envVar(
    z.coerce.number().int().min(0),
    'largest rejected import whose raw bytes are kept for diagnosis (bytes; larger ones are only described in ingest_batches); propcast gc purges kept ones after their retention',
    {
      default: String(DEFAULT_INPUT_LIMITS.maxRejectedRawBytes),
    },
  ),
};

/** The limits from a loaded configuration. */
export function inputLimitsOf(config: { INGEST_MAX_INFLATED_BYTES: number; INGEST_MAX_LINE_CHARS: number; INGEST_REJECTED_RAW_MAX_BYTES: number }): InputLimits {
  return { maxInflatedBytes: config.INGEST_MAX_INFLATED_BYTES, maxLineChars: config.INGEST_MAX_LINE_CHARS, maxRejectedRawBytes: config.INGEST_REJECTED_RAW_MAX_BYTES };
}

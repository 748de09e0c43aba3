import * as koffi from 'koffi';
import { XGBoostError, XGBoostLibraryLoadError } from './errors';

/** Opaque native pointer (DMatrixHandle, BoosterHandle or a buffer returned by XGBoost). */
export type NativePointer = object;
/** Single-element array used by koffi for `_Out_` parameters. */
export type Out<T> = [T | null];

/** Typed view of the subset of the XGBoost C API (c_api.h, 1.7) used by this library. */
export interface XGBoostApi {
  XGBoostVersion(major: Out<number>, minor: Out<number>, patch: Out<number>): void;
  XGBGetLastError(): string;
  XGDMatrixCreateFromMat(data: Float32Array, nrow: number, ncol: number, missing: number, out: Out<NativePointer>): number;
  XGDMatrixFree(handle: NativePointer): number;
  XGDMatrixSetFloatInfo(handle: NativePointer, field: string, data: Float32Array, len: number): number;
  XGDMatrixGetFloatInfo(handle: NativePointer, field: string, len: Out<number>, out: Out<NativePointer>): number;
  XGDMatrixSetStrFeatureInfo(handle: NativePointer, field: string, values: string[], len: number): number;
  XGDMatrixGetStrFeatureInfo(handle: NativePointer, field: string, len: Out<number>, out: Out<NativePointer>): number;
  XGDMatrixNumRow(handle: NativePointer, out: Out<number>): number;
  XGDMatrixNumCol(handle: NativePointer, out: Out<number>): number;
  XGBoosterCreate(dmats: NativePointer[], len: number, out: Out<NativePointer>): number;
  XGBoosterFree(handle: NativePointer): number;
  XGBoosterSetParam(handle: NativePointer, name: string, value: string): number;
  XGBoosterUpdateOneIter(handle: NativePointer, iteration: number, dtrain: NativePointer): number;
  XGBoosterEvalOneIter(handle: NativePointer, iteration: number, dmats: NativePointer[], names: string[], len: number, out: Out<string>): number;
  XGBoosterPredictFromDMatrix(handle: NativePointer, dmat: NativePointer, config: string, shape: Out<NativePointer>, dim: Out<number>, result: Out<NativePointer>): number;
  XGBoosterPredictFromDense(handle: NativePointer, values: string, config: string, proxy: null, shape: Out<NativePointer>, dim: Out<number>, result: Out<NativePointer>): number;
  XGBoosterLoadModelFromBuffer(handle: NativePointer, buffer: Uint8Array, len: number): number;
  XGBoosterSaveModelToBuffer(handle: NativePointer, config: string, len: Out<number>, out: Out<NativePointer>): number;
  XGBoosterDumpModelEx(handle: NativePointer, fmap: string, withStats: number, format: string, len: Out<number>, out: Out<NativePointer>): number;
  XGBoosterGetAttr(handle: NativePointer, key: string, out: Out<string>, success: Out<number>): number;
  XGBoosterSetAttr(handle: NativePointer, key: string, value: string | null): number;
  XGBoosterGetAttrNames(handle: NativePointer, len: Out<number>, out: Out<NativePointer>): number;
  XGBoosterSetStrFeatureInfo(handle: NativePointer, field: string, values: string[], len: number): number;
  XGBoosterGetStrFeatureInfo(handle: NativePointer, field: string, len: Out<number>, out: Out<NativePointer>): number;
  XGBoosterGetNumFeature(handle: NativePointer, out: Out<number>): number;
  XGBoosterBoostedRounds(handle: NativePointer, out: Out<number>): number;
  XGBoosterFeatureScore(handle: NativePointer, config: string, nFeatures: Out<number>, features: Out<NativePointer>, dim: Out<number>, shape: Out<NativePointer>, scores: Out<NativePointer>): number;
}

const PROTOTYPES: Record<keyof XGBoostApi, string> = {
  XGBoostVersion: 'void XGBoostVersion(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)',
  XGBGetLastError: 'const char *XGBGetLastError()',
  XGDMatrixCreateFromMat: 'int XGDMatrixCreateFromMat(const float *data, uint64_t nrow, uint64_t ncol, float missing, _Out_ void **out)',
  XGDMatrixFree: 'int XGDMatrixFree(void *handle)',
  XGDMatrixSetFloatInfo: 'int XGDMatrixSetFloatInfo(void *handle, const char *field, const float *array, uint64_t len)',
  XGDMatrixGetFloatInfo: 'int XGDMatrixGetFloatInfo(void *handle, const char *field, _Out_ uint64_t *len, _Out_ void **out)',
  XGDMatrixSetStrFeatureInfo: 'int XGDMatrixSetStrFeatureInfo(void *handle, const char *field, const char **features, uint64_t size)',
  XGDMatrixGetStrFeatureInfo: 'int XGDMatrixGetStrFeatureInfo(void *handle, const char *field, _Out_ uint64_t *len, _Out_ void **out)',
  XGDMatrixNumRow: 'int XGDMatrixNumRow(void *handle, _Out_ uint64_t *out)',
  XGDMatrixNumCol: 'int XGDMatrixNumCol(void *handle, _Out_ uint64_t *out)',
  XGBoosterCreate: 'int XGBoosterCreate(void **dmats, uint64_t len, _Out_ void **out)',
  XGBoosterFree: 'int XGBoosterFree(void *handle)',
  XGBoosterSetParam: 'int XGBoosterSetParam(void *handle, const char *name, const char *value)',
  XGBoosterUpdateOneIter: 'int XGBoosterUpdateOneIter(void *handle, int iter, void *dtrain)',
  XGBoosterEvalOneIter: 'int XGBoosterEvalOneIter(void *handle, int iter, void **dmats, const char **evnames, uint64_t len, _Out_ const char **out)',
  XGBoosterPredictFromDMatrix: 'int XGBoosterPredictFromDMatrix(void *handle, void *dmat, const char *config, _Out_ void **shape, _Out_ uint64_t *dim, _Out_ void **result)',
  XGBoosterPredictFromDense: 'int XGBoosterPredictFromDense(void *handle, const char *values, const char *config, void *proxy, _Out_ void **shape, _Out_ uint64_t *dim, _Out_ void **result)',
  XGBoosterLoadModelFromBuffer: 'int XGBoosterLoadModelFromBuffer(void *handle, const uint8_t *buf, uint64_t len)',
  XGBoosterSaveModelToBuffer: 'int XGBoosterSaveModelToBuffer(void *handle, const char *config, _Out_ uint64_t *len, _Out_ void **out)',
  XGBoosterDumpModelEx: 'int XGBoosterDumpModelEx(void *handle, const char *fmap, int with_stats, const char *format, _Out_ uint64_t *len, _Out_ void **out)',
  XGBoosterGetAttr: 'int XGBoosterGetAttr(void *handle, const char *key, _Out_ const char **out, _Out_ int *success)',
  XGBoosterSetAttr: 'int XGBoosterSetAttr(void *handle, const char *key, const char *value)',
  XGBoosterGetAttrNames: 'int XGBoosterGetAttrNames(void *handle, _Out_ uint64_t *len, _Out_ void **out)',
  XGBoosterSetStrFeatureInfo: 'int XGBoosterSetStrFeatureInfo(void *handle, const char *field, const char **features, uint64_t size)',
  XGBoosterGetStrFeatureInfo: 'int XGBoosterGetStrFeatureInfo(void *handle, const char *field, _Out_ uint64_t *len, _Out_ void **out)',
  XGBoosterGetNumFeature: 'int XGBoosterGetNumFeature(void *handle, _Out_ uint64_t *out)',
  XGBoosterBoostedRounds: 'int XGBoosterBoostedRounds(void *handle, _Out_ int *out)',
  XGBoosterFeatureScore: 'int XGBoosterFeatureScore(void *handle, const char *config, _Out_ uint64_t *n_features, _Out_ void **features, _Out_ uint64_t *dim, _Out_ void **shape, _Out_ void **scores)',
};

const DEFAULT_CANDIDATES = [
  'libxgboost.so.0',
  'libxgboost.so',
  '/usr/lib/x86_64-linux-gnu/libxgboost.so.0',
  '/usr/lib/aarch64-linux-gnu/libxgboost.so.0',
  '/usr/local/lib/libxgboost.so',
  '/usr/local/lib/libxgboost.dylib',
  '/opt/homebrew/lib/libxgboost.dylib',
];

/** Library paths to try: only `XGBOOST_LIBRARY_PATH` when it is set, else the usual Linux/macOS names. */
export function libraryCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env['XGBOOST_LIBRARY_PATH'];
  return override ? [override] : DEFAULT_CANDIDATES;
}

/** Loads the first candidate that opens and binds the API; throws XGBoostLibraryLoadError listing every attempt. */
export function openXGBoostLibrary(candidates: readonly string[]): XGBoostApi {
  const attempts: { path: string; error: string }[] = [];
  for (const path of candidates) {
    try {
      const lib = koffi.load(path);
      const api: Record<string, unknown> = {};
      for (const [name, prototype] of Object.entries(PROTOTYPES)) api[name] = lib.func(prototype);
      return api as unknown as XGBoostApi;
    } catch (err) {
      attempts.push({ path, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new XGBoostLibraryLoadError(attempts);
}

const POINTER_SIZE = koffi.sizeof('void *');

let cached: XGBoostApi | undefined;

/**
 * The process-wide XGBoost API, loaded on first use. Unless the caller chose otherwise, OpenMP
 * threads are made to sleep rather than spin while idle (OMP_WAIT_POLICY=passive, read by libgomp
 * when it loads): spinning OpenMP workers fight Node's own threads and made training up to 7x
 * slower on a busy 2-core host.
 */
export function xgb(): XGBoostApi {
  if (!cached) {
    process.env['OMP_WAIT_POLICY'] ??= 'passive';
    cached = openXGBoostLibrary(libraryCandidates());
  }
  return cached;
}

/** Throws XGBoostError carrying XGBGetLastError() when a C call returned non-zero. */
export function check(status: number, functionName: string): void {
  if (status !== 0) throw new XGBoostError(functionName, xgb().XGBGetLastError());
}

/** Version of the loaded libxgboost (XGBoostVersion). */
export function xgboostVersion(): { major: number; minor: number; patch: number; toString(): string } {
  const major: Out<number> = [0];
  const minor: Out<number> = [0];
  const patch: Out<number> = [0];
  xgb().XGBoostVersion(major, minor, patch);
  const v = { major: major[0] ?? 0, minor: minor[0] ?? 0, patch: patch[0] ?? 0 };
  return { ...v, toString: () => `${v.major}.${v.minor}.${v.patch}` };
}

/** Copies `count` float32 values out of XGBoost-owned (thread-local) memory. */
export function copyFloats(ptr: NativePointer | null, count: number): Float32Array {
  if (count === 0 || ptr === null) return new Float32Array(0);
  return new Float32Array(koffi.view(ptr, count * 4)).slice();
}

/** Copies `count` uint64 values (shapes) out of XGBoost-owned memory. */
export function copyUint64s(ptr: NativePointer | null, count: number): number[] {
  if (count === 0 || ptr === null) return [];
  return Array.from(new BigUint64Array(koffi.view(ptr, count * 8)), Number);
}

/** Copies `length` bytes out of XGBoost-owned memory. */
export function copyBytes(ptr: NativePointer | null, length: number): Buffer {
  if (length === 0 || ptr === null) return Buffer.alloc(0);
  return Buffer.from(new Uint8Array(koffi.view(ptr, length)));
}

/** Decodes a `const char **` array of `count` C strings owned by XGBoost. */
export function copyStrings(ptr: NativePointer | null, count: number): string[] {
  if (count === 0 || ptr === null) return [];
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(koffi.decode(ptr, i * POINTER_SIZE, 'const char *') as string);
  return strings;
}

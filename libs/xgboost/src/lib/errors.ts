/** Raised when an XGBoost C API call fails; `message` is XGBoost's own message from XGBGetLastError. */
export class XGBoostError extends Error {
  override readonly name = 'XGBoostError';

  /**
   * @param functionName C function that returned a non-zero status.
   * @param nativeMessage full XGBGetLastError text (may include XGBoost's native stack trace).
   */
  constructor(
    readonly functionName: string,
    readonly nativeMessage: string,
  ) {
    super(`${functionName} failed: ${firstLines(nativeMessage)}`);
  }
}

/** Raised when libxgboost cannot be loaded; lists every path that was tried and why it failed. */
export class XGBoostLibraryLoadError extends Error {
  override readonly name = 'XGBoostLibraryLoadError';

  constructor(readonly attempts: ReadonlyArray<{ readonly path: string; readonly error: string }>) {
    super(
      [
        'Could not load the XGBoost C library (libxgboost). Tried:',
        ...attempts.map((a) => `  - ${a.path}: ${a.error}`),
        'Install it with `apt-get install -y libxgboost0` (Debian/Ubuntu),',
        'or point XGBOOST_LIBRARY_PATH at libxgboost.so.',
      ].join('\n'),
    );
  }
}

/** Raised when a DMatrix or Booster is used after `dispose()`. */
export class XGBoostDisposedError extends Error {
  override readonly name = 'XGBoostDisposedError';

  constructor(kind: string) {
    super(`${kind} has been disposed; its native handle was freed and it can no longer be used`);
  }
}

/** Raised when a booster cannot be exported to ONNX exactly (the exporter never approximates). */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
}

/** XGBoost messages end with a native stack trace; keep only the human part for `message`. */
function firstLines(text: string): string {
  const cut = text.indexOf('Stack trace:');
  return (cut >= 0 ? text.slice(0, cut) : text).trim();
}

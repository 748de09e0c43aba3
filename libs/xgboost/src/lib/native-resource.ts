import { XGBoostDisposedError } from './errors';
import type { NativePointer } from './native-library';

interface Finalizable {
  readonly handle: NativePointer;
  readonly free: (handle: NativePointer) => number;
}

// Safety net only: frees handles whose owner was garbage-collected without dispose().
const registry = new FinalizationRegistry<Finalizable>(({ handle, free }) => {
  free(handle);
});

let readHandle: (resource: NativeResource) => NativePointer;

/** Owner of one native XGBoost handle: freed by `dispose()` (idempotent) or, failing that, by the GC. */
export abstract class NativeResource {
  #handle: NativePointer | null;
  readonly #free: (handle: NativePointer) => number;
  readonly #kind: string;

  static {
    readHandle = (resource) => resource.handle;
  }

  protected constructor(handle: NativePointer, free: (handle: NativePointer) => number, kind: string) {
    this.#handle = handle;
    this.#free = free;
    this.#kind = kind;
    registry.register(this, { handle, free }, this);
  }

  /** True once `dispose()` has run. */
  get disposed(): boolean {
    return this.#handle === null;
  }

  /** Frees the native handle now; calling it again does nothing. */
  dispose(): void {
    const handle = this.#handle;
    if (handle === null) return;
    this.#handle = null;
    registry.unregister(this);
    this.#free(handle);
  }

  /** The live native handle; throws XGBoostDisposedError after dispose(). */
  protected get handle(): NativePointer {
    if (this.#handle === null) throw new XGBoostDisposedError(this.#kind);
    return this.#handle;
  }
}

/** The live handle of a resource, for sibling modules of this library (not exported publicly). */
export function nativeHandle(resource: NativeResource): NativePointer {
  return readHandle(resource);
}

// Jest environment for specs that run onnxruntime-node in-process: ORT's native binding creates typed arrays in
// Node's main realm and onnxruntime-common checks them with `instanceof Float32Array`, which fails against the
// sandbox's own constructors. Sharing the main realm's typed arrays (and Buffer's ArrayBuffer) fixes that.
// Used by prediction-serving and the demo (jest config testEnvironment) and by xgboost's ONNX specs (docblock).
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OrtTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OrtTestEnvironment;

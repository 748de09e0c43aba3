// The live-replay spec runs onnxruntime-node in-process (prediction-serving's test kit): the environment sharing the main realm's typed arrays.
module.exports = require('../jest/project-config')(__dirname, { testEnvironment: `${__dirname}/../jest/ort-test-environment.js` });

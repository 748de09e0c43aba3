// Serving specs run onnxruntime-node in-process, hence the environment sharing the main realm's typed arrays.
module.exports = require('../../tools/jest/project-config')(__dirname, { testEnvironment: `${__dirname}/../../tools/jest/ort-test-environment.js` });

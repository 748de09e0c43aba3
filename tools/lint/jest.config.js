module.exports = require('../jest/project-config')(__dirname);

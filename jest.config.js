// Root Jest config: every project's jest.config.js, plus the closing summary line for CI.
const fs = require('node:fs');
const path = require('node:path');
const projects = [];
for (const group of ['apps', 'libs', 'tools']) {
  const dir = path.join(__dirname, group);
  if (!fs.existsSync(dir)) continue;
  for (const name of fs.readdirSync(dir).sort()) {
    if (fs.existsSync(path.join(dir, name, 'jest.config.js'))) projects.push(`<rootDir>/${group}/${name}/jest.config.js`);
  }
}
module.exports = {
  projects,
  // testTimeout is a global option: projects' own values are ignored in a multi-project run.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
};

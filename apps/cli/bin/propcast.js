#!/usr/bin/env node
// Entry of the `propcast` command: runs the TypeScript CLI through SWC (no build step needed).
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '../../../tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');

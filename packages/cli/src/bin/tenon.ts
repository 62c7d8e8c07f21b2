#!/usr/bin/env node
import { runTenon } from '../index';

void runTenon(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
import { createTenon } from '../create-tenon';

void createTenon(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
/**
 * The `pinpoint-access-check` command (package.json `bin`): see access-check-command.ts.
 */
import { run } from './access-check-command';

run();

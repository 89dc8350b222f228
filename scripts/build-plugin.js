#!/usr/bin/env node
// Builds the approval-workflow plugin's server part (always from scratch).
require('../src/plugins/approval-workflow/build').build();

// Loaded into every test file's process (npm test passes it with --import).
// Works around nodejs/node#64833: under --test-force-exit a test file's
// process exits while its last results are still buffered in the pipe to the
// runner, which then counts fewer tests than ran (exit code 0). A blocking
// pipe is written before the process exits.
if (process.env.NODE_TEST_CONTEXT && !process.stdout.isTTY) process.stdout._handle?.setBlocking?.(true);

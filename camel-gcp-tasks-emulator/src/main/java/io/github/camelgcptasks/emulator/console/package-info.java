/**
 * The web console: a page of static files that works through the REST API, and the emulator's own read-only
 * documents (queue counts, attempt history) for what the v2 API does not tell.
 */
package io.github.camelgcptasks.emulator.console;

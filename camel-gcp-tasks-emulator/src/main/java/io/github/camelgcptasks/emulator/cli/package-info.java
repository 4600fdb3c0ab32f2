/** The standalone emulator's command line. */
package io.github.camelgcptasks.emulator.cli;

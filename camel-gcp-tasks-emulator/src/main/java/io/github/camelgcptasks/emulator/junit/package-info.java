/** JUnit 5 extension that runs one emulator per test class. */
package io.github.camelgcptasks.emulator.junit;

/**
 * The built-in Zoho simulator: a stateful stand-in for Zoho Accounts (OAuth) and the CRM API (users,
 * org, module metadata, records with page tokens, writes with per-record results), for every data
 * center, on one loopback port ({@code /{dc}/accounts}, {@code /{dc}/api}, {@code /{dc}/sandbox-api},
 * {@code /{dc}/developer-api}) plus a {@code /_sim} control API for tests. Records are derived from a
 * seed, not stored ({@link io.zohoconnect.simulator.RecordValues}), so benchmark-sized modules are cheap.
 * It behaves as ZOHO-API.md says. It runs without Spring ({@link io.zohoconnect.simulator.ZohoSimulator});
 * {@link io.zohoconnect.simulator.SimulatorConfiguration} starts it when {@code zoho.simulator.enabled=true}.
 * Nothing outside this package may import it.
 */
package io.zohoconnect.simulator;

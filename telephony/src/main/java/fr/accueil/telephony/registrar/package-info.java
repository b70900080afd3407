/**
 * The SIP registrar's logic, free of JAIN-SIP: digest authentication (RFC 7616 with SHA-256 per
 * RFC 8760, and MD5 for older phones), nonces, failure rate limiting and the bindings of agents'
 * phones (RFC 3261 §10.3). {@code telephony.sip} turns REGISTER requests into {@link
 * fr.accueil.telephony.registrar.RegisterRequest}s and {@link fr.accueil.telephony.registrar.RegisterOutcome}s
 * into responses; the server supplies {@link fr.accueil.telephony.registrar.AgentCredentials}.
 */
package fr.accueil.telephony.registrar;

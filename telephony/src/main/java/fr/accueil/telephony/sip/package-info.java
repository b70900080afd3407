/**
 * SIP signalling (RFC 3261 UAS) over JAIN-SIP. Nothing outside this package imports
 * {@code javax.sip} or {@code gov.nist}: the rest of Accueil sees {@code telephony.call} and
 * {@code telephony.media} only, so the SIP library stays swappable.
 *
 * <p>Threading rule: JAIN-SIP listener threads (a bounded pool, reentrant listener) never block —
 * they answer, update a call's state under its short lock and return. Each call's script runs on a
 * virtual thread of its own, named after the Call-ID, and may block freely (playback, digits,
 * transfer). One scheduled platform thread, {@code sip-watchdog}, enforces the ACK wait (Timer H),
 * RTP inactivity and the maximum call duration for every call; there is no platform thread per call.
 * JAIN-SIP's blocking TCP transport holds one stack thread per TCP connection (not per call), bounded
 * by a connection limit; silent or stuck connections are closed after {@code SipSettings.tcpIdleTimeout}.
 *
 * <p>Compliance: strict by default. Requests JAIN-SIP parses but RFC 3261 forbids (wrong version,
 * headers in the Request-URI, out-of-range ports) are answered 400/505 by {@code RequestChecks};
 * what the parser normalises before we see it (extra spaces in the request line, an unquoted display
 * name with a comma) is tolerated — see the RFC 4475 tests.
 */
package fr.accueil.telephony.sip;

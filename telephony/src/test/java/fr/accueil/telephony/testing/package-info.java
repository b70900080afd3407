/**
 * Independent test peers for end-to-end tests and benchmarks, shipped in the telephony test-jar.
 *
 * <ul>
 *   <li>{@link fr.accueil.telephony.testing.TestPhone}: a SIP UAC on plain sockets (UDP, TCP), sharing
 *       no code with Accueil's SIP/RTP stack, with an {@link fr.accueil.telephony.testing.RtpEndpoint}
 *       per {@link fr.accueil.telephony.testing.Dialog} that streams G.711, sends RFC 4733 digits shaped
 *       like SIPp's captures and records what it hears ({@link fr.accueil.telephony.testing.RtpStats}).</li>
 *   <li>{@link fr.accueil.telephony.testing.Sipp}: runs SIPp bounded, reads its exit code and stats;
 *       {@link fr.accueil.telephony.testing.RtpCapture} proves what RTP reached a port (dumpcap + tshark);
 *       {@link fr.accueil.telephony.testing.IvrScenario} derives menu paths from {@code bench/sipp/ivr-call.xml}.</li>
 *   <li>{@link fr.accueil.telephony.testing.Baresip}: the real softphone as a headless caller.</li>
 *   <li>{@link fr.accueil.telephony.testing.WavAnalysis}, {@link fr.accueil.telephony.testing.G711}: audio checks.</li>
 * </ul>
 *
 * <p>Needs the Debian packages {@code sip-tester}, {@code tshark} (dumpcap) with capture rights on
 * {@code lo}, and {@code baresip-core}. Every external process is killed when its owner closes.
 */
package fr.accueil.telephony.testing;

package fr.accueil.telephony.testing;

import java.time.Duration;
import java.util.List;

/**
 * How {@link TestPhone} places a call.
 *
 * @param callerUser    user part of the From URI (the caller's number)
 * @param codecs        payload types offered, in preference order
 * @param direction     SDP direction attribute of the offer
 * @param toneHz        0 to send G.711 silence, otherwise a sine of that frequency
 * @param recordSeconds how much received audio to keep for {@link RtpEndpoint#heardAudio()}
 * @param answerTimeout how long {@link TestPhone#call} waits for a final response
 * @param extraHeaders  headers added to the INVITE as {@code Name: value} strings
 * @param credentials   username and password answering one 401/407 digest challenge to the INVITE
 *                      (an agent dialling a feature code); null for none
 */
public record CallOptions(String callerUser, List<SdpCodec> codecs, String direction, double toneHz,
                          int recordSeconds, Duration answerTimeout, List<String> extraHeaders, List<String> credentials) {

    public CallOptions(String callerUser, List<SdpCodec> codecs, String direction, double toneHz,
                       int recordSeconds, Duration answerTimeout, List<String> extraHeaders) {
        this(callerUser, codecs, direction, toneHz, recordSeconds, answerTimeout, extraHeaders, null);
    }

    /** Answers a digest challenge to the INVITE once with these credentials. */
    public CallOptions withCredentials(String username, String password) {
        return new CallOptions(callerUser, codecs, direction, toneHz, recordSeconds, answerTimeout, extraHeaders,
                List.of(username, password));
    }

    public static CallOptions defaults() {
        return new CallOptions("0612345678",
                List.of(SdpCodec.PCMA, SdpCodec.PCMU, SdpCodec.TELEPHONE_EVENT),
                "sendrecv", 0, 60, Duration.ofSeconds(40), List.of());
    }

    public CallOptions withCaller(String user) {
        return new CallOptions(user, codecs, direction, toneHz, recordSeconds, answerTimeout, extraHeaders, credentials);
    }

    public CallOptions withCodecs(SdpCodec... offered) {
        return new CallOptions(callerUser, List.of(offered), direction, toneHz, recordSeconds, answerTimeout, extraHeaders, credentials);
    }

    public CallOptions withTone(double hz) {
        return new CallOptions(callerUser, codecs, direction, hz, recordSeconds, answerTimeout, extraHeaders, credentials);
    }

    public CallOptions withRecordSeconds(int seconds) {
        return new CallOptions(callerUser, codecs, direction, toneHz, seconds, answerTimeout, extraHeaders, credentials);
    }

    public CallOptions withAnswerTimeout(Duration timeout) {
        return new CallOptions(callerUser, codecs, direction, toneHz, recordSeconds, timeout, extraHeaders, credentials);
    }

    public CallOptions withHeader(String name, String value) {
        var headers = new java.util.ArrayList<>(extraHeaders);
        headers.add(name + ": " + value);
        return new CallOptions(callerUser, codecs, direction, toneHz, recordSeconds, answerTimeout, List.copyOf(headers), credentials);
    }
}

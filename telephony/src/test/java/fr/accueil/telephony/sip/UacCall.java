package fr.accueil.telephony.sip;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** One dialog of the {@link RawSipClient}: builds INVITE, ACK, CANCEL, BYE, INFO and re-INVITE text. */
final class UacCall {
    private static final AtomicInteger BRANCHES = new AtomicInteger();

    final RawSipClient client;
    final String callId;
    final String user;
    final String fromTag = "ft" + BRANCHES.incrementAndGet();
    String toTag;
    int cseq = 1;
    private String inviteBranch;
    private int inviteCseq;

    UacCall(RawSipClient client, String callId, String user) {
        this.client = client;
        this.callId = callId;
        this.user = user;
    }

    static String newBranch() {
        return "z9hG4bK-t" + BRANCHES.incrementAndGet() + "-" + System.nanoTime();
    }

    String invite(String sdp) throws IOException {
        inviteBranch = newBranch();
        inviteCseq = cseq++;
        String text = request("INVITE", inviteBranch, inviteCseq, null, sdp == null ? "" : sdp, "application/sdp", "");
        client.send(text);
        return text;
    }

    /** The same INVITE again (a UDP retransmission: same branch, same CSeq). */
    void retransmit(String inviteText) throws IOException {
        client.send(inviteText);
    }

    void ack(String sdp) throws IOException {
        // RFC 3261 §13.2.2.4: ACK for a 2xx is a new transaction in the dialog.
        client.send(request("ACK", newBranch(), inviteCseq, toTag, sdp == null ? "" : sdp, "application/sdp", ""));
    }

    void ackFailure() throws IOException {
        // RFC 3261 §17.1.1.3: ACK for a non-2xx reuses the INVITE's branch.
        client.send(request("ACK", inviteBranch, inviteCseq, toTag, "", null, ""));
    }

    void cancel() throws IOException {
        client.send(request("CANCEL", inviteBranch, inviteCseq, null, "", null, ""));
    }

    void bye() throws IOException {
        client.send(request("BYE", newBranch(), cseq++, toTag, "", null, ""));
    }

    void info(String contentType, String body) throws IOException {
        client.send(request("INFO", newBranch(), cseq++, toTag, body, contentType, ""));
    }

    void reInvite(String sdp) throws IOException {
        inviteBranch = newBranch();
        inviteCseq = cseq++;
        client.send(request("INVITE", inviteBranch, inviteCseq, toTag, sdp, "application/sdp", ""));
    }

    /** Any in- or out-of-dialog request; {@code extraHeaders} lines end with CRLF. */
    void sendRequest(String method, String toTagOrNull, String extraHeaders) throws IOException {
        client.send(request(method, newBranch(), cseq++, toTagOrNull, "", null, extraHeaders));
    }

    String request(String method, String branch, int cseqNumber, String tag, String body, String contentType, String extra) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(" sip:").append(user).append("@127.0.0.1:").append(client.serverPort())
                .append(client.transport.equals("TCP") ? ";transport=tcp" : "").append(" SIP/2.0\r\n");
        sb.append("Via: ").append(client.via(branch)).append("\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: \"Usager\" <sip:0612345678@127.0.0.1>;tag=").append(fromTag).append("\r\n");
        sb.append("To: <sip:").append(user).append("@127.0.0.1>").append(tag == null ? "" : ";tag=" + tag).append("\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseqNumber).append(' ').append(method).append("\r\n");
        sb.append("Contact: ").append(client.contact()).append("\r\n");
        sb.append(extra);
        if (!body.isEmpty()) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n\r\n");
        sb.append(body);
        return sb.toString();
    }
}

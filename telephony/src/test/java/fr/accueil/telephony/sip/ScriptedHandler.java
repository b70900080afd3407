package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallHandler;
import fr.accueil.telephony.call.CallInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A call handler whose script the test sets; records calls, script failures and refusals. */
final class ScriptedHandler implements CallHandler {
    interface Script {
        void run(Call call) throws Exception;
    }

    volatile Script script = Call::answer;
    final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Call> finished = new LinkedBlockingQueue<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<CallInfo> refused = new CopyOnWriteArrayList<>();
    final List<String> threadNames = new CopyOnWriteArrayList<>();
    final List<Boolean> virtual = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Call call) {
        calls.add(call);
        threadNames.add(Thread.currentThread().getName());
        virtual.add(Thread.currentThread().isVirtual());
        try {
            script.run(call);
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        } catch (Exception e) {
            failures.add(e);
        } finally {
            finished.add(call);
        }
    }

    @Override
    public void refusedAtCapacity(CallInfo info) {
        refused.add(info);
    }

    Call nextCall() throws InterruptedException {
        Call call = calls.poll(10, TimeUnit.SECONDS);
        if (call == null) {
            throw new AssertionError("no call reached the handler");
        }
        return call;
    }

    Call nextFinished() throws InterruptedException {
        Call call = finished.poll(10, TimeUnit.SECONDS);
        if (call == null) {
            throw new AssertionError("no call script finished");
        }
        return call;
    }
}

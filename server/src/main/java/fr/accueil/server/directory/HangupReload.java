package fr.accueil.server.directory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the directory on SIGHUP, the usual Unix gesture after editing a configuration file.
 * Uses {@code sun.misc.Signal} (module jdk.unsupported) through reflection so that a JDK or a
 * platform without it (Windows, {@code -Xrs}) only loses this trigger, with a warning; the HTTP
 * reload stays. Installing the handler replaces the JVM's default SIGHUP behaviour (shut down).
 *
 * <p>The handler runs on the JVM's signal thread and hands the reload to a virtual thread so that
 * the signal thread never blocks on file or validation work.
 */
public final class HangupReload implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HangupReload.class);

    private final DirectoryService directory;
    private volatile boolean running;

    public HangupReload(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public void start() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler onSignal = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    Thread.ofVirtual().name("directory-reload-sighup").start(this::reload);
                    return null;
                }
                return switch (method.getName()) {
                    case "toString" -> "HangupReload";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                };
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            log.info("Directory reload on SIGHUP enabled (kill -HUP {})", ProcessHandle.current().pid());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            log.warn("Directory reload on SIGHUP unavailable on this platform ({}); use POST /api/v1/directory/reload", cause.toString());
        }
        running = true;
    }

    private void reload() {
        log.info("SIGHUP received: reloading the directory from {}", directory.source().name());
        try {
            directory.reload();
        } catch (RuntimeException e) {
            log.error("Directory reload on SIGHUP failed", e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

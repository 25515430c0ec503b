package org.mrirecon.cli;

import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the command line when the framework was started by bnd's executable-jar launcher: that launcher publishes the
 * program arguments as the service property {@code launcher.arguments} and, once every bundle has started, calls a
 * {@link Callable} registered with {@code main.thread=true} on the main thread and exits with its result.
 * In any other framework (tests, an IDE) this component does nothing.
 */
@Component(immediate = true)
public class LauncherMain {

    private static final String LAUNCHER_ARGUMENTS = "launcher.arguments";

    @Reference
    MethodRegistry registry;

    private ServiceRegistration<?> mainThread;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        ServiceReference<?>[] launchers = context.getServiceReferences((String) null, "(" + LAUNCHER_ARGUMENTS + "=*)");
        if (launchers == null || launchers.length == 0) {
            return;
        }
        Object args = launchers[0].getProperty(LAUNCHER_ARGUMENTS);
        String[] arguments = args instanceof String[] ? (String[]) args : new String[0];
        System.setProperty("java.awt.headless", "true");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("main.thread", Boolean.TRUE);
        mainThread = context.registerService(Callable.class, new CommandLineRun(registry, context, arguments), props);
    }

    @Deactivate
    void deactivate() {
        if (mainThread != null) {
            try {
                mainThread.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is shutting down
            }
        }
    }

    /** A named class, not a lambda: the launcher checks by reflection that {@code call()} returns Integer. */
    static final class CommandLineRun implements Callable<Integer> {
        private final MethodRegistry registry;
        private final BundleContext context;
        private final String[] arguments;

        CommandLineRun(MethodRegistry registry, BundleContext context, String[] arguments) {
            this.registry = registry;
            this.context = context;
            this.arguments = arguments;
        }

        @Override
        public Integer call() {
            return new Cli(registry, context, System.out, System.err).execute(arguments);
        }
    }
}

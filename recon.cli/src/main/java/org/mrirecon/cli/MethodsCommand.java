package org.mrirecon.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.mrirecon.api.MethodDescriptor;
import org.mrirecon.api.ParameterSpec;

import picocli.CommandLine.Command;

/** Lists the registered reconstruction methods with their protocol and parameters. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the reconstruction methods registered in the framework.")
final class MethodsCommand implements Callable<Integer> {

    private final Cli cli;

    MethodsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        cli.registry.settle(); // methods whose components are still activating are listed once they are ready
        List<MethodRegistry.MethodInfo> methods = cli.registry.methods();
        List<MethodRegistry.Problem> problems = cli.registry.problems();
        if (methods.isEmpty()) {
            cli.out.println("No reconstruction methods are registered. Install a method bundle (it registers an "
                    + "org.mrirecon.api.Reconstructor service).");
            printProblems(problems);
            return 0;
        }
        cli.out.printf("%d reconstruction method%s registered:%n%n", methods.size(), methods.size() == 1 ? "" : "s");
        for (MethodRegistry.MethodInfo m : methods) {
            MethodDescriptor d = m.descriptor;
            cli.out.printf("%-14s %s%n", d.id(), d.displayName());
            cli.out.printf("  bundle:   %s (%s)%n", m.bundle, m.origin);
            cli.out.printf("  protocol: %sx with %d ACS lines (needs at least %d)%n", format(d.defaultAcceleration()),
                    d.defaultCalibrationLines(), d.minimumCalibrationLines());
            if (!d.description().isEmpty()) {
                cli.out.printf("  about:    %s%n", d.description());
            }
            if (d.parameters().isEmpty()) {
                cli.out.println("  parameters: none");
            } else {
                cli.out.println("  parameters:");
                for (ParameterSpec p : d.parameters()) {
                    cli.out.println("    " + p.summary());
                }
            }
            cli.out.println();
        }
        printProblems(problems);
        return 0;
    }

    private void printProblems(List<MethodRegistry.Problem> problems) {
        if (!problems.isEmpty()) {
            cli.out.printf("Not available (%d):%n", problems.size());
            problems.forEach(p -> cli.out.println("  " + p));
        }
    }

    static String format(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format("%.2f", r);
    }
}

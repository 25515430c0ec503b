package org.mrirecon.front;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The launcher jar's entry point. Starting the OSGi framework with every bundle takes seconds; help, the version,
 * usage errors and {@code methods} need none of it. The build recorded what they print: each command's usage text
 * and options (recon.cli's {@code CommandLineIndex}), the version line and the {@code methods} listing (the
 * launcher's own output at build time, from the same bundles this jar carries). This class answers those from the
 * record in a few milliseconds and hands every other command line, unchanged, to {@link FrameworkLauncher}, which
 * starts the framework.
 *
 * <p>It decides conservatively: whatever it cannot judge as picocli would (clustered short options, {@code --},
 * values picocli would have to convert) goes to the framework, which has the real parser. {@code -Drecon.front=off}
 * sends everything there.
 */
public final class Front {

    /** What a command line gets: an exit code, or {@link #FRAMEWORK} when the framework must run it. */
    static final int FRAMEWORK = -1;

    private static final String INDEX = "/META-INF/recon-front/";
    private static final String ROOT = "recon";
    private static final String EMBEDDED_LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";

    private final Map<String, Command> commands;

    Front(Map<String, Command> commands) {
        this.commands = commands;
    }

    public static void main(String[] args) throws Throwable {
        if (!"off".equals(System.getProperty("recon.front"))) {
            Front front = fromIndex();
            if (front != null) {
                int code = front.answer(args, System.out, System.err);
                if (code != FRAMEWORK) {
                    System.out.flush();
                    System.exit(code);
                }
            }
        }
        // bnd 7.1.0's launcher cannot start on Java 24+ (bnd issue 6370) and installs every bundle by copying it;
        // FrameworkLauncher starts the same framework on every JDK, 0.1 s sooner. -Drecon.launcher=bnd: bnd's.
        if (Runtime.version().feature() >= 24 || !"bnd".equals(System.getProperty("recon.launcher"))) {
            int code = launchWithoutBnd(args);
            System.out.flush();
            System.exit(code);
        }
        try {
            Class.forName(EMBEDDED_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Runs the command line through {@link FrameworkLauncher}, loaded with the framework's jar (a jar inside a jar
     * cannot be on a class path) so that the OSGi API it uses is the framework's. The framework's jar comes from the
     * folder where {@link BundleFolder} keeps this jar's bundles, extracted once; where that folder cannot be written,
     * from a temporary copy.
     */
    private static int launchWithoutBnd(String[] args) throws Throwable {
        Path self = Path.of(Front.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path felix;
        Path folder;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(self.toFile())) {
            String runpath = jar.getManifest().getMainAttributes().getValue("Embedded-Runpath");
            String entry = runpath == null ? null : java.util.Arrays.stream(runpath.split(","))
                    .map(String::strip).filter(e -> e.contains("org.apache.felix.framework")).findFirst().orElse(null);
            if (entry == null) {
                throw new IllegalStateException("this jar embeds no Felix framework (Embedded-Runpath: " + runpath + ")");
            }
            List<String> entries = new ArrayList<>(BundleFolder.bundleEntries(jar));
            entries.add(entry); // one folder for the framework and the bundles
            folder = BundleFolder.of(self, jar, entries); // claimed for this process's lifetime
            if (folder != null) {
                felix = folder.resolve(Path.of(entry).getFileName().toString());
            } else {
                felix = Files.createTempFile("recon-framework", ".jar");
                felix.toFile().deleteOnExit();
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    Files.copy(in, felix, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        java.net.URLClassLoader loader = new java.net.URLClassLoader("recon-framework",
                new java.net.URL[] {felix.toUri().toURL(), self.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return (Integer) loader.loadClass("org.mrirecon.front.FrameworkLauncher") // by name: not in this loader
                    .getMethod("run", Path.class, Path.class, String[].class).invoke(null, self, folder, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The recorded index, or null when this jar has none (then everything goes to the framework). */
    static Front fromIndex() {
        String model = resource("commands.tsv");
        if (model == null) {
            return null;
        }
        Map<String, Command> commands = new LinkedHashMap<>();
        for (String line : model.split("\n")) {
            String[] f = line.split("\t", -1);
            Command c = commands.computeIfAbsent(f[1], Command::new);
            if (f[0].equals("option")) {
                c.options.add(new Option(List.of(f[2].split(" ")), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        f[5]));
            } else if (f[0].equals("position")) {
                c.positionals = Integer.parseInt(f[2]);
            }
        }
        return commands.containsKey(ROOT) ? new Front(commands) : null;
    }

    /** What to do with a command line: print an answer and return its exit code, or return {@link #FRAMEWORK}. */
    int answer(String[] args, PrintStream out, PrintStream err) {
        Command root = commands.get(ROOT);
        if (args.length == 0) {
            out.print(root.usage()); // the root command alone prints its usage (Cli.run)
            return 0;
        }
        String first = args[0];
        if (args.length == 1 && (first.equals("-h") || first.equals("--help"))) {
            out.print(root.usage());
            return 0;
        }
        if (args.length == 1 && (first.equals("-V") || first.equals("--version"))) {
            return version(out);
        }
        if (first.startsWith("-")) {
            return FRAMEWORK; // root options before a command (--stacktrace ...): rare, let picocli judge
        }
        if (first.equals("help")) {
            return help(args, out, err);
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("Unmatched argument at index 0: '" + first + "'");
            List<String> near = near(first, commandNames());
            if (near.isEmpty()) {
                err.print(root.usage());
            } else {
                err.println("Did you mean: " + String.join(" or ", near.stream().map(n -> ROOT + " " + n).toList())
                        + "?");
            }
            return 2;
        }
        return subcommand(command, args, out, err);
    }

    private int help(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1) {
            out.print(commands.get(ROOT).usage());
            return 0;
        }
        if (args.length != 2 || args[1].startsWith("-")) {
            return FRAMEWORK;
        }
        Command c = commands.get(args[1]);
        if (c == null || c.name.equals(ROOT)) {
            err.println("Unknown subcommand '" + args[1] + "'.");
            err.print(commands.get(ROOT).usage());
            return 2;
        }
        out.print(c.usage());
        return 0;
    }

    private int subcommand(Command c, String[] args, PrintStream out, PrintStream err) {
        boolean help = false;
        boolean version = false;
        List<String> unknown = new ArrayList<>();
        Option missing = null;
        String unmatched = null;
        int positionals = 0;
        for (int i = 1; i < args.length; i++) {
            String t = args[i];
            if (t.equals("--")) {
                return FRAMEWORK;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                if (++positionals > c.positionals && unmatched == null) {
                    unmatched = "Unmatched argument at index " + i + ": '" + t + "'";
                }
                continue;
            }
            int eq = t.indexOf('=');
            String name = t.startsWith("--") && eq > 0 ? t.substring(0, eq) : t;
            boolean attached = !name.equals(t);
            Option o = c.option(name);
            if (o == null) {
                if (!t.startsWith("--") && t.length() > 2) {
                    return FRAMEWORK; // -hV, -m4: clustered or attached short options
                }
                unknown.add(t);
                continue;
            }
            help |= o.names.contains("--help");
            version |= o.names.contains("--version");
            if (o.max > 1) {
                return FRAMEWORK;
            }
            if (o.max == 1 && !attached) {
                String next = i + 1 < args.length ? args[i + 1] : null;
                if (next == null) {
                    if (o.min > 0 && missing == null) {
                        missing = o;
                    }
                } else if (o.min == 0) {
                    if (!next.startsWith("-")) {
                        i++; // an optional value
                    }
                } else if (c.option(optionName(next)) != null) {
                    return FRAMEWORK; // an option where a value should be: picocli's message
                } else {
                    i++; // the value
                }
            }
        }
        if (!unknown.isEmpty()) {
            err.println((unknown.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList()));
            List<String> near = new ArrayList<>();
            for (String u : unknown) {
                near.addAll(near(optionName(u), c.optionNames()));
            }
            if (near.isEmpty()) {
                err.print(c.usage());
            } else {
                err.println("Possible solutions: " + String.join(", ", near.stream().distinct().toList()));
            }
            return 2;
        }
        if (missing != null) {
            err.println("Missing required parameter for option '" + missing.longestName() + "' (" + missing.label
                    + ")");
            err.print(c.usage());
            return 2;
        }
        if (unmatched != null) {
            err.println(unmatched);
            err.print(c.usage());
            return 2;
        }
        if (help) {
            out.print(c.usage());
            return 0;
        }
        if (version) {
            return version(out);
        }
        if (c.name.equals("methods") && args.length == 1) {
            return methods(out);
        }
        return FRAMEWORK;
    }

    private int version(PrintStream out) {
        String recorded = resource("version.txt");
        if (recorded == null) {
            return FRAMEWORK;
        }
        out.println(recorded.strip());
        out.println("Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name"));
        return 0;
    }

    /**
     * The listing the launcher printed at build time. Only where that build ran the same bundles the same way:
     * ONNX Runtime's native library in this jar is for Linux x86-64, so elsewhere the framework lists what it can
     * actually load.
     */
    private int methods(PrintStream out) {
        String listing = resource("methods.txt");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (listing == null || !os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return FRAMEWORK;
        }
        out.print(listing);
        return 0;
    }

    private List<String> commandNames() {
        return commands.keySet().stream().filter(n -> !n.equals(ROOT)).toList();
    }

    private static String optionName(String t) {
        int eq = t.indexOf('=');
        return t.startsWith("--") && eq > 0 ? t.substring(0, eq) : t;
    }

    /** Candidates a mistyped word may have meant: a prefix of one another, or at most two edits apart. */
    static List<String> near(String word, List<String> candidates) {
        List<String> near = new ArrayList<>();
        String w = word.replaceFirst("^-+", "");
        for (String c : candidates) {
            String k = c.replaceFirst("^-+", "");
            if (w.length() >= 3 && (k.startsWith(w) || w.startsWith(k)) || w.length() >= 3 && edits(w, k) <= 2) {
                near.add(c);
            }
        }
        return near;
    }

    /** Levenshtein distance. */
    static int edits(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String resource(String name) {
        try (InputStream in = Front.class.getResourceAsStream(INDEX + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Command {
        final String name;
        final List<Option> options = new ArrayList<>();
        int positionals;

        Command(String name) {
            this.name = name;
        }

        Option option(String name) {
            for (Option o : options) {
                if (o.names.contains(name)) {
                    return o;
                }
            }
            return null;
        }

        List<String> optionNames() {
            List<String> names = new ArrayList<>();
            options.forEach(o -> names.addAll(o.names));
            return names;
        }

        String usage() {
            String text = resource("usage/" + name + ".txt");
            if (text == null) {
                throw new IllegalStateException("the launcher jar has no usage text for '" + name + "'; rebuild it");
            }
            return text;
        }
    }

    record Option(List<String> names, int min, int max, String label) {
        String longestName() {
            String longest = names.get(0);
            for (String n : names) {
                if (n.length() > longest.length()) {
                    longest = n;
                }
            }
            return longest;
        }
    }
}

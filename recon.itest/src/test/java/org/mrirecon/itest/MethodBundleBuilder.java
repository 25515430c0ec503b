package org.mrirecon.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a method bundle from the project's template ({@code templates/method-bundle}'s {@code MyMethod.java}) with
 * code injected at its seams, as a third party would change it (bundle plugin.NAME, package plugin.NAME): compiled with javax.tools against the API and
 * numerics bundles, wrapped with a manifest and a Declarative Services component description written here (the
 * template's DS annotation is removed: no annotation processing in a test).
 */
final class MethodBundleBuilder {

    private final String name;
    private String id;
    private String property;
    private String version = "1.0.0";
    private boolean immediate;
    private Integer ranking;
    private String apiRange = "[2.0,3)";
    private String extraImport;
    private String displayName;
    private String members = "";
    private String activation = "";
    private String descriptorBody;
    private String prologue = "";
    private String result;
    private final Map<String, String> classes = new LinkedHashMap<>();

    /** @param name the jar's and the bundle's name (plugin.NAME) and, by default, the method id */
    MethodBundleBuilder(String name) {
        this.name = name;
        this.id = name;
        this.property = name;
    }

    MethodBundleBuilder id(String descriptorId, String serviceProperty) {
        this.id = descriptorId;
        this.property = serviceProperty;
        return this;
    }

    MethodBundleBuilder version(String v) {
        this.version = v;
        return this;
    }

    MethodBundleBuilder immediate() {
        this.immediate = true;
        return this;
    }

    MethodBundleBuilder ranking(int r) {
        this.ranking = r;
        return this;
    }

    MethodBundleBuilder apiRange(String range) {
        this.apiRange = range;
        return this;
    }

    MethodBundleBuilder importing(String pkg) {
        this.extraImport = pkg;
        return this;
    }

    MethodBundleBuilder displayName(String n) {
        this.displayName = n;
        return this;
    }

    /** Fields and methods added to the class. */
    MethodBundleBuilder members(String code) {
        this.members = code;
        return this;
    }

    /** Code run first in the constructor, i.e. when DS activates the component. */
    MethodBundleBuilder activation(String code) {
        this.activation = code;
        return this;
    }

    /** The body of descriptor() ({@code descriptor} is the template's field). */
    MethodBundleBuilder descriptor(String body) {
        this.descriptorBody = body;
        return this;
    }

    /** Code run first in reconstruct() ({@code input}, {@code context} are its parameters). */
    MethodBundleBuilder prologue(String code) {
        this.prologue = code;
        return this;
    }

    /** The statement that replaces the template's return ({@code rows}, {@code cols} and the RSS image {@code rss} are in scope). */
    MethodBundleBuilder result(String statement) {
        this.result = statement;
        return this;
    }

    /** Another class of the bundle, by simple name. */
    MethodBundleBuilder withClass(String simpleName, String body) {
        classes.put(simpleName, body);
        return this;
    }

    String id() {
        return property;
    }

    String symbolicName() {
        return "plugin." + name;
    }

    /** Compiles and packs the bundle into dir/NAME-VERSION.jar. */
    Path build(Path dir) throws IOException {
        String pkg = "plugin." + name.replace('-', '_');
        String src = Files.readString(Path.of(System.getProperty("itest.template")));
        src = replace(src, "package org.example.recon.mymethod;", "package " + pkg + ";");
        src = replace(src, "import org.osgi.service.component.annotations.Component;\n", "");
        src = src.replaceFirst("@Component\\([^\\n]*\\)\\n", "");
        src = replace(src, "static final String ID = \"my-method\";", "static final String ID = \"" + id + "\";\n"
                + members);
        src = replace(src, "public MyMethod() {", "public MyMethod() {\n" + activation);
        if (displayName != null) {
            src = src.replaceFirst("\\.displayName\\(\"[^\"]*\"\\)", ".displayName(\"" + displayName + "\")");
        }
        if (descriptorBody != null) {
            src = replace(src, "        return descriptor;\n", descriptorBody + "\n");
        }
        src = replace(src, "            throws ReconstructionException {\n", "            throws ReconstructionException {\n"
                + prologue + "\n");
        if (result != null) {
            int at = src.indexOf("        return ReconstructedImage.ofMagnitude(rows, cols, rss,");
            int end = src.indexOf(";", at) + 1;
            assertTrue("the template's return statement moved", at > 0);
            src = src.substring(0, at) + result + src.substring(end);
        }
        Path work = Files.createTempDirectory("bundle-" + name);
        Path srcDir = Files.createDirectories(work.resolve("src").resolve(pkg.replace('.', '/')));
        List<Path> sources = new ArrayList<>();
        sources.add(Files.writeString(srcDir.resolve("MyMethod.java"), src));
        for (Map.Entry<String, String> c : classes.entrySet()) {
            sources.add(Files.writeString(srcDir.resolve(c.getKey() + ".java"), "package " + pkg + ";\n"
                    + c.getValue()));
        }
        Path classesDir = Files.createDirectories(work.resolve("classes"));
        Path bundles = Path.of(System.getProperty("itest.bundles"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d",
                classesDir.toString(), "-classpath", bundles.resolve("recon.api.jar") + java.io.File.pathSeparator
                        + bundles.resolve("recon.numerics.jar")));
        sources.forEach(p -> args.add(p.toString()));
        StringWriter errors = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }), args.toArray(new String[0]));
        assertTrue("the faulty method " + name + " did not compile:\n" + errors + "\n" + src, rc == 0);

        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName());
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", "org.mrirecon.api;version=\"" + apiRange + "\","
                + "org.mrirecon.numerics.coil;version=\"[2.0,3)\",org.mrirecon.numerics.op;version=\"[2.0,3)\""
                + (extraImport == null ? "" : "," + extraImport));
        a.putValue("Service-Component", "OSGI-INF/component.xml");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + pkg + "\" immediate=\""
                + immediate + "\">\n  <implementation class=\"" + pkg + ".MyMethod\"/>\n"
                + "  <service><provide interface=\"org.mrirecon.api.Reconstructor\"/></service>\n"
                + "  <property name=\"recon.method\" type=\"String\" value=\"" + property + "\"/>\n"
                + (ranking == null ? "" : "  <property name=\"service.ranking\" type=\"Integer\" value=\"" + ranking
                        + "\"/>\n")
                + "</scr:component>\n";
        Path jar = dir.resolve(name + "-" + version + ".jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
            out.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
            out.write(component.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classesDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classesDir.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private static String replace(String src, String what, String with) {
        assertTrue("the template no longer contains: " + what, src.contains(what));
        return src.replace(what, with);
    }
}

package org.mrirecon.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrirecon.cli.CommandLineIndex;

/**
 * The front door must say what the real parser (picocli on recon.cli's command tree) says, wherever it answers
 * itself; where it cannot judge, it must hand the command line to the framework. The index it reads is the one
 * recon.cli's build recorded (on the test class path inside recon.cli's jar).
 */
class FrontTest {

    private record Said(int code, String out, String err) {
    }

    private static Said front(String line) {
        Front front = Front.fromIndex();
        assertNotNull(front, "no index on the class path");
        return say(line, (a, o, e) -> front.answer(a, o, e));
    }

    private static Said picocli(String line) {
        return say(line, CommandLineIndex::check);
    }

    private interface Parser {
        int parse(String[] args, PrintStream out, PrintStream err);
    }

    private static Said say(String line, Parser parser) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = parser.parse(args, o, e);
        }
        return new Said(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Help and usage errors: same exit code, same standard output, same first line of the error. */
    @ParameterizedTest
    @ValueSource(strings = {"", "-h", "--help", "help", "help compare", "help methods", "help run", "help bench",
        "help serve", "help send", "help phantom", "help benchmark", "benchmark --bogus", "compare --help", "compare -h", "run --slices 3 --help",
        "bench -m cs@4:20 --help", "compare --bogus", "run --bogus -m cs", "methods -x", "compare --slices",
        "run -m", "compare extra", "methods extra", "help bogus", "bogus", "compare --no-ground-truth --help",
        "phantom --count=5 --help", "send --help", "serve --help"})
    void answersAsPicocliDoes(String line) {
        Said front = front(line);
        Said real = picocli(line);
        assertTrue(front.code() != Front.FRAMEWORK, "the front should answer '" + line + "' itself");
        assertEquals(real.code(), front.code(), line);
        assertEquals(real.out(), front.out(), line);
        assertEquals(firstLine(real.err()), firstLine(front.err()), line);
        if (real.code() != 0) {
            assertTrue(front.err().lines().count() > 1, "an error comes with a usage or a suggestion: " + front.err());
        }
    }

    /** Valid command lines, and those only the real parser can judge, go to the framework. */
    @ParameterizedTest
    @ValueSource(strings = {"compare --preset seed-study", "run -m cs -p cs.iterations=100 -i scan.h5",
        "compare -m grappa@2:32,cs@4:20 --slices 5", "bench --cold --slices 1", "benchmark --subjects 8 --slices 3 -o out --workers 2", "serve --deploy deploy",
        "phantom --randomize --count 100 -o data", "compare --no-ground-truth --slices=3", "-hV", "compare -hV",
        "--stacktrace compare", "compare -- -m", "compare --slices --snr", "run --seed -3"})
    void handsTheRestToTheFramework(String line) {
        assertEquals(Front.FRAMEWORK, front(line).code(), line);
    }

    @Test
    void whatGoesOnIsValidForPicocliToo() {
        // what the front hands over must not be something it should have rejected: picocli runs these
        for (String line : List.of("compare --preset seed-study", "compare -m grappa@2:32,cs@4:20 --slices 5",
                "compare --no-ground-truth --slices=3", "compare --seed 7 -m cs@4:20")) {
            assertEquals(-1, picocli(line).code(), line);
        }
    }

    @Test
    void suggestsTheNearOption() {
        Said s = front("compare --slice 3");
        assertEquals(2, s.code());
        assertTrue(s.err().contains("--slices"), s.err());
        assertEquals(2, picocli("compare --slice 3").code());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void editDistance() {
        assertEquals(0, Front.edits("abc", "abc"));
        assertEquals(1, Front.edits("slice", "slices"));
        assertEquals(3, Front.edits("kitten", "sitting"));
    }
}

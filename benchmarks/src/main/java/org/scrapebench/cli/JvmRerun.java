package org.scrapebench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.process.ShutdownHooks;

/**
 * Runs the scrape again in a JVM started with the options the model needs in the JVM it is created
 * in (the cluster's coordinator runs there): a library's own warnings must not reach stderr, where
 * the CLI promises one line per failed page, and a JVM's options cannot be changed once it runs.
 * The second JVM's output is copied to ours; its exit code is ours. Ctrl-C reaches both (they share
 * the terminal); if this JVM is stopped otherwise, it stops the second.
 */
final class JvmRerun {

    private JvmRerun() {}

    static int rerun(List<String> flags, List<String> args, PrintWriter out, PrintWriter err) {
        ChildJvm launch = ChildJvm.of("scrape", flags, ScrapeCli.class.getName(), args);
        Process process;
        try {
            process = launch.start(ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.PIPE);
        } catch (IOException e) {
            err.println("scrape: cannot start a JVM with " + String.join(" ", flags) + ": " + e.getMessage());
            return ScrapeCli.EXIT_USAGE;
        }
        Thread stopper = new Thread(process::destroy, "scrape-rerun-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread errors = copy(process.getErrorStream(), err, "scrape-rerun-stderr");
        Thread output = copy(process.getInputStream(), out, "scrape-rerun-stdout");
        try {
            int code = process.waitFor();
            output.join();
            errors.join();
            return code;
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            err.println("scrape: interrupted");
            return ScrapeCli.EXIT_INTERRUPTED;
        } finally {
            ShutdownHooks.remove(stopper);
        }
    }

    private static Thread copy(InputStream from, PrintWriter to, String name) {
        Thread thread = new Thread(() -> {
            char[] buffer = new char[8192];
            try (Reader in = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

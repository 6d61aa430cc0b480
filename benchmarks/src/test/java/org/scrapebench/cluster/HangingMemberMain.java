package org.scrapebench.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A cluster member for tests: the first one started with a given marker directory (the first
 * argument; the rest are {@link MemberMain}'s) claims the tasks it takes and then hangs on each,
 * as a member stuck in a call that never returns would; the members started after it, its
 * replacement included, behave.
 */
public final class HangingMemberMain {

    private HangingMemberMain() {}

    public static void main(String[] args) {
        boolean first;
        try {
            first = new File(args[0], "hanging-member").createNewFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] memberArgs = Arrays.copyOfRange(args, 1, args.length);
        MemberMain.ProductScraper hang = (workload, url) -> {
            Thread.sleep(Long.MAX_VALUE);
            throw new AssertionError("unreachable");
        };
        System.exit(MemberMain.run(memberArgs, first ? hang : (workload, url) -> workload.scrapeProduct(url)));
    }
}

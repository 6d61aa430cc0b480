package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.scrapebench.scrape.ScrapeSettings;

/** VIRTUAL_THREADS runs on JDK 21+ and refuses clearly below, never falling back to platform threads. */
class VirtualThreadsAvailabilityTest {

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "virtual threads exist on this JDK")
    void refusesWithAClearReasonBeforeJdk21() {
        assertEquals("needs JDK 21+ (this is JDK " + Runtime.version().feature() + ")",
                Model.VIRTUAL_THREADS.unavailableReason());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Model.VIRTUAL_THREADS.create(ScrapeSettings.http(4)));
        assertTrue(e.getMessage().startsWith("VIRTUAL_THREADS needs JDK 21+"), e.getMessage());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+")
    void runsProductTasksOnVirtualThreadsFromJdk21() throws Exception {
        assertNull(Model.VIRTUAL_THREADS.unavailableReason());
        try (VirtualThreadsModel model = (VirtualThreadsModel) Model.VIRTUAL_THREADS.create(ScrapeSettings.http(4))) {
            Object isVirtual = model.executor.submit(
                    () -> Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())).get();
            assertEquals(Boolean.TRUE, isVirtual);
        }
    }
}

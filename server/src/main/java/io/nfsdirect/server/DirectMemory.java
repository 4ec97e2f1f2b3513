package io.nfsdirect.server;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/** The JVM's limit on direct buffer memory, as {@code -XX:MaxDirectMemorySize} sets it. */
final class DirectMemory {

    private DirectMemory() {
    }

    /**
     * The limit in bytes. Unset (0), HotSpot allows as much direct memory as the maximum heap;
     * where the option cannot be read, the heap's maximum is the same answer.
     */
    static long max() {
        long heap = Runtime.getRuntime().maxMemory();
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = vm == null ? 0 : Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heap;
        } catch (RuntimeException notHotSpot) {
            return heap;
        }
    }
}

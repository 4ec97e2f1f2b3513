/** The benchmark behind {@code bench/run}: nfs-direct against its peers on one server, file and run. */
package io.nfsdirect.bench;

package org.torch4j.distributed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code torch.distributed.rendezvous}: turns an init method into a store, a rank and a world size. {@code env://}
 * reads MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE from the environment (an explicit rank or world size wins);
 * {@code tcp://host:port} needs them as arguments or as {@code ?rank=..&world_size=..}. Rank 0 serves the TCP store.
 */
final class Rendezvous {
    private Rendezvous() {}

    /** What a rendezvous found. */
    record Result(Store store, int rank, int worldSize) {}

    static Result of(String initMethod, int rank, int worldSize, Duration timeout, Function<String, String> env) {
        int sep = initMethod.indexOf("://");
        if (sep < 0) throw new IllegalArgumentException("No rendezvous handler for " + initMethod);
        String scheme = initMethod.substring(0, sep), rest = initMethod.substring(sep + 3);
        int q = rest.indexOf('?');
        Map<String, String> query = query(q < 0 ? null : rest.substring(q + 1));
        String authority = q < 0 ? rest : rest.substring(0, q);
        if (query.containsKey("rank")) rank = Integer.parseInt(query.get("rank"));
        if (query.containsKey("world_size")) worldSize = Integer.parseInt(query.get("world_size"));
        if ("env".equals(scheme)) {
            String err = "Error initializing torch.distributed using env:// rendezvous: ";
            if (rank < 0) rank = Integer.parseInt(required(env, "RANK", err));
            if (worldSize < 0) worldSize = Integer.parseInt(required(env, "WORLD_SIZE", err));
            String addr = required(env, "MASTER_ADDR", err);
            int port = Integer.parseInt(required(env, "MASTER_PORT", err));
            return new Result(new TCPStore(addr, port, worldSize, rank == 0, timeout), rank, worldSize);
        }
        if ("tcp".equals(scheme)) {
            String err = "Error initializing torch.distributed using tcp:// rendezvous: ";
            if (rank < 0) throw new IllegalArgumentException(err + "rank parameter missing");
            if (worldSize < 0) throw new IllegalArgumentException(err + "world size parameter missing");
            int colon = authority.lastIndexOf(':');
            if (colon < 0) throw new IllegalArgumentException(err + "port number missing");
            String host = authority.substring(0, colon);
            int port = Integer.parseInt(authority.substring(colon + 1).replace("/", ""));
            return new Result(new TCPStore(host, port, worldSize, rank == 0, timeout), rank, worldSize);
        }
        throw new IllegalArgumentException("No rendezvous handler for " + scheme + "://");
    }

    private static String required(Function<String, String> env, String name, String err) {
        String v = env.apply(name);
        if (v == null) throw new IllegalArgumentException(err + "environment variable " + name + " expected, but not set");
        return v;
    }

    private static Map<String, String> query(String q) {
        Map<String, String> r = new HashMap<>();
        if (q == null || q.isEmpty()) return r;
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) r.put(kv.substring(0, i), kv.substring(i + 1));
        }
        return r;
    }
}

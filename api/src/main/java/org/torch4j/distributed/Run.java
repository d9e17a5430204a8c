package org.torch4j.distributed;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code torchrun} ({@code torch.distributed.run}) for the JVM: starts {@code --nproc-per-node} child JVMs running a
 * main class, each with RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, GROUP_RANK, MASTER_ADDR and MASTER_PORT set
 * for {@link Dist#initProcessGroup(String)}'s {@code env://} rendezvous.
 *
 * <pre>
 * java -cp CLASSPATH org.torch4j.distributed.Run --nproc-per-node 2 com.example.Train --epochs 3
 * </pre>
 *
 * <p>Options (torchrun's, with dashes or underscores): {@code --nproc-per-node N} (default 1), {@code --nnodes N}
 * (default 1; run the launcher once per node), {@code --node-rank R} (default 0), {@code --master-addr A}
 * (default 127.0.0.1), {@code --master-port P} (default 29500). The children get this JVM's java binary, JVM flags
 * and class path; each output line is prefixed with {@code [rank N]: }. When a child fails the others are
 * stopped and the launcher exits with the failed child's code. A plain class path only: not inside an OSGi
 * framework.
 */
public final class Run {
    private Run() {}

    /**
     * Launches the children and exits with their result.
     *
     * @param args the options, then the main class and its arguments
     */
    public static void main(String[] args) {
        System.exit(launch(Arrays.asList(args), System.out));
    }

    /**
     * Launches the children, waits for them, and returns 0 when all succeeded, else the first failed child's exit
     * code (the others are stopped).
     *
     * @param args the options, then the main class and its arguments
     * @param out where the children's prefixed output lines go
     * @return the exit code
     */
    public static int launch(List<String> args, PrintStream out) {
        int nproc = 1, nnodes = 1, nodeRank = 0, port = 29500;
        String addr = "127.0.0.1";
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("--"); i++) {
            String opt = args.get(i).replace('_', '-');
            String value;
            int eq = opt.indexOf('=');
            if (eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("argument " + opt + ": expected one argument");
                value = args.get(++i);
            }
            switch (opt) {
                case "--nproc-per-node" -> nproc = Integer.parseInt(value);
                case "--nnodes" -> nnodes = Integer.parseInt(value);
                case "--node-rank" -> nodeRank = Integer.parseInt(value);
                case "--master-addr" -> addr = value;
                case "--master-port" -> port = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unrecognized arguments: " + opt);
            }
        }
        if (i >= args.size()) throw new IllegalArgumentException("the following arguments are required: training_script");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(args.subList(i, args.size()));
        List<Process> children = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        try {
            for (int local = 0; local < nproc; local++) {
                int rank = nodeRank * nproc + local;
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.put("RANK", Integer.toString(rank));
                env.put("LOCAL_RANK", Integer.toString(local));
                env.put("WORLD_SIZE", Integer.toString(nnodes * nproc));
                env.put("LOCAL_WORLD_SIZE", Integer.toString(nproc));
                env.put("GROUP_RANK", Integer.toString(nodeRank));
                env.put("MASTER_ADDR", addr);
                env.put("MASTER_PORT", Integer.toString(port));
                Process p = pb.start();
                children.add(p);
                Thread t = Peer.daemon(() -> pump(p, "[rank " + rank + "]: ", out), "torchrun output of rank " + rank);
                t.start();
                pumps.add(t);
            }
            int code = watch(children);
            for (Thread t : pumps) t.join(2000);
            return code;
        } catch (IOException e) {
            throw new DistributedException("could not start a child JVM: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            for (Process p : children) if (p.isAlive()) p.destroyForcibly();
        }
    }

    /** Waits for the children; at the first failure stops the others and returns its code. */
    private static int watch(List<Process> children) throws InterruptedException {
        while (true) {
            boolean running = false;
            for (Process p : children) {
                if (p.isAlive()) {
                    running = true;
                } else if (p.exitValue() != 0) {
                    for (Process q : children) if (q.isAlive()) q.destroy();
                    for (Process q : children) if (!q.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) q.destroyForcibly();
                    return p.exitValue();
                }
            }
            if (!running) return 0;
            Thread.sleep(20);
        }
    }

    private static void pump(Process p, String prefix, PrintStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (out) {
                    out.println(prefix + line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** This JVM's flags, less debugger agents (a second JVM could not bind the same port). */
    private static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String f : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!f.startsWith("-agentlib:jdwp") && !f.startsWith("-javaagent")) flags.add(f);
        }
        return flags;
    }
}

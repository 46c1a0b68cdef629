// gc-bench.sh's client, run as a single-file program on registry-service's classpath (java.net.http only):
//   java GcBench.java find <registry> <gc-token>                          candidate queries of a dry run, all pages
//   java GcBench.java blobs <registry> <token> <repository> <count> <out>  pushes <count> small blobs, digests to <out>
//   java GcBench.java collect <registry> <gc-token> <digests> <workers>     blobs/collect of those digests, in 100s
//   java GcBench.java push <registry> <token> <repository> <seconds> <threads>  small images pushed, pushes/s
//   java GcBench.java gc <registry> <gc-token> <stop-file>                  full GC cycles until <stop-file> exists
//   java GcBench.java sweep <registry> <gc-token>                           an orphan sweep of blobs/, all pages
// Prints one line of figures per command.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class GcBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern CUTOFF = Pattern.compile("\"cutoff\"\\s*:\\s*(\"[^\"]*\"|[0-9.eE+-]+)");
    static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*(null|\\{[^}]*\\})");
    static final Pattern KIND = Pattern.compile("\"kind\"\\s*:");
    static final Pattern ITEM = Pattern.compile("\\{[^{}]*\"digest\"[^{}]*\\}");

    public static void main(String[] a) {
        try {
            run(a);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // worker threads still running a failed command are not waited for
        }
    }

    static void run(String[] a) throws Exception {
        switch (a[0]) {
            case "find" -> find(a[1], a[2]);
            case "blobs" -> blobs(a[1], a[2], a[3], Integer.parseInt(a[4]), Path.of(a[5]));
            case "collect" -> collect(a[1], a[2], Path.of(a[3]), Integer.parseInt(a[4]));
            case "push" -> push(a[1], a[2], a[3], Integer.parseInt(a[4]), Integer.parseInt(a[5]));
            case "gc" -> gc(a[1], a[2], Path.of(a[3]));
            case "sweep" -> sweep(a[1], a[2]);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static String post(String base, String token, String op, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/internal/gc/" + op))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(op + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String start(String base, String token, long run, boolean dry) throws Exception {
        Matcher m = CUTOFF.matcher(post(base, token, "start", "{\"run_id\":" + run + ",\"dry_run\":" + dry + "}"));
        m.find();
        return m.group(1);
    }

    /** All pages of one kind's candidates; collected in batches on {@code pool} unless null. Returns {items, deleted}. */
    static long[] phase(String base, String token, long run, String cutoff, boolean dry, String kind, ExecutorService pool) throws Exception {
        long items = 0, deleted = 0;
        String after = "null";
        List<Future<String>> batches = new ArrayList<>();
        do {
            String page = post(base, token, kind + "/candidates", "{\"run_id\":" + run + ",\"cutoff\":" + cutoff + ",\"dry_run\":" + dry
                    + ",\"limit\":1000,\"after\":" + after + "}");
            List<String> found = new ArrayList<>();
            Matcher im = ITEM.matcher(page.substring(0, page.lastIndexOf("\"next\"")));
            while (im.find()) {
                found.add(im.group());
            }
            items += found.size();
            if (pool != null) {
                for (int i = 0; i < found.size(); i += 100) {
                    String body = "{\"run_id\":" + run + ",\"cutoff\":" + cutoff + ",\"dry_run\":" + dry + ",\"items\":["
                            + String.join(",", found.subList(i, Math.min(found.size(), i + 100))) + "]}";
                    batches.add(pool.submit(() -> post(base, token, kind + "/collect", body)));
                }
            }
            Matcher nm = NEXT.matcher(page);
            after = nm.find() ? nm.group(1) : "null";
        } while (!after.equals("null"));
        for (Future<String> b : batches) {
            deleted += deletedIn(b.get());
        }
        return new long[] {items, deleted};
    }

    /** The entries of a GcCollected's {@code deleted} (the only objects with a {@code kind}). */
    static long deletedIn(String collected) {
        Matcher m = KIND.matcher(collected);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static void find(String base, String token) throws Exception {
        long run = System.nanoTime() % 1_000_000_000L;
        String cutoff = start(base, token, run, true);
        StringBuilder out = new StringBuilder();
        long total = System.nanoTime();
        for (String kind : List.of("manifests", "links", "blobs")) {
            long t = System.nanoTime();
            long[] n = phase(base, token, run, cutoff, true, kind, null);
            out.append(String.format(" %s=%d in %.2fs", kind, n[0], (System.nanoTime() - t) / 1e9));
        }
        post(base, token, "finish", "{\"run_id\":" + run + "}");
        System.out.printf("find_s=%.2f%s%n", (System.nanoTime() - total) / 1e9, out);
    }

    static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static void upload(String base, String token, String repo, byte[] content) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/?digest=" + sha256(content)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("blob upload: " + r.statusCode() + " " + r.body());
        }
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    static void blobs(String base, String token, String repo, int count, Path out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(pool.submit(() -> {
                byte[] content = random(1024);
                upload(base, token, repo, content);
                return sha256(content);
            }));
        }
        List<String> digests = new ArrayList<>();
        for (Future<String> f : done) {
            digests.add(f.get());
        }
        pool.shutdown();
        Files.write(out, digests);
        System.out.println("blobs=" + digests.size());
    }

    static void collect(String base, String token, Path digestsFile, int workers) throws Exception {
        List<String> digests = Files.readAllLines(digestsFile);
        long run = System.nanoTime() % 1_000_000_000L;
        String cutoff = start(base, token, run, false);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong deleted = new AtomicLong();
        long t = System.nanoTime();
        List<Future<?>> batches = new ArrayList<>();
        for (int i = 0; i < digests.size(); i += 100) {
            StringBuilder items = new StringBuilder();
            for (String d : digests.subList(i, Math.min(digests.size(), i + 100))) {
                items.append(items.length() == 0 ? "" : ",").append("{\"repository_id\":0,\"digest\":\"").append(d).append("\",\"size\":1024}");
            }
            String body = "{\"run_id\":" + run + ",\"cutoff\":" + cutoff + ",\"dry_run\":false,\"items\":[" + items + "]}";
            batches.add(pool.submit(() -> {
                deleted.addAndGet(deletedIn(post(base, token, "blobs/collect", body)));
                return null;
            }));
        }
        for (Future<?> b : batches) {
            b.get();
        }
        double s = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        post(base, token, "finish", "{\"run_id\":" + run + "}");
        if (deleted.get() != digests.size()) {
            throw new IllegalStateException("deleted " + deleted.get() + " of " + digests.size());
        }
        System.out.printf("deleted=%d seconds=%.2f per_s=%.0f%n", deleted.get(), s, deleted.get() / s);
    }

    static void push(String base, String token, String repo, int seconds, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong pushes = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    byte[] config = ("{\"bench\":\"" + System.nanoTime() + "-" + ThreadLocalRandom.current().nextLong() + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] layer = random(4096);
                    upload(base, token, repo, config);
                    upload(base, token, repo, layer);
                    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config)
                            + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                            + "\"digest\":\"" + sha256(layer) + "\",\"size\":" + layer.length + "}]}";
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/t"
                                    + Thread.currentThread().getId() + "-" + pushes.get()))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                            .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("manifest push: " + r.statusCode() + " " + r.body());
                    }
                    pushes.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        System.out.printf("pushes=%d per_s=%.1f%n", pushes.get(), pushes.get() / (double) seconds);
    }

    static final Pattern LISTED = Pattern.compile("\"listed\"\\s*:\\s*(\\d+)");
    static final Pattern PATH = Pattern.compile("\"path\"\\s*:");
    static final Pattern NEXT_PATH = Pattern.compile("\"next\"\\s*:\\s*(null|\"[^\"]*\")");

    static void sweep(String base, String token) throws Exception {
        long run = System.nanoTime() % 1_000_000_000L;
        String cutoff = start(base, token, run, false);
        long listed = 0, deleted = 0;
        String after = "null";
        long t = System.nanoTime();
        do {
            String page = post(base, token, "orphans/sweep", "{\"run_id\":" + run + ",\"cutoff\":" + cutoff
                    + ",\"dry_run\":false,\"area\":\"blobs\",\"limit\":1000,\"after\":" + after + "}");
            Matcher lm = LISTED.matcher(page);
            listed += lm.find() ? Long.parseLong(lm.group(1)) : 0;
            Matcher pm = PATH.matcher(page);
            while (pm.find()) {
                deleted++;
            }
            Matcher nm = NEXT_PATH.matcher(page);
            after = nm.find() ? nm.group(1) : "null";
        } while (!after.equals("null"));
        double s = (System.nanoTime() - t) / 1e9;
        post(base, token, "finish", "{\"run_id\":" + run + "}");
        System.out.printf("listed=%d deleted=%d seconds=%.2f per_s=%.0f list_rate=%.0f%n", listed, deleted, s, deleted / s, listed / s);
    }

    static void gc(String base, String token, Path stop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long cycles = 0, deleted = 0;
        do {
            long run = System.nanoTime() % 1_000_000_000L;
            String cutoff = start(base, token, run, false);
            for (int round = 0; round < 10; round++) {
                long[] m = phase(base, token, run, cutoff, false, "manifests", pool);
                deleted += m[1];
                if (m[1] == 0) {
                    break;
                }
            }
            deleted += phase(base, token, run, cutoff, false, "links", pool)[1];
            deleted += phase(base, token, run, cutoff, false, "blobs", pool)[1];
            post(base, token, "finish", "{\"run_id\":" + run + "}");
            cycles++;
        } while (!Files.exists(stop));
        pool.shutdown();
        System.out.println("gc_cycles=" + cycles + " gc_deleted=" + deleted);
    }
}

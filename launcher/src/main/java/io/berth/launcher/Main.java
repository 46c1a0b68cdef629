package io.berth.launcher;

import io.berth.common.config.BerthConfigLoader;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./berth up | down | status | logs [service] [-f]}: Berth on one machine. The script
 * {@code ./berth} builds what is missing and runs this with {@code --home <checkout>}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Path home = Path.of(".");
        int i = 0;
        if (args.length >= 2 && args[0].equals("--home")) {
            home = Path.of(args[1]);
            i = 2;
        }
        String command = args.length > i ? args[i] : "help";
        String[] rest = Arrays.copyOfRange(args, Math.min(args.length, i + 1), args.length);
        try {
            System.exit(run(home.toAbsolutePath().normalize(), command, rest));
        } catch (LaunchException e) {
            System.err.println("berth: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(Path home, String command, String[] rest) {
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            System.out.println("""
                    usage: ./berth <command>
                      up [--tls]         build if needed, start PostgreSQL/Redis if needed, start all services (or
                                         those not running) and a supervisor that starts again any that exits;
                                         --tls: HTTPS on tls.https_port with a certificate of a CA of Berth's own,
                                         made once under <data_dir>/tls (clients trust its ca.crt)
                      down               stop everything ./berth up started
                      status             what is running, and whether it is ready
                      logs [service] [-f] print (or follow) a service's log; services: %s""".formatted(
                    String.join(", ", ServiceSpec.names())));
            return 0;
        }
        Launcher launcher = new Launcher(home, loadConfig());
        return switch (command) {
            case "up" -> launcher.up(upOptions(rest));
            case "down" -> launcher.down();
            case "status" -> launcher.status();
            case "logs" -> launcher.logs(rest);
            case "supervise" -> launcher.supervise(); // what ./berth up starts in the background
            default -> throw new LaunchException("unknown command '" + command + "' (try ./berth help)");
        };
    }

    private static boolean upOptions(String[] rest) {
        boolean tls = false;
        for (String option : rest) {
            if (option.equals("--tls")) {
                tls = true;
            } else {
                throw new LaunchException("unknown option of up: '" + option + "' (try ./berth help)");
            }
        }
        return tls;
    }

    private static Configuration loadConfig() {
        try {
            SmallRyeConfig config = BerthConfigLoader.load();
            return new Configuration(config);
        } catch (ConfigValidationException e) {
            StringBuilder lines = new StringBuilder("invalid configuration:");
            for (int p = 0; p < e.getProblemCount(); p++) {
                lines.append("\n  ").append(e.getProblem(p).getMessage());
            }
            throw new LaunchException(lines.toString());
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new LaunchException("invalid configuration: " + e.getMessage());
        }
    }
}

package org.qinglang.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code qinglang} command. */
@Command(name = "qinglang", mixinStandardHelpOptions = true, version = "qinglang 0.1.0",
    description = {
        "Qinglang (清朗) keeps live-stream e-commerce honest: it reads platform events,",
        "finds fabricated traffic, fake orders, paid comments and false marketing,",
        "and writes explainable alerts.",
        "",
        "Start with: qinglang demo"},
    subcommands = {
        DemoCommand.class,
        SimulateCommand.class,
        AnalyzeCommand.class,
        EvalCommand.class,
        BenchCommand.class,
        CheckCommand.class,
        RulesCommand.class,
        BaselinesCommand.class,
        ServeCommand.class,
        KafkaCommand.class,
        VerifyCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((ex, cmd, parsed) -> {
          List<String> lines = Failure.describe(ex);
          cmd.getErr().println("qinglang " + cmd.getCommandName() + ": " + lines.get(0));
          lines.stream().skip(1).forEach(cmd.getErr()::println);
          return 2;
        })
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}

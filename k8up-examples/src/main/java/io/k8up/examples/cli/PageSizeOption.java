package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import picocli.CommandLine.Option;

/** How many objects each list request asks for; an option of every command that lists a live cluster. */
final class PageSizeOption {

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "500", converter = OptionConverters.PositiveInt.class,
      description = "A live cluster is listed N objects per request (limit and continue), each page turned into the"
          + " plan's model before the next is asked for; a run's polls and a sweep's lists too. Default: ${DEFAULT-VALUE}.")
  int pageSize;

  void applyTo(K8upRwo.Builder backups) {
    backups.pageSize(pageSize);
  }
}

package io.k8up.core.internal.snapshot;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** SnakeYAML set up to read Kubernetes objects from files nobody vetted. */
public final class SafeYaml {

  // Large enough for a 100 MB snapshot of a big cluster, while still bounded.
  private static final int CODE_POINT_LIMIT = 1 << 30;
  // Kubernetes objects use no aliases; a few are tolerated, a billion laughs are not.
  private static final int MAX_ALIASES = 50;

  private SafeYaml() {}

  /** A new loader; SnakeYAML loaders are not thread-safe, so each read makes its own. */
  public static Yaml newLoader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(CODE_POINT_LIMIT);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    return new Yaml(
        new VerbatimScalarConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        new NoTimestampResolver());
  }

  /**
   * The YAML 1.1 resolver without timestamps, so that {@code creationTimestamp:
   * 2024-01-01T00:00:00Z} stays the string client-java parses, not a {@link java.util.Date}.
   */
  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
      addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
    }
  }
}

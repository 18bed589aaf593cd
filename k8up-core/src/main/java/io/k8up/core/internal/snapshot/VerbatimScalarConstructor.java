package io.k8up.core.internal.snapshot;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's safe constructor, except that numbers remember how they were written: an unquoted
 * annotation such as {@code k8up.io/hostname: 0755} or {@code 1e3} reaches a string field as
 * written, not as {@code 493} or {@code 1000.0}, while numeric fields still get the number.
 */
final class VerbatimScalarConstructor extends SafeConstructor {

  VerbatimScalarConstructor(LoaderOptions options) {
    super(options);
    yamlConstructors.put(Tag.INT, new VerbatimNumber(yamlConstructors.get(Tag.INT)));
    yamlConstructors.put(Tag.FLOAT, new VerbatimNumber(yamlConstructors.get(Tag.FLOAT)));
  }

  private static final class VerbatimNumber extends AbstractConstruct {
    private final Construct numeric;

    VerbatimNumber(Construct numeric) {
      this.numeric = numeric;
    }

    @Override
    public Object construct(Node node) {
      return new WrittenNumber(((ScalarNode) node).getValue(), (Number) numeric.construct(node));
    }
  }
}

package io.k8up.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The bill of materials manages the published k8up modules at the build's version, and nothing else. */
class BomTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void bomHasNoParentAndTheParentsVersion() throws Exception {
    Document bom = read(ROOT.resolve("k8up-bom/pom.xml"));
    Document parent = read(ROOT.resolve("pom.xml"));

    assertThat(children(bom.getDocumentElement(), "parent")).as("a parent would leak its third-party pins").isEmpty();
    assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
    assertThat(text(bom.getDocumentElement(), "groupId")).isEqualTo(text(parent.getDocumentElement(), "groupId"));
  }

  @Test
  void bomManagesExactlyTheParentsOwnModules() throws Exception {
    List<String> bom = managed(read(ROOT.resolve("k8up-bom/pom.xml")), false);
    List<String> parentsOwn = managed(read(ROOT.resolve("pom.xml")), true);

    assertThat(bom).containsExactlyInAnyOrderElementsOf(parentsOwn).allMatch(entry -> entry.startsWith("io.k8up:"));
    assertThat(bom).contains("io.k8up:k8up-core:jar", "io.k8up:k8up-strategy-jobperpvc:jar",
        "io.k8up:k8up-strategy-ephemeral:jar", "io.k8up:k8up-strategy-csisnapshot:jar")
        .noneMatch(entry -> entry.contains("examples") || entry.contains("benchmarks"));
  }

  // groupId:artifactId:type of each managed dependency; only the io.k8up ones if ownOnly.
  private static List<String> managed(Document pom, boolean ownOnly) {
    Element management = children(pom.getDocumentElement(), "dependencyManagement").get(0);
    Element dependencies = children(management, "dependencies").get(0);
    List<String> entries = new ArrayList<>();
    for (Element dependency : children(dependencies, "dependency")) {
      String group = text(dependency, "groupId");
      if (ownOnly && !group.equals("io.k8up")) {
        continue;
      }
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      String type = children(dependency, "type").isEmpty() ? "jar" : text(dependency, "type");
      entries.add(group + ":" + text(dependency, "artifactId") + ":" + type);
    }
    return entries;
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    return children(parent, name).get(0).getTextContent().trim();
  }
}
